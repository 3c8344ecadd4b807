import type { Catalog, Jurisdiction, LoadedRuleSet } from './data/loadRuleSets';
import { LICENSE_TYPES, type LicenseType, type Outcome } from './data/ruleSetTypes';
import { memo } from './memo';
import { runInTurn, runShared } from './engine/runRuleSet';
import { summarizeResult } from './checklist/buildChecklist';
import { citeRuleSet } from './checklist/citeRequirement';
import type { Folded } from './engine/foldConditions';
import { paceFor, type Estimate, type Pace } from './estimate/estimateRoute';

/** One jurisdiction's line in a comparison: the outcome, the best route and what is left on it. */
export interface ComparisonRow {
  jurisdiction: string;
  name: string;
  title: string;
  credential: string;
  outcome: Outcome;
  /** The contract's best pathway: an eligible one where there is one, else the best route to a license. */
  bestPathway: string | null;
  /** The best route to the full credential (never a time-limited one), which the rest of the row is about. */
  bestLicenseRoute: string | null;
  bestPathwayTitle: string | null;
  /** What the best route leads to, in words. */
  bestPathwayLeadsTo: string | null;
  /** How long the best route to a license takes from now; null where there is no such route. */
  estimate: Estimate | null;
  /** A time-limited credential to work under meanwhile, shown beside the route but never ranked. */
  meanwhile: { id: string; title: string; leadsTo: string } | null;
  /** Requirements of the best pathway not met, with how far off each is. */
  unmet: { id: string; title: string; detail: string }[];
  /** Requirements of the best pathway that the profile leaves open. */
  unknown: { id: string; title: string }[];
  lastVerified: string;
  stale: boolean;
  confidence: string;
}

/**
 * Each license's rule sets in catalog order (one list per catalog: the key of its shared engine), with each
 * one's place in it, and the jurisdictions by code.
 */
const catalogIndex = memo((catalog: Catalog) => {
  const lists = LICENSE_TYPES.map((license) => [license, catalog.jurisdictions.map((j) => j.ruleSets[license])] as const);
  return {
    every: new Map(lists),
    place: new Map(lists.flatMap(([, list]) => list.map((rs, i) => [rs, i] as const))),
    byCode: new Map(catalog.jurisdictions.map((j) => [j.code, j])),
  };
});

/**
 * What `use` makes of the wanted rule sets' requirements folded, in the engine's turn. Most of a comparison
 * goes through the license's shared engine, which evaluates each distinct condition tree once; a few
 * jurisdictions are cheaper run one by one than every tree of all of them.
 */
function foldAll<T>(catalog: Catalog, license: LicenseType, wanted: LoadedRuleSet[], profile: object, use: (folded: Map<string, Folded>[]) => T): Promise<T> {
  const { every, place } = catalogIndex(catalog);
  const all = every.get(license)!;
  if (wanted.length * 2 < all.length) return runInTurn(wanted.map((ruleSet) => ({ ruleSet, profile })), use);
  return runShared(all, profile, (folded) => use(wanted.map((rs) => folded[place.get(rs)!]!)));
}

/** A jurisdiction's row, from its rule set's requirements folded. */
function rowOf(j: Jurisdiction, ruleSet: LoadedRuleSet, folded: Map<string, Folded>, pace: Pace): ComparisonRow {
  const summary = summarizeResult(ruleSet, folded, pace);
  const cited = citeRuleSet(ruleSet);
  return {
    jurisdiction: j.code,
    name: j.name,
    title: ruleSet.title,
    credential: ruleSet.credential,
    outcome: summary.outcome,
    bestPathway: summary.bestPathway ?? summary.best?.id ?? null,
    bestLicenseRoute: summary.best?.id ?? null,
    bestPathwayTitle: summary.best?.title ?? null,
    bestPathwayLeadsTo: summary.best?.leadsTo ?? null,
    estimate: summary.best?.estimate ?? null,
    meanwhile: summary.meanwhile ?? null,
    unmet: summary.unmet.map((r) => ({ id: r.id, title: r.title, detail: r.detail })),
    unknown: summary.unknown.map((r) => ({ id: r.id, title: r.title })),
    lastVerified: cited.lastVerified,
    stale: cited.stale,
    confidence: cited.confidence,
  };
}

/**
 * Evaluates one profile against one license in many jurisdictions (all, by default, in catalog order),
 * in the order asked; unknown codes are skipped (callers check them first).
 * All runs go in one turn (see runRuleSet): the request finishes in order, not late with every other. With
 * `use`, answers what `use` makes of the rows, made in that turn, as evaluateProfile does.
 */
export function compareJurisdictions(catalog: Catalog, license: LicenseType, profile: object, codes?: readonly string[]): Promise<ComparisonRow[]>;
export function compareJurisdictions<T>(catalog: Catalog, license: LicenseType, profile: object, codes: readonly string[] | undefined, use: (rows: ComparisonRow[]) => T): Promise<T>;
export function compareJurisdictions(
  catalog: Catalog,
  license: LicenseType,
  profile: object,
  codes: readonly string[] = catalog.jurisdictions.map((j) => j.code),
  use = (rows: ComparisonRow[]): unknown => rows,
): Promise<unknown> {
  const { byCode } = catalogIndex(catalog);
  const pace = paceFor(catalog.assumptions, profile);
  const jurisdictions = codes.flatMap((c) => byCode.get(c) ?? []);
  const wanted = jurisdictions.map((j) => j.ruleSets[license]);
  return foldAll(catalog, license, wanted, profile, (folded) => use(jurisdictions.map((j, i) => rowOf(j, wanted[i]!, folded[i]!, pace))));
}
