import { Engine, type RuleResult } from 'json-rules-engine';
import type { LoadedRuleSet } from '../data/loadRuleSets';
import { customOperators } from './operators';
import { resolveDotPath } from './resolveDotPath';
import { foldConditions, type EvaluatedNode, type Folded } from './foldConditions';

function newEngine(namedConditions: Iterable<readonly [string, unknown]>): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolveDotPath });
  // The engine's operators answer yes or no: yes is met; the fold asks the operator again what a no means.
  for (const op of customOperators) engine.addOperator(op.name, (fact: unknown, value: unknown) => op.evaluate(fact, value) === 'met');
  for (const [name, conditions] of namedConditions) engine.setCondition(name, conditions as never);
  return engine;
}

function buildEngine(ruleSet: LoadedRuleSet): Engine {
  const engine = newEngine(ruleSet.namedConditions);
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
  return runWithFacts(engine, { profile });
}

async function runWithFacts(engine: Engine, facts: Record<string, unknown>): Promise<Map<string, Folded>> {
  const { results, failureResults } = await engine.run(facts);
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
 * Does `work` in this process's next turn. Between turns the event loop gets a pass, to read new requests
 * and send finished answers: runs are promise chains, and back-to-back turns would otherwise hold it for as
 * long as the queue is full. The queue stays inside this module: callers hand over all their runs at once
 * and never hold a turn, so no call can wait on a turn it is itself inside of.
 */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const turn = queue.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
  queue = turn.catch(() => undefined);
  return turn;
}

/** Runs each rule set on its profile, in one turn and in order, calling `afterEach` as each finishes (a progress bar). */
export function runInTurn(runs: readonly Run[], afterEach: (index: number) => void = () => undefined): Promise<Map<string, Folded>[]> {
  return inTurn(async () => {
    const out: Map<string, Folded>[] = [];
    for (const [i, { ruleSet, profile }] of runs.entries()) {
      out.push(await runNow(ruleSet, profile));
      afterEach(i);
    }
    return out;
  });
}

export async function runRuleSet(ruleSet: LoadedRuleSet, profile: object): Promise<Map<string, Folded>> {
  return (await runInTurn([{ ruleSet, profile }]))[0]!;
}

/**
 * Many rule sets on one profile, as in a comparison, sharing their work: the distinct condition trees behind
 * all their requirements are the rules of one engine, so each is evaluated once per profile however many
 * jurisdictions ask it (a degree, a NAB exam, a background check). Each rule set then reads its requirements'
 * results by tree. Built once per list of rule sets: give the same list each time.
 */
interface SharedPlan {
  engine: Engine;
  /** For each rule set, its rule names with the shared rule that evaluates each one's tree. */
  rulesOf: Map<LoadedRuleSet, [string, string][]>;
}
const plans = new WeakMap<readonly LoadedRuleSet[], SharedPlan>();

function planFor(ruleSets: readonly LoadedRuleSet[]): SharedPlan {
  const known = plans.get(ruleSets);
  if (known) return known;
  // Named conditions come from one folder, so one name is one tree in every rule set.
  const engine = newEngine(new Map(ruleSets.flatMap((rs) => rs.namedConditions)));
  const byTree = new Map<string, string>();
  const rulesOf = new Map<LoadedRuleSet, [string, string][]>();
  for (const rs of ruleSets) {
    rulesOf.set(
      rs,
      rs.engineRules.map((rule) => {
        const tree = JSON.stringify(rule.conditions);
        let shared = byTree.get(tree);
        if (!shared) {
          shared = `tree-${byTree.size}`;
          byTree.set(tree, shared);
          engine.addRule({ name: shared, conditions: rule.conditions, event: { type: shared } });
        }
        return [String(rule.name), shared];
      }),
    );
  }
  const plan = { engine, rulesOf };
  plans.set(ruleSets, plan);
  return plan;
}

/** Every rule set of the list on one profile, in one engine run and one turn: for each, its requirements folded. */
export function runShared(ruleSets: readonly LoadedRuleSet[], profile: object): Promise<Map<string, Folded>[]> {
  return inTurn(async () => {
    const plan = planFor(ruleSets);
    const byTree = await runWithFacts(plan.engine, { profile });
    return ruleSets.map((rs) => new Map(plan.rulesOf.get(rs)!.map(([name, shared]) => [name, byTree.get(shared)!])));
  });
}

/** One renewal engine per rule set, built on first use: its rules read the `ce` fact of a course record. */
const renewalEngines = new WeakMap<LoadedRuleSet, Engine>();

/** Runs a rule set's renewal rules on the CE facts of one record, in turn like every run. */
export function runRenewalRules(ruleSet: LoadedRuleSet, ce: object): Promise<Map<string, Folded>> {
  return inTurn(() => {
    let engine = renewalEngines.get(ruleSet);
    if (!engine) {
      engine = newEngine([]);
      for (const rule of ruleSet.renewalRules) engine.addRule(rule);
      renewalEngines.set(ruleSet, engine);
    }
    return runWithFacts(engine, { ce });
  });
}
