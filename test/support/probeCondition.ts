import type { CeCondition, NamedCondition, Requirement, RuleSet, TopCondition } from '../../src/data/ruleSetTypes';
import type { CeRecord } from '../../src/renewal/computeCeFacts';
import type { RenewalRequirementResult } from '../../src/renewal/renewalTypes';
import { evaluateRenewal } from '../../src/renewal/evaluateRenewal';
import type { RequirementResult } from '../../src/checklist/evaluationTypes';
import { evaluateProfile } from '../../src/evaluateProfile';
import { checkJurisdictionFile } from '../../src/data/crossCheck';
import type { PointedProblem } from '../../src/data/RuleDataError';
import { fictionalRuleSet } from './fictionalRuleSet';
import { catalog } from './catalog';

/**
 * The shared tester of operators and named conditions, as ESLint's RuleTester runs a rule through the
 * linter: a case's condition becomes the one requirement of a fictional rule set, which goes through the real
 * pipeline (the loader's preparation, json-rules-engine, the fold, the checklist's wording).
 */
const probe = (conditions: TopCondition | undefined): Requirement => ({
  id: 'probe', title: 'The probed condition', category: 'other', description: 'What the case checks.', sources: ['rule-1'], remedy: 'Meet it.',
  ...(conditions ? { conditions } : { attestable: true }),
});
const parts = (conditions: TopCondition | undefined) => ({ requirements: [probe(conditions)], pathways: [{ id: 'only', title: 'The only route', kind: 'initial' as const, term: 'full' as const, requires: ['probe'] }] });

/** The probe requirement as the checklist reports it. `conditions` undefined: an attestable requirement. */
export async function probeCondition(conditions: TopCondition | undefined, profile: object, named: ReadonlyMap<string, NamedCondition> = new Map()): Promise<RequirementResult> {
  const evaluation = await evaluateProfile(fictionalRuleSet(parts(conditions), 'nha', named), profile);
  return evaluation.pathways[0]!.requirements.find((r) => r.id === 'probe')!;
}

/** What the loader's rule-data checks say of the condition, pointed from the requirement's conditions. */
export function ruleDataProblems(conditions: TopCondition): PointedProblem[] {
  const ruleSet = fictionalRuleSet(parts(conditions));
  const base = '/ruleSets/nha/requirements/0/conditions';
  return checkJurisdictionFile({ jurisdiction: 'DC', name: 'Example', ruleSets: { nha: ruleSet, ala: ruleSet } }, 'DC', new Set(), new Set(Object.keys(catalog().assumptions.assumptions)))
    .filter((p) => p.pointer.startsWith(base))
    .map((p) => ({ ...p, pointer: p.pointer.slice(base.length) }));
}

/** The fictional rule set's renewal rules around one probed CE requirement: a calendar year, NCERS courses, a first period prorated at 2 hours a month. */
const renewalParts = (conditions: CeCondition): Partial<RuleSet> => ({
  renewal: {
    summary: 'Yearly CE.',
    sources: ['rule-1'],
    ce: {
      applies: 'credential', lastVerified: '2026-11-01', confidence: 'high',
      cycle: { months: 12, anchor: 'fixed', ends: '12-31', endYears: 'every', text: 'Calendar years.', sources: ['rule-1'] },
      requirements: [{ id: 'probe', title: 'The probed condition', kind: 'other', description: 'What the case checks.', conditions, sources: ['rule-1'] }],
      approvals: { accepted: ['ncers'], text: 'NAB-approved courses.', sources: ['rule-1'] },
      firstRenewal: { rule: 'prorated', hoursPerMonth: 2, text: 'Two hours for each month, or part of one, of the first period.', sources: ['rule-1'] },
      unverified: [],
    },
  },
});

/** The probed CE requirement as the renewal check reports it, for a record checked on 2026-06-01. */
export async function probeRenewalCondition(conditions: CeCondition, record: Omit<CeRecord, 'license'> & { license?: Partial<CeRecord['license']> }): Promise<RenewalRequirementResult> {
  const ruleSet = fictionalRuleSet({ ...parts(undefined), ...renewalParts(conditions) });
  const result = await evaluateRenewal(ruleSet, { asOf: '2026-06-01', ...record, license: { jurisdiction: 'DC', type: 'nha', ...record.license } });
  return result.requirements[0]!;
}

/** What the loader's renewal-rule checks say of a CE condition, pointed from the requirement's conditions. */
export function renewalRuleProblems(conditions: CeCondition): PointedProblem[] {
  const ruleSet = fictionalRuleSet({ ...parts(undefined), ...renewalParts(conditions) });
  const base = '/ruleSets/nha/renewal/ce/requirements/0/conditions';
  return checkJurisdictionFile({ jurisdiction: 'DC', name: 'Example', ruleSets: { nha: ruleSet, ala: ruleSet } }, 'DC', new Set(), new Set(Object.keys(catalog().assumptions.assumptions)))
    .filter((p) => p.pointer.startsWith(base))
    .map((p) => ({ ...p, pointer: p.pointer.slice(base.length) }));
}
