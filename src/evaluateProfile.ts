import type { LoadedRuleSet } from './data/loadRuleSets';
import { inTurn, runRuleSet } from './engine/runRuleSet';
import { buildChecklist } from './checklist/buildChecklist';
import type { Evaluation } from './checklist/evaluationTypes';
import { paceFor } from './estimate/estimateRoute';

/** Evaluates one (already validated) profile against one rule set. */
export async function evaluateProfile(ruleSet: LoadedRuleSet, profile: object): Promise<Evaluation> {
  return buildChecklist(ruleSet, await runRuleSet(ruleSet, profile), paceFor(ruleSet.assumptions, profile));
}

/** Evaluates many (already validated) profiles in one turn, in order: for batches. */
export function evaluateProfiles(items: { ruleSet: LoadedRuleSet; profile: object }[]): Promise<Evaluation[]> {
  return inTurn(async (run) => {
    const out: Evaluation[] = [];
    for (const { ruleSet, profile } of items) out.push(buildChecklist(ruleSet, await run(ruleSet, profile), paceFor(ruleSet.assumptions, profile)));
    return out;
  });
}
