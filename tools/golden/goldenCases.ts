import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/projectRoot';
import type { Catalog } from '../../src/data/loadRuleSets';
import { toProblems, validators } from '../../src/data/schemas';
import { validateProfile } from '../../src/profile/validateProfile';
import { evaluateProfile } from '../../src/evaluateProfile';
import { personas } from '../../src/profile/personas';
import { emptyRecord } from '../../src/profile/safePath';
import { LICENSE_TYPES, type LicenseType } from '../../src/data/ruleSetTypes';
import type { Evaluation } from '../../src/checklist/evaluationTypes';
import type { RenewalCase } from './renewalCases';

/** Golden cases: real profiles with the outcome each jurisdiction's rules give them (see the schema). */
export interface GoldenCase {
  name: string;
  license: LicenseType;
  persona?: string;
  profile?: Record<string, unknown>;
  expect: {
    outcome: string;
    bestPathway?: string | null;
    bestLicenseRoute?: string | null;
    estimate?: { fromMonths: number; toMonths: number | null; band?: string };
    pathways?: Record<string, string>;
    requirements?: Record<string, string>;
    missingIncludes?: string[];
  };
}

export interface GoldenFile {
  file: string;
  jurisdiction: string;
  cases: GoldenCase[];
  renewalCases?: RenewalCase[];
}

export const goldenDir = path.join(projectRoot, 'test', 'golden');

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Objects merge key by key; arrays and plain values replace. Keys come from a file: on a null-prototype
 * object a "__proto__" key stays an own field, for the profile schema to refuse, instead of re-parenting.
 */
export function mergeProfile(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.assign(emptyRecord(), base);
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isObject(b) && isObject(v) ? mergeProfile(b, v) : v;
  }
  return out;
}

export function profileOf(c: GoldenCase): Record<string, unknown> {
  const persona = c.persona ? personas.find((p) => p.id === c.persona) : undefined;
  if (c.persona && !persona) throw new Error(`unknown persona "${c.persona}"`);
  return mergeProfile(persona?.profile ?? {}, c.profile ?? {});
}

/** Reads the golden files (all, or those of the `only` jurisdictions), throwing with file and pointer on a schema violation. */
export function loadGoldenFiles(dir = goldenDir, only?: readonly string[]): GoldenFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json') && (!only || only.includes(path.basename(f, '.json'))))
    .sort()
    .map((name) => {
      const file = path.relative(projectRoot, path.join(dir, name));
      const data: unknown = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8'));
      if (!validators.goldenCases(data)) {
        const p = toProblems(validators.goldenCases.errors)[0]!;
        throw new Error(`${file}#${p.pointer}: ${p.message}`);
      }
      return { file, ...(data as Omit<GoldenFile, 'file'>) };
    });
}

/** Every way the evaluation differs from what the case expects; empty when the case passes. */
export function compareToExpectation(c: GoldenCase, e: Evaluation): string[] {
  const out: string[] = [];
  const x = c.expect;
  if (e.outcome !== x.outcome) out.push(`outcome is ${e.outcome}, expected ${x.outcome}`);
  if (x.bestPathway !== undefined && e.bestPathway !== x.bestPathway) out.push(`best pathway is ${e.bestPathway}, expected ${x.bestPathway}`);
  if (x.bestLicenseRoute !== undefined && e.bestLicenseRoute !== x.bestLicenseRoute) out.push(`best route to a license is ${e.bestLicenseRoute}, expected ${x.bestLicenseRoute}`);
  if (x.estimate) {
    const got = e.pathways.find((p) => p.id === e.bestLicenseRoute)?.estimate;
    const from = got && Math.floor(got.minMonths);
    const to = got && (got.maxMonths === null ? null : Math.ceil(got.maxMonths));
    if (!got || from !== x.estimate.fromMonths || to !== x.estimate.toMonths || (x.estimate.band && got.band !== x.estimate.band)) {
      out.push(`estimate is ${got ? `${got.words} (${from} to ${to ?? 'open'}, ${got.band})` : 'absent'}, expected ${x.estimate.fromMonths} to ${x.estimate.toMonths ?? 'open'}${x.estimate.band ? `, ${x.estimate.band}` : ''}`);
    }
  }
  for (const [id, want] of Object.entries(x.pathways ?? {})) {
    const got = e.pathways.find((p) => p.id === id)?.outcome ?? 'absent';
    if (got !== want) out.push(`pathway ${id} is ${got}, expected ${want}`);
  }
  for (const [id, want] of Object.entries(x.requirements ?? {})) {
    const got = e.pathways.flatMap((p) => p.requirements).find((r) => r.id === id);
    if ((got?.status ?? 'absent') !== want) out.push(`requirement ${id} is ${got?.status ?? 'absent'} (${got?.detail ?? ''}), expected ${want}`);
  }
  for (const pointer of x.missingIncludes ?? []) {
    if (!e.missing.includes(pointer)) out.push(`missing does not list ${pointer} (it lists ${e.missing.join(', ') || 'nothing'})`);
  }
  return out;
}

