import { Engine, type RuleResult } from 'json-rules-engine';
import type { LoadedRuleSet } from '../data/loadRuleSets';
import { customOperators } from './operators';
import { resolveDotPath } from './resolveDotPath';
import { foldConditions, type EvaluatedNode, type Folded } from './foldConditions';

function buildEngine(ruleSet: LoadedRuleSet): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolveDotPath });
  for (const op of customOperators) engine.addOperator(op.name, op.evaluate);
  for (const [name, conditions] of ruleSet.namedConditions) engine.setCondition(name, conditions);
  for (const rule of ruleSet.engineRules) engine.addRule(rule);
  return engine;
}

/** One Engine per rule set, built on first use. */
const engines = new WeakMap<LoadedRuleSet, Engine>();

/**
 * Runs go one at a time in a process. json-rules-engine keeps run status on the Engine, so overlapping runs
 * on one Engine can silently skip rules (upstream issue #303); run in turn, an Engine is safely reused.
 * And the work is CPU-bound with no I/O to overlap: interleaved promise chains of concurrent runs were
 * measured at 1.5× the cost of the same runs in turn. A request that needs many runs (a comparison, a
 * batch) takes its turn once for all of them, so requests finish in the order they came rather than all
 * late together.
 */
let queue: Promise<unknown> = Promise.resolve();

/** Runs the rule set on one profile and folds each requirement's condition tree to met / unmet / unknown. */
async function runNow(ruleSet: LoadedRuleSet, profile: object): Promise<Map<string, Folded>> {
  let engine = engines.get(ruleSet);
  if (!engine) engines.set(ruleSet, (engine = buildEngine(ruleSet)));
  const { results, failureResults } = await engine.run({ profile });
  const folded = new Map<string, Folded>();
  for (const result of [...results, ...failureResults] as RuleResult[]) {
    // The raw result tree, not toJSON(): toJSON drops the fields the fold reads on some nodes.
    folded.set(String(result.name), foldConditions(result.conditions as unknown as EvaluatedNode));
  }
  return folded;
}

/** One rule set to run on one profile. */
export interface Run {
  ruleSet: LoadedRuleSet;
  profile: object;
}

/**
 * Runs each rule set on its profile, all in one turn of this process and in order, calling `afterEach` as
 * each finishes (a progress bar). The queue stays inside this module: callers hand over every run at once
 * and never hold a turn, so no call can wait on a turn it is itself inside of.
 */
export function runInTurn(runs: readonly Run[], afterEach: (index: number) => void = () => undefined): Promise<Map<string, Folded>[]> {
  // Between turns the event loop gets a pass, to read new requests and send finished answers: runs are
  // promise chains, and back-to-back turns would otherwise hold it for as long as the queue is full.
  const turn = queue
    .then(() => new Promise<void>((resolve) => setImmediate(resolve)))
    .then(async () => {
      const out: Map<string, Folded>[] = [];
      for (const [i, { ruleSet, profile }] of runs.entries()) {
        out.push(await runNow(ruleSet, profile));
        afterEach(i);
      }
      return out;
    });
  queue = turn.catch(() => undefined);
  return turn;
}

export async function runRuleSet(ruleSet: LoadedRuleSet, profile: object): Promise<Map<string, Folded>> {
  return (await runInTurn([{ ruleSet, profile }]))[0]!;
}
