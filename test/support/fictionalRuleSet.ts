import { prepareRuleSet } from '../../src/data/loadRuleSets';
import type { NamedCondition, Requirement, RuleSet } from '../../src/data/ruleSetTypes';
import { catalog } from './catalog';

/**
 * A fictional jurisdiction's rule set ("XX" in prose; filed as DC only because the schema knows real codes),
 * built from the requirements and pathways a test gives, with the real assumptions, ready to evaluate.
 */
export function fictionalRuleSet(
  parts: Pick<RuleSet, 'requirements' | 'pathways'> & Partial<RuleSet>,
  license: 'nha' | 'ala' = 'nha',
  namedConditions: ReadonlyMap<string, NamedCondition> = new Map(),
) {
  const ruleSet: RuleSet = {
    title: 'Example Administrator',
    credential: 'license',
    agency: { name: 'Example Board', url: 'https://example.gov/board' },
    lastVerified: '2026-11-01',
    confidence: 'high',
    sources: [{ id: 'rule-1', title: 'Example Code 1-2-3', url: 'https://example.gov/rules/1-2-3', official: true }],
    ...parts,
  };
  return prepareRuleSet(ruleSet, { jurisdiction: 'DC', name: 'Example' }, license, namedConditions, catalog().assumptions);
}

/** The requirement every fictional test starts from: a bachelor's degree. */
export const bachelorRequirement: Requirement = {
  id: 'degree', title: "Bachelor's degree", category: 'education', description: 'A degree.', sources: ['rule-1'], remedy: 'Finish a degree.',
  conditions: { all: [{ fact: 'profile', path: 'education.highestDegree', operator: 'in', value: ['bachelor', 'master', 'doctorate'] }] },
};