/** Runs one case: validates its profile, evaluates it, and lists the differences from its expectation. */
export async function runGoldenCase(catalog: Catalog, jurisdiction: string, c: GoldenCase): Promise<string[]> {
  const ruleSet = catalog.get(jurisdiction, c.license);
  if (!ruleSet) return [`no ${c.license} rule set for ${jurisdiction}`];
  const profile = profileOf(c);
  const problems = validateProfile(profile, catalog);
  if (problems.length > 0) return problems.map((p) => `profile ${p.pointer}: ${p.message}`);
  return compareToExpectation(c, await evaluateProfile(ruleSet, profile));
}

const isEmptyProfileCase = (c: GoldenCase) => !c.persona && c.profile !== undefined && Object.keys(c.profile).length === 0;
const showsUnmet = (c: GoldenCase) => c.expect.outcome === 'not-eligible' || Object.values(c.expect.requirements ?? {}).includes('unmet');
const namesPathway = (c: GoldenCase, ids: Set<string>) =>
  (c.expect.bestPathway != null && ids.has(c.expect.bestPathway)) || Object.keys(c.expect.pathways ?? {}).some((id) => ids.has(id));

/** The minimum every rule set with requirements needs, so no jurisdiction ships untested. */
const MIN_CASES_PER_RULE_SET = 4;

/**
 * What each rule set with requirements lacks among: MIN_CASES_PER_RULE_SET cases, an empty profile, an
 * eligible case (when some pathway can be eligible at all), a case with a key requirement unmet (when one
 * can be), a case stating the best route to a license and its time estimate (when a full route exists), and
 * a case about an endorsement pathway (when one exists).
 */
export function coverageGaps(catalog: Catalog, files: GoldenFile[]): string[] {
  const gaps: string[] = [];
  for (const j of catalog.jurisdictions) {
    for (const license of LICENSE_TYPES) {
      const ruleSet = j.ruleSets[license];
      if (ruleSet.requirements.length === 0) continue;
      const cases = files.filter((f) => f.jurisdiction === j.code).flatMap((f) => f.cases.filter((c) => c.license === license));
      const lack = (what: string) => gaps.push(`${j.code} ${license}: ${what}`);
      if (cases.length < MIN_CASES_PER_RULE_SET) lack(`${cases.length} golden cases, at least ${MIN_CASES_PER_RULE_SET} needed`);
      if (!cases.some(isEmptyProfileCase)) lack('no empty-profile case');
      const canBeUnmet = ruleSet.requirements.some((r) => r.conditions !== undefined);
      if (canBeUnmet && !cases.some(showsUnmet)) lack('no case with a key requirement unmet');
      const unverified = new Set(ruleSet.requirements.filter((r) => r.unverified !== undefined).map((r) => r.id));
      if (ruleSet.pathways.some((p) => p.requires.every((id) => !unverified.has(id))) && !cases.some((c) => c.expect.outcome === 'eligible')) {
        lack('no eligible case, though a pathway can be met');
      }
      if (ruleSet.pathways.some((p) => p.term === 'full') && !cases.some((c) => c.expect.estimate && c.expect.bestLicenseRoute)) {
        lack('no case that states the best route to a license and its time estimate');
      }
      const endorsement = new Set(ruleSet.pathways.filter((p) => p.kind === 'endorsement').map((p) => p.id));
      if (endorsement.size > 0 && !cases.some((c) => namesPathway(c, endorsement))) lack('no case about the endorsement pathway');
    }
  }
  return gaps;
}
