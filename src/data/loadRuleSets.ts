import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { RuleProperties } from 'json-rules-engine';
import type { ValidateFunction } from 'ajv';
import { projectRoot } from '../projectRoot';
import { checkedAtBuild, toProblems, validators } from './schemas';
import { checkJurisdictionFile, checkNamedCondition } from './crossCheck';
import { RuleDataError, type PointedProblem, type RuleDataProblem } from './RuleDataError';
import { checkAssumptions, type EstimateAssumptions } from './estimateAssumptions';
import { collectFromTree } from '../engine/conditionTree';
import {
  LICENSE_TYPES,
  type Condition,
  type Leaf,
  type JurisdictionFile,
  type LicenseType,
  type NamedCondition,
  type Requirement,
  type RuleSet,
  type TopCondition,
} from './ruleSetTypes';

/** A rule set ready to evaluate: the data as written plus its json-rules-engine rules, built once. */
export interface LoadedRuleSet extends RuleSet {
  jurisdiction: string;
  jurisdictionName: string;
  license: LicenseType;
  /**
   * One rule in json-rules-engine's shape per checkable requirement, named by requirement id: its condition
   * tree. runRuleSet's plan gives the engine their distinct conditions and folds each tree.
   */
  engineRules: RuleProperties[];
  /** The shared named conditions these rules refer to. */
  namedConditions: [string, TopCondition][];
  /** rules/estimates.json, shared by every rule set: what time estimates assume. */
  assumptions: EstimateAssumptions;
  /** One engine rule per checkable renewal requirement (renewal.ce), named by its id, over the `ce` fact. */
  renewalRules: RuleProperties[];
}

export interface Jurisdiction {
  code: string;
  name: string;
  ruleSets: Record<LicenseType, LoadedRuleSet>;
}

export interface Catalog {
  /** Sorted by code. */
  jurisdictions: Jurisdiction[];
  get(code: string, license: string): LoadedRuleSet | undefined;
  /** Content hash of every loaded rule file (its first 16 hex digits), and the newest last-verified date. */
  version: { hash: string; lastVerified: string };
  /** The whole SHA-256 of every loaded rule file's path and text. */
  contentHash: string;
  assumptions: EstimateAssumptions;
}

export interface LoadOptions {
  root?: string;
  /** Load only these jurisdictions' files (for checking one file while others are being edited). */
  only?: readonly string[];
  /**
   * The contentHash of rule data that already passed every check: rule data hashing to it is not checked
   * again. By default the build's (checkedAtBuild); false checks everything.
   */
  alreadyChecked?: string | false;
}

/** A file's text and the JSON it holds; undefined, with the problem noted, when it is not JSON. */
function readJson(file: string, relative: string, problems: RuleDataProblem[]): { text: string; data: unknown } | undefined {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return { text, data: JSON.parse(text) };
  } catch (e) {
    problems.push({ file: relative, pointer: '', reason: `not valid JSON: ${(e as Error).message}` });
    return undefined;
  }
}

function listJson(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort() : [];
}

const namesIn = (c: Condition) => collectFromTree<Leaf, string>(c, { named: (name) => [name] });

/** An attestable requirement is met when the applicant lists its id under the jurisdiction's attestations, else unknown. */
function conditionsOf(r: Requirement, jurisdiction: string): TopCondition | undefined {
  if (r.conditions) return r.conditions;
  if (r.attestable) return { all: [{ fact: 'profile', path: `attestations.${jurisdiction}`, operator: 'confirmed', value: r.id }] };
  return undefined;
}

/**
 * The engine rule, beside the requirements', that says whether the person already holds this credential in
 * this jurisdiction (an active license of the kind issued here). Its name cannot be a requirement id.
 */
export const LICENSED_HERE = ':licensed-here';

function licensedHereRule(license: LicenseType, jurisdiction: string): RuleProperties {
  const value = { types: [license], jurisdictions: [jurisdiction] };
  return { name: LICENSED_HERE, conditions: { all: [{ fact: 'profile', path: 'credentials.licenses', operator: 'hasLicense', value }] }, event: { type: LICENSED_HERE } };
}

/** Builds a rule set's engine rules once; exported for tests that evaluate hand-made rule sets. */
export function prepareRuleSet(
  rs: RuleSet,
  file: Pick<JurisdictionFile, 'jurisdiction' | 'name'>,
  license: LicenseType,
  conditions: ReadonlyMap<string, NamedCondition>,
  assumptions: EstimateAssumptions,
): LoadedRuleSet {
  const engineRules: RuleProperties[] = [];
  const names = new Set<string>();
  for (const r of rs.requirements) {
    const c = conditionsOf(r, file.jurisdiction);
    if (!c) continue;
    for (const name of namesIn(c)) names.add(name);
    engineRules.push({ name: r.id, conditions: c as RuleProperties['conditions'], event: { type: r.id } });
  }
  if (rs.credential !== 'none') engineRules.push(licensedHereRule(license, file.jurisdiction));
  return {
    ...rs,
    jurisdiction: file.jurisdiction,
    jurisdictionName: file.name,
    license,
    engineRules,
    namedConditions: [...names].sort().map((n) => [n, conditions.get(n)!.conditions]),
    assumptions,
    renewalRules: (rs.renewal?.ce?.requirements ?? []).flatMap((r) => {
      // An item the licensee confirms is met once the record lists it, like an attestable requirement.
      const c = r.conditions ?? (r.attestable ? { all: [{ fact: 'ce', path: 'confirmed', operator: 'confirmed', value: r.id }] } : undefined);
      return c ? [{ name: r.id, conditions: c as RuleProperties['conditions'], event: { type: r.id } }] : [];
    }),
  };
}

