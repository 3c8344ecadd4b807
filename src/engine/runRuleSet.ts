import { Engine, type RuleResult } from 'json-rules-engine';
import type { LoadedRuleSet } from '../data/loadRuleSets';
import { customOperators } from './operators';
import { resolveDotPath } from './resolveDotPath';
import { foldConditions, type EvaluatedNode, type Folded } from './foldConditions';

/**
 * A fresh Engine for every run: json-rules-engine keeps run status on the Engine, so overlapping runs on
 * one Engine can silently skip rules (upstream issue #303). Building one from prepared rules is cheap.
 */
function buildEngine(ruleSet: LoadedRuleSet): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolveDotPath });
  for (const op of customOperators) engine.addOperator(op.name, op.evaluate);
  for (const [name, conditions] of ruleSet.namedConditions) engine.setCondition(name, conditions);
  for (const rule of ruleSet.engineRules) engine.addRule(rule);
  return engine;
}

/** Runs the rule set on one profile and folds each requirement's condition tree to met / unmet / unknown. */
export async function runRuleSet(ruleSet: LoadedRuleSet, profile: object): Promise<Map<string, Folded>> {
  const { results, failureResults } = await buildEngine(ruleSet).run({ profile });
  const folded = new Map<string, Folded>();
  for (const result of [...results, ...failureResults] as RuleResult[]) {
    // The raw result tree, not toJSON(): toJSON drops the fields the fold reads on some nodes.
    folded.set(String(result.name), foldConditions(result.conditions as unknown as EvaluatedNode));
  }
  return folded;
}
