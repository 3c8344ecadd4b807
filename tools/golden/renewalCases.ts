import type { Catalog } from '../../src/data/loadRuleSets';
import { LICENSE_TYPES } from '../../src/data/ruleSetTypes';
import { validateCeRecord } from '../../src/renewal/validateCeRecord';
import { evaluateRenewal } from '../../src/renewal/evaluateRenewal';
import type { CeRecord } from '../../src/renewal/computeCeFacts';
import type { RenewalResult } from '../../src/renewal/renewalTypes';

/** Renewal golden cases: real CE records with the answer each jurisdiction's renewal rules give them. */
export interface RenewalCase {
  name: string;
  shows: 'compliant' | 'short-on-total' | 'short-on-topic' | 'over-cap' | 'first-renewal' | 'variation' | 'other';
  record: CeRecord & { asOf: string };
  expect: {
    outcome: string;
    periodEnds?: string | null;
    requirements?: Record<string, string>;
    hoursToGo?: Record<string, number>;
    courses?: string[];
  };
}

/** Whether the result bears out what the case says it shows (so a case cannot claim coverage it lacks). */
function showsWhatItSays(c: RenewalCase, r: RenewalResult): string | undefined {
  const unmetOfKind = (kind: string) => r.requirements.some((q) => q.kind === kind && q.status === 'unmet');
  switch (c.shows) {
    case 'compliant':
      return r.outcome === 'compliant' ? undefined : 'it says it shows a compliant record, but the record is not compliant';
    case 'short-on-total':
      return unmetOfKind('total') ? undefined : 'it says it shows a record short on total hours, but no total requirement is unmet';
    case 'short-on-topic':
      return unmetOfKind('topic') ? undefined : 'it says it shows a record short on a topic, but no topic requirement is unmet';
    case 'over-cap':
      return r.courses.some((x) => x.reasons.some((why) => why.startsWith('at most'))) ? undefined : 'it says it shows a record over a cap, but no course was cut by a cap';
    case 'first-renewal':
      return c.record.license.issued && r.period && c.record.license.issued >= r.period.starts ? undefined : 'a first-renewal case checks the period the license was issued in';
    case 'variation':
      return (c.record.license.roles?.length ?? 0) > 0 || c.record.license.issued ? undefined : 'a variation case gives the roles or the issue date the variation turns on';
    default:
      return undefined;
  }
}

export function compareRenewal(c: RenewalCase, r: RenewalResult): string[] {
  const out: string[] = [];
  const x = c.expect;
  if (r.outcome !== x.outcome) out.push(`outcome is ${r.outcome}, expected ${x.outcome}`);
  if (x.periodEnds !== undefined && (r.period?.ends ?? null) !== x.periodEnds) out.push(`period ends ${r.period?.ends ?? 'unknown'}, expected ${x.periodEnds ?? 'unknown'}`);
  for (const [id, want] of Object.entries(x.requirements ?? {})) {
    const got = r.requirements.find((q) => q.id === id);
    if ((got?.status ?? 'absent') !== want) out.push(`requirement ${id} is ${got?.status ?? 'absent'} (${got?.detail ?? ''}), expected ${want}`);
  }
  for (const [id, want] of Object.entries(x.hoursToGo ?? {})) {
    const got = r.requirements.find((q) => q.id === id)?.hours?.toGo;
    if (got !== want) out.push(`requirement ${id} has ${got ?? 'no'} hours to go, expected ${want}`);
  }
  if (x.courses) {
    const got = r.courses.map((o) => o.counts);
    if (JSON.stringify(got) !== JSON.stringify(x.courses)) out.push(`courses count ${JSON.stringify(got)}, expected ${JSON.stringify(x.courses)}`);
  }
  const claim = showsWhatItSays(c, r);
  if (claim) out.push(claim);
  return out;
}

/** Runs one renewal case: validates its record, checks it, and lists the differences from its expectation. */
export async function runRenewalCase(catalog: Catalog, jurisdiction: string, c: RenewalCase): Promise<string[]> {
  // The same checks as the API's: a golden record may name only what the license's rule set knows.
  const problems = validateCeRecord(c.record, catalog, c.record.asOf);
  if (problems.length > 0) return problems.map((p) => `record ${p.pointer}: ${p.message}`);
  if (c.record.license.jurisdiction !== jurisdiction) return [`the record's license is from ${c.record.license.jurisdiction}, not ${jurisdiction}`];
  const ruleSet = catalog.get(jurisdiction, c.record.license.type);
  if (!ruleSet) return [`no ${c.record.license.type} rule set for ${jurisdiction}`];
  return compareRenewal(c, await evaluateRenewal(ruleSet, c.record));
}

/**
 * What each rule set with renewal requirements lacks: a compliant case (where every requirement can be
 * checked), one short on total hours, one short on a topic (where a topic is required), one over a cap (where
 * there is a cap), and one about the first renewal or a variation (where the rules have one).
 */
export function renewalCoverageGaps(catalog: Catalog, files: readonly { jurisdiction: string; renewalCases?: RenewalCase[] }[]): string[] {
  const gaps: string[] = [];
  for (const j of catalog.jurisdictions) {
    for (const license of LICENSE_TYPES) {
      const ce = j.ruleSets[license].renewal?.ce;
      const checkable = ce?.requirements.filter((r) => r.conditions) ?? [];
      if (!ce || checkable.length === 0) continue;
      const cases = files.filter((f) => f.jurisdiction === j.code).flatMap((f) => (f.renewalCases ?? []).filter((c) => c.record.license.type === license));
      const has = (shows: RenewalCase['shows']) => cases.some((c) => c.shows === shows);
      const lack = (what: string) => gaps.push(`${j.code} ${license} renewal: no ${what} case`);
      if (ce.requirements.every((r) => r.unverified === undefined) && !has('compliant')) lack('compliant');
      if (checkable.some((r) => r.kind === 'total') && !has('short-on-total')) lack('short-on-total');
      if (checkable.some((r) => r.kind === 'topic') && !has('short-on-topic')) lack('short-on-topic');
      if ((ce.caps?.length ?? 0) > 0 && !has('over-cap')) lack('over-cap');
      const special = (ce.firstRenewal && !['same', 'unknown'].includes(ce.firstRenewal.rule)) || (ce.variations?.length ?? 0) > 0;
      if (special && !has('first-renewal') && !has('variation')) lack('first-renewal or variation');
    }
  }
  return gaps;
}