const relative = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');
const pointed = (file: string, list: PointedProblem[]): RuleDataProblem[] =>
  list.map((p) => ({ file, pointer: p.pointer, reason: p.reason }));

/** A rule file as read: its path from the root, its text and the JSON it holds. */
interface ReadFile {
  name: string;
  rel: string;
  text: string;
  data: unknown;
}

/**
 * Reads rules/conditions/ and states/, validates every file against its schema, cross-checks every
 * reference, and returns the catalog — or throws one RuleDataError listing every problem found.
 */
export function loadRuleSets(options: LoadOptions = {}): Catalog {
  const root = options.root ?? projectRoot;
  const problems: RuleDataProblem[] = [];

  const readAll = (dir: string, names: string[]): ReadFile[] =>
    names.flatMap((name) => {
      const rel = relative(root, path.join(dir, name));
      const read = readJson(path.join(dir, name), rel, problems);
      return read ? [{ name, rel, ...read }] : [];
    });
  const rulesDir = path.join(root, 'rules');
  const stateDir = path.join(root, 'states');
  const stateNames = listJson(stateDir).filter((name) => !options.only || options.only.includes(path.basename(name, '.json')));
  const conditionFiles = readAll(path.join(rulesDir, 'conditions'), listJson(path.join(rulesDir, 'conditions')));
  const estimateFiles = readAll(rulesDir, listJson(rulesDir).filter((name) => name === 'estimates.json'));
  const stateFiles = readAll(stateDir, stateNames);
  // The text as read: serializing the parsed data again only to hash it took 15 ms of every start.
  const hash = [...conditionFiles, ...estimateFiles, ...stateFiles]
    .reduce((h, f) => h.update(f.rel).update(f.text), createHash('sha256'))
    .digest('hex');
  // Checking is a function of the files and the schemas alone, and it was most of a start: rule data the
  // build checked whole, byte for byte, is not checked again. Any other is.
  const checked = options.alreadyChecked ?? checkedAtBuild();
  const trusted = checked !== false && checked === hash;

  /** Each file that passes its schema and `check`, with the file's base name. */
  function* validFiles<T>(files: ReadFile[], validate: () => ValidateFunction, check: (data: T, base: string) => PointedProblem[]) {
    for (const { name, rel, data } of files) {
      if (trusted) {
        yield data as T;
        continue;
      }
      if (!validate()(data)) {
        problems.push(...toProblems(validate().errors).map((p) => ({ file: rel, pointer: p.pointer, reason: p.message })));
        continue;
      }
      const local = check(data as T, path.basename(name, '.json'));
      problems.push(...pointed(rel, local));
      if (local.length === 0) yield data as T;
    }
  }

  const conditions = new Map<string, NamedCondition>();
  for (const nc of validFiles<NamedCondition>(conditionFiles, () => validators.namedCondition, checkNamedCondition)) {
    conditions.set(nc.name, nc);
  }

  // The estimates' assumptions come first: rule sets' conversions name them.
  const [assumptions] = [
    ...validFiles<EstimateAssumptions>(estimateFiles, () => validators.estimates, checkAssumptions),
  ];
  if (!assumptions && !problems.some((p) => p.file === 'rules/estimates.json')) {
    problems.push({ file: 'rules/estimates.json', pointer: '', reason: 'file not found: the assumptions behind time estimates' });
  }

  const names = new Set(conditions.keys());
  const jurisdictions: Jurisdiction[] = [];
  if (stateNames.length === 0) problems.push({ file: 'states', pointer: '', reason: 'no rule files found' });
  const assumptionIds = new Set(Object.keys(assumptions?.assumptions ?? {}));
  const checkFile = (jf: JurisdictionFile, base: string) => checkJurisdictionFile(jf, base, names, assumptionIds);
  for (const jf of validFiles<JurisdictionFile>(stateFiles, () => validators.jurisdictionFile, checkFile)) {
    const ruleSets = Object.fromEntries(
      LICENSE_TYPES.map((license) => [license, prepareRuleSet(jf.ruleSets[license], jf, license, conditions, assumptions!)]),
    ) as Record<LicenseType, LoadedRuleSet>;
    jurisdictions.push({ code: jf.jurisdiction, name: jf.name, ruleSets });
  }

  if (problems.length > 0) throw new RuleDataError(problems);

  const byCode = new Map(jurisdictions.map((j) => [j.code, j]));
  const lastVerified = jurisdictions
    .flatMap((j) => LICENSE_TYPES.map((l) => j.ruleSets[l].lastVerified))
    .sort()
    .at(-1)!;
  return {
    jurisdictions,
    get: (code, license) =>
      (LICENSE_TYPES as readonly string[]).includes(license) ? byCode.get(code)?.ruleSets[license as LicenseType] : undefined,
    version: { hash: hash.slice(0, 16), lastVerified },
    contentHash: hash,
    assumptions: assumptions!,
  };
}
