import { describeRoute } from './describeRoute';
import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import { isLeaf, LICENSE_TYPES, type Condition, type Requirement } from '../data/ruleSetTypes';
import { pointerOf } from '../words';
import { citeRequirement, citeRuleSet } from './citeRequirement';
import { isStale } from './staleness';

/** The rule data in readable form: for the API, the jurisdiction pages and the coverage report. */

function fieldsRead(c: Condition | undefined, named: Map<string, Condition>, out: Set<string>): Set<string> {
  if (!c) return out;
  if (isLeaf(c)) out.add(pointerOf(c.path));
  else if ('all' in c) c.all.forEach((x) => fieldsRead(x, named, out));
  else if ('any' in c) c.any.forEach((x) => fieldsRead(x, named, out));
  else if ('not' in c) fieldsRead(c.not, named, out);
  else fieldsRead(named.get(c.condition), named, out);
  return out;
}

function describeRequirement(rs: LoadedRuleSet, r: Requirement) {
  const rule = rs.engineRules.find((x) => x.name === r.id);
  const fields = fieldsRead(rule?.conditions as Condition | undefined, new Map(rs.namedConditions), new Set());
  return {
    ...citeRequirement(rs, r),
    ...(r.unverified && { unverified: r.unverified }),
    /** Profile fields (JSON pointers) the requirement is checked against. */
    fields: [...fields].sort(),
  };
}

export function describeRuleSet(rs: LoadedRuleSet) {
  return {
    jurisdiction: rs.jurisdiction,
    name: rs.jurisdictionName,
    license: rs.license,
    credential: rs.credential,
    ...citeRuleSet(rs),
    pathways: rs.pathways.map((p) => ({ id: p.id, title: p.title, ...describeRoute(p, rs.credential), ...(p.summary && { summary: p.summary }), requires: p.requires })),
    requirements: rs.requirements.map((r) => describeRequirement(rs, r)),
  };
}

export function listJurisdictions(catalog: Catalog) {
  return catalog.jurisdictions.map((j) => ({
    code: j.code,
    name: j.name,
    licenses: Object.fromEntries(
      LICENSE_TYPES.map((l) => {
        const rs = j.ruleSets[l];
        return [l, { title: rs.title, credential: rs.credential, credentialed: rs.credential !== 'none', lastVerified: rs.lastVerified, stale: isStale(rs.lastVerified), confidence: rs.confidence }];
      }),
    ),
  }));
}
