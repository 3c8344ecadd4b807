import type { LoadedRuleSet } from './data/loadRuleSets';
import { runInTurn, runRuleSet, type Run } from './engine/runRuleSet';
import { buildChecklist } from './checklist/buildChecklist';
import type { Evaluation } from './checklist/evaluationTypes';
import { paceFor } from './estimate/estimateRoute';

/**
 * Evaluates one (already validated) profile against one rule set. With `use`, answers what `use` makes of
 * the evaluation, made in the engine's turn: a request sends its answer from there, so that the promise it
 * waited on for its turn never holds the evaluation (see inTurn in runRuleSet).
 */
export function evaluateProfile(ruleSet: LoadedRuleSet, profile: object): Promise<Evaluation>;
export function evaluateProfile<T>(ruleSet: LoadedRuleSet, profile: object, use: (evaluation: Evaluation) => T): Promise<T>;
export function evaluateProfile(ruleSet: LoadedRuleSet, profile: object, use = (evaluation: Evaluation): unknown => evaluation): Promise<unknown> {
  return runRuleSet(ruleSet, profile, (folded) => use(buildChecklist(ruleSet, folded, paceFor(ruleSet.assumptions, profile))));
}

/**
 * Evaluates many (already validated) profiles, their runs in one turn and in order, calling `afterEach` as
 * each run is done (a progress bar). Each item's checklist is built when its function is called, so that a
 * caller sending them one by one never holds a whole batch of them.
 */
export function evaluateEach(items: readonly Run[], afterEach?: (index: number) => void): Promise<(() => Evaluation)[]> {
  return runInTurn(items, (folded) => items.map(({ ruleSet, profile }, i) => () => buildChecklist(ruleSet, folded[i]!, paceFor(ruleSet.assumptions, profile))), afterEach);
}
