import type { LoadedRuleSet } from './data/loadRuleSets';
import { runRuleSet } from './engine/runRuleSet';
import { buildChecklist } from './checklist/buildChecklist';
import type { Evaluation } from './checklist/evaluationTypes';

/** Evaluates one (already validated) profile against one rule set. */
export async function evaluateProfile(ruleSet: LoadedRuleSet, profile: object): Promise<Evaluation> {
  return buildChecklist(ruleSet, await runRuleSet(ruleSet, profile));
}
