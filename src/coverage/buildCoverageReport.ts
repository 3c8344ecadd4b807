import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import { LICENSE_TYPES, type CeRules, type LicenseType, type RuleSet } from '../data/ruleSetTypes';
import { isoDay, isStale } from '../data/staleness';

/** How much of the rule data rests on what: one row per jurisdiction and license, and the totals. */

/** What is counted, for one rule set and for all of them. */
interface Counts {
  pathways: number;
  endorsementPathways: number;
  requirements: number;
  /** Requirements resting on at least one official source (the agency's page, the official code). */
  officialRequirements: number;
  /** officialRequirements / requirements, 0–1; null when there are no requirements. */
  officialShare: number | null;
  unverifiedRequirements: number;
}

/** A rule set's renewal continuing-education rules (renewal.ce): whether they exist and what they rest on. */
export interface RenewalCoverage {
  /** credential: the credential renews on CE; facility-training: yearly training set by facility rules; none: none found. */
  applies: CeRules['applies'];
  requirements: number;
  /** Distinct sources the CE rules cite anywhere (cycle, requirements, caps, approvals…), and how many are official. */
  sources: number;
  officialSources: number;
  /** officialSources / sources, 0–1; null when they cite none. */
  officialShare: number | null;
  lastVerified: string;
  stale: boolean;
  confidence: CeRules['confidence'];
}

export interface CoverageRow extends Counts {
  jurisdiction: string;
  name: string;
  license: LicenseType;
  title: string;
  credential: RuleSet['credential'];
  unverifiedTopics: number;
  lastVerified: string;
  stale: boolean;
  confidence: RuleSet['confidence'];
  /** null where the rule set encodes no renewal CE rules at all. */
  renewal: RenewalCoverage | null;
}

export interface CoverageReport {
  generated: string;
  rows: CoverageRow[];
  totals: Counts & {
    jurisdictions: number;
    ruleSets: number;
    stale: number;
    byConfidence: Record<RuleSet['confidence'], number>;
    byCredential: Record<RuleSet['credential'], number>;
    renewal: {
      /** Rule sets by what their renewal CE rules apply to; `missing`: no renewal CE rules encoded. */
      byApplies: Record<CeRules['applies'] | 'missing', number>;
      /** Sources cited by CE rules, counted once per rule set, and how many are official. */
      sources: number;
      officialSources: number;
      officialShare: number | null;
      byConfidence: Record<CeRules['confidence'], number>;
    };
  };
}

/** The source ids cited anywhere in a part of the rule data: every `sources` list of ids, however deep. */
function citedIds(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(citedIds);
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'sources' && Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : citedIds(value),
  );
}

function renewalCoverage(rs: LoadedRuleSet, official: Set<string>, today: Date): RenewalCoverage | null {
  const ce = rs.renewal?.ce;
  if (!ce) return null;
  const cited = new Set(citedIds(ce));
  const officialSources = [...cited].filter((id) => official.has(id)).length;
  return {
    applies: ce.applies,
    requirements: ce.requirements.length,
    sources: cited.size,
    officialSources,
    officialShare: cited.size ? officialSources / cited.size : null,
    lastVerified: ce.lastVerified,
    stale: isStale(ce.lastVerified, today),
    confidence: ce.confidence,
  };
}

function coverageRow(rs: LoadedRuleSet, today: Date): CoverageRow {
  const official = new Set(rs.sources.filter((s) => s.official).map((s) => s.id));
  const officialRequirements = rs.requirements.filter((r) => r.sources.some((id) => official.has(id))).length;
  return {
    jurisdiction: rs.jurisdiction,
    name: rs.jurisdictionName,
    license: rs.license,
    title: rs.title,
    credential: rs.credential,
    pathways: rs.pathways.length,
    endorsementPathways: rs.pathways.filter((p) => p.kind === 'endorsement').length,
    requirements: rs.requirements.length,
    officialRequirements,
    officialShare: rs.requirements.length ? officialRequirements / rs.requirements.length : null,
    unverifiedRequirements: rs.requirements.filter((r) => r.unverified !== undefined).length,
    unverifiedTopics: rs.unverified?.length ?? 0,
    lastVerified: rs.lastVerified,
    stale: isStale(rs.lastVerified, today),
    confidence: rs.confidence,
    renewal: renewalCoverage(rs, official, today),
  };
}

const sum = (rows: CoverageRow[], key: 'pathways' | 'endorsementPathways' | 'requirements' | 'officialRequirements' | 'unverifiedRequirements') =>
  rows.reduce((n, r) => n + r[key], 0);

const countBy = <K extends string>(keys: readonly K[], values: K[]) =>
  Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;

function renewalTotals(renewals: RenewalCoverage[], ruleSets: number): CoverageReport['totals']['renewal'] {
  const sources = renewals.reduce((n, r) => n + r.sources, 0);
  const officialSources = renewals.reduce((n, r) => n + r.officialSources, 0);
  return {
    byApplies: { ...countBy(['credential', 'facility-training', 'none'], renewals.map((r) => r.applies)), missing: ruleSets - renewals.length },
    sources,
    officialSources,
    officialShare: sources ? officialSources / sources : null,
    byConfidence: countBy(['high', 'medium', 'low'], renewals.map((r) => r.confidence)),
  };
}

export function buildCoverageReport(catalog: Catalog, today: Date = new Date()): CoverageReport {
  const rows = catalog.jurisdictions.flatMap((j) => LICENSE_TYPES.map((l) => coverageRow(j.ruleSets[l], today)));
  const requirements = sum(rows, 'requirements');
  const officialRequirements = sum(rows, 'officialRequirements');
  return {
    generated: isoDay(today),
    rows,
    totals: {
      jurisdictions: catalog.jurisdictions.length,
      ruleSets: rows.length,
      pathways: sum(rows, 'pathways'),
      endorsementPathways: sum(rows, 'endorsementPathways'),
      requirements,
      officialRequirements,
      officialShare: requirements ? officialRequirements / requirements : null,
      unverifiedRequirements: sum(rows, 'unverifiedRequirements'),
      stale: rows.filter((r) => r.stale).length,
      byConfidence: countBy(['high', 'medium', 'low'], rows.map((r) => r.confidence)),
      byCredential: countBy(['license', 'certificate', 'registration', 'none'], rows.map((r) => r.credential)),
      renewal: renewalTotals(rows.flatMap((r) => (r.renewal ? [r.renewal] : [])), rows.length),
    },
  };
}
