import { describeRoute, type RouteKind } from './describeRoute';
import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import { LICENSE_TYPES, type Condition, type Leaf, type LicenseType, type Requirement, type RuleSet } from '../data/ruleSetTypes';
import { collectFromTree } from '../engine/conditionTree';
import { renewalChoices, type RenewalChoices } from '../renewal/renewalChoices';
import { pointerOf } from '../words';
import { citeRequirement, citeRuleSet } from '../checklist/citeRequirement';
import type { CitedRequirement, RuleSetAbout } from '../checklist/evaluationTypes';
import { isoDay, isStale } from '../data/staleness';

/** The rule data in readable form: for the API, the jurisdiction pages and the coverage report. */

/** One rule set, what it requires and where that comes from (the API's RuleSetDescription, less ruleDataVersion). */
export interface RuleSetDescription extends RuleSetAbout {
  jurisdiction: string;
  name: string;
  license: LicenseType;
  credential: RuleSet['credential'];
  pathways: PathwayDescription[];
  requirements: RequirementDescription[];
  /** Where the credential has renewal CE rules: the topics, roles and confirmable items a CE record may name. */
  renewalCheck?: RenewalChoices;
}

/** A route: what it leads to, who may take it, and the requirements it takes (by id). */
export interface PathwayDescription extends RouteKind {
  id: string;
  title: string;
  summary?: string;
  requires: string[];
}

export interface RequirementDescription extends CitedRequirement {
  /** Why its terms could not be verified, where they could not. */
  unverified?: string;
  /** Profile fields (JSON pointers) the requirement is checked against. */
  fields: string[];
}

/** One jurisdiction in the list of all (the API's JurisdictionList): per license, what it issues and how current its data is. */
export interface JurisdictionSummary {
  code: string;
  name: string;
  licenses: Record<LicenseType, LicenseSummary>;
}

export interface LicenseSummary {
  title: string;
  credential: RuleSet['credential'];
  credentialed: boolean;
  lastVerified: string;
  stale: boolean;
  confidence: RuleSet['confidence'];
}

/** The profile fields (JSON pointers) a tree reads, its shared conditions' included. */
function fieldsRead(c: Condition | undefined, named: Map<string, Condition>): string[] {
  return c ? collectFromTree<Leaf, string>(c, { leaf: (l) => [pointerOf(l.path)], named: (name) => fieldsRead(named.get(name), named) }) : [];
}

function describeRequirement(rs: LoadedRuleSet, r: Requirement, named: Map<string, Condition>): RequirementDescription {
  const rule = rs.engineRules.find((x) => x.name === r.id);
  const fields = new Set(fieldsRead(rule?.conditions as Condition | undefined, named));
  return {
    ...citeRequirement(rs, r),
    ...(r.unverified && { unverified: r.unverified }),
    fields: [...fields].sort(),
  };
}

/**
 * The description depends only on the rule set and the day (its staleness): built once a day per rule set and
 * shared by every request for it, as citeRuleSet's is. Callers spread it, never change it.
 */
const described = new WeakMap<LoadedRuleSet, { day: string; value: RuleSetDescription }>();
export function describeRuleSet(rs: LoadedRuleSet): RuleSetDescription {
  const day = isoDay();
  let cached = described.get(rs);
  if (cached?.day !== day) described.set(rs, (cached = { day, value: buildDescription(rs) }));
  return cached.value;
}

function buildDescription(rs: LoadedRuleSet): RuleSetDescription {
  // What a CE record for this credential may name, so an integrator can build one without a round of errors.
  const choices = renewalChoices(rs);
  const named = new Map(rs.namedConditions as [string, Condition][]);
  return {
    jurisdiction: rs.jurisdiction,
    name: rs.jurisdictionName,
    license: rs.license,
    credential: rs.credential,
    ...citeRuleSet(rs),
    pathways: rs.pathways.map((p) => ({ id: p.id, title: p.title, ...describeRoute(p, rs.credential), ...(p.summary && { summary: p.summary }), requires: p.requires })),
    requirements: rs.requirements.map((r) => describeRequirement(rs, r, named)),
    ...(choices && { renewalCheck: choices }),
  };
}

function licenseSummary(rs: LoadedRuleSet): LicenseSummary {
  return { title: rs.title, credential: rs.credential, credentialed: rs.credential !== 'none', lastVerified: rs.lastVerified, stale: isStale(rs.lastVerified), confidence: rs.confidence };
}

export function listJurisdictions(catalog: Catalog): JurisdictionSummary[] {
  return catalog.jurisdictions.map((j) => ({
    code: j.code,
    name: j.name,
    licenses: Object.fromEntries(LICENSE_TYPES.map((l) => [l, licenseSummary(j.ruleSets[l])])) as Record<LicenseType, LicenseSummary>,
  }));
}
