import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import { LICENSE_TYPES, type LicenseType, type RuleSet } from '../data/ruleSetTypes';
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
  };
}

const sum = (rows: CoverageRow[], key: 'pathways' | 'endorsementPathways' | 'requirements' | 'officialRequirements' | 'unverifiedRequirements') =>
  rows.reduce((n, r) => n + r[key], 0);

const countBy = <K extends string>(keys: readonly K[], values: K[]) =>
  Object.fromEntries(keys.map((k) => [k, values.filter((v) => v === k).length])) as Record<K, number>;

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
    },
  };
}
