import type { LoadedRuleSet } from './data/loadRuleSets';
import { runInTurn, runRuleSet, type Run } from './engine/runRuleSet';
import { buildChecklist } from './checklist/buildChecklist';
import type { Evaluation } from './checklist/evaluationTypes';
import { paceFor } from './estimate/estimateRoute';

/** Evaluates one (already validated) profile against one rule set. */
export async function evaluateProfile(ruleSet: LoadedRuleSet, profile: object): Promise<Evaluation> {
  return buildChecklist(ruleSet, await runRuleSet(ruleSet, profile), paceFor(ruleSet.assumptions, profile));
}

/**
 * Evaluates many (already validated) profiles, their runs in one turn and in order, calling `afterEach` as
 * each run is done (a progress bar). Each item's checklist is built when its function is called, so that a
 * caller sending them one by one never holds a whole batch of them.
 */
export async function evaluateEach(items: readonly Run[], afterEach?: (index: number) => void): Promise<(() => Evaluation)[]> {
  const folded = await runInTurn(items, afterEach);
  return items.map(({ ruleSet, profile }, i) => () => buildChecklist(ruleSet, folded[i]!, paceFor(ruleSet.assumptions, profile)));
}
