import { Engine, type RuleProperties, type RuleResult } from 'json-rules-engine';
import type { LoadedRuleSet } from '../data/loadRuleSets';
import { customOperators } from './operators';
import { resolveDotPath } from './resolveDotPath';
import { foldLeaf, foldTree, type EvaluatedLeaf, type Folded } from './foldConditions';
import { reduceTree, type ConditionTree } from './conditionTree';

const CONDITIONS_PER_RULE = 16;

/** A leaf of a plan's condition trees: the index of its condition among the plan's distinct ones. */
interface LeafRef {
  leaf: number;
}

/**
 * What an engine evaluates for a list of rules: their distinct leaf conditions, each once, as the engine's
 * rules, and each rule's condition tree over them. A degree, a NAB exam or a background check asked by many
 * requirements (and, in a comparison, by many jurisdictions) is evaluated once per profile. The fold, not
 * the engine, combines leaves by all / any / not, in three-valued logic, as it always has: the engine's own
 * two-valued answer for a tree was never read.
 *
 * The engine's rules are these conditions 16 at a time, each rule an `all` of them (of one priority, so the
 * engine evaluates every one). json-rules-engine pays per rule (a result, a deep copy of the conditions,
 * events), and its copy slows with size: on Texas NHA, one rule per condition was measured at 1.6× the
 * run of 16 a rule, and one rule per field read at 1.7×; for the 51 NHA rule sets, one rule for all 463
 * conditions at 1.1×.
 */
interface Plan {
  engine: Engine;
  /** How many distinct conditions: engine rule `k` holds conditions 16k to 16k + 15. */
  leafCount: number;
  trees: [name: string, tree: ConditionTree<LeafRef>][];
}

function planOf(rules: readonly RuleProperties[], named: ReadonlyMap<string, unknown>): Plan {
  const index = new Map<string, number>();
  const conditions: EvaluatedLeaf[] = [];
  const toRefs = (tree: unknown): ConditionTree<LeafRef> =>
    reduceTree<EvaluatedLeaf, ConditionTree<LeafRef>>(tree as ConditionTree<EvaluatedLeaf>, {
      leaf: (condition) => {
        const key = JSON.stringify(condition);
        let leaf = index.get(key);
        if (leaf === undefined) index.set(key, (leaf = conditions.push(condition) - 1));
        return { leaf };
      },
      all: (children) => ({ all: children }),
      any: (children) => ({ any: children }),
      not: (child) => ({ not: child }),
      named: (name) => toRefs(named.get(name)),
    });
  const trees = rules.map((rule): [string, ConditionTree<LeafRef>] => [String(rule.name), toRefs(rule.conditions)]);
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolveDotPath });
  // The engine's operators answer yes or no: yes is met; the fold asks the operator again what a no means.
  for (const op of customOperators) engine.addOperator(op.name, (fact: unknown, value: unknown) => op.evaluate(fact, value) === 'met');
  for (let k = 0; k * CONDITIONS_PER_RULE < conditions.length; k++) {
    const all = conditions.slice(k * CONDITIONS_PER_RULE, (k + 1) * CONDITIONS_PER_RULE);
    engine.addRule({ name: String(k), conditions: { all: all as never[] }, event: { type: String(k) } });
  }
  return { engine, leafCount: conditions.length, trees };
}

/** Runs a plan's engine on the facts; each of its rules' condition trees folded, by rule name. */
async function runPlan(plan: Plan, facts: Record<string, unknown>): Promise<Map<string, Folded>> {
  const { results, failureResults } = await plan.engine.run(facts);
  const leaves: Folded[] = new Array(plan.leafCount);
  for (const result of [...results, ...failureResults] as RuleResult[]) {
    // The raw result tree, not toJSON(): toJSON drops the fields the fold reads on some nodes.
    const evaluated = (result.conditions as unknown as { all: EvaluatedLeaf[] }).all;
    const first = Number(result.name) * CONDITIONS_PER_RULE;
    for (const [i, leaf] of evaluated.entries()) leaves[first + i] = foldLeaf(leaf);
  }
  return new Map(plan.trees.map(([name, tree]) => [name, foldTree(tree, ({ leaf }) => leaves[leaf]!)]));
}

/** One plan per rule set, built on first use. */
const plans = new WeakMap<LoadedRuleSet, Plan>();

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
function runNow(ruleSet: LoadedRuleSet, profile: object): Promise<Map<string, Folded>> {
  let plan = plans.get(ruleSet);
  if (!plan) plans.set(ruleSet, (plan = planOf(ruleSet.engineRules, new Map(ruleSet.namedConditions))));
  return runPlan(plan, { profile });
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
 * Many rule sets on one profile, as in a comparison, sharing their work: one plan for all their rules, so
 * each distinct condition is evaluated once however many jurisdictions ask it. Built once per list of rule
 * sets: give the same list each time.
 */
const sharedPlans = new WeakMap<readonly LoadedRuleSet[], { plan: Plan; names: string[][] }>();

/** Every rule set of the list on one profile, in one engine run and one turn: for each, its requirements folded. */
export function runShared(ruleSets: readonly LoadedRuleSet[], profile: object): Promise<Map<string, Folded>[]> {
  return inTurn(async () => {
    let shared = sharedPlans.get(ruleSets);
    if (!shared) {
      // Rule names are requirement ids, unique within a rule set only: each gets its rule set's place as a prefix.
      const rules = ruleSets.flatMap((rs, i) => rs.engineRules.map((rule) => ({ ...rule, name: `${i} ${String(rule.name)}` })));
      // Named conditions come from one folder, so one name is one tree in every rule set.
      const plan = planOf(rules, new Map(ruleSets.flatMap((rs) => rs.namedConditions)));
      sharedPlans.set(ruleSets, (shared = { plan, names: ruleSets.map((rs) => rs.engineRules.map((rule) => String(rule.name))) }));
    }
    const byRule = await runPlan(shared.plan, { profile });
    return shared.names.map((names, i) => new Map(names.map((name) => [name, byRule.get(`${i} ${name}`)!])));
  });
}

/** One renewal plan per rule set, built on first use: its rules read the `ce` fact of a course record. */
const renewalPlans = new WeakMap<LoadedRuleSet, Plan>();

/** Runs a rule set's renewal rules on the CE facts of one record, in turn like every run. */
export function runRenewalRules(ruleSet: LoadedRuleSet, ce: object): Promise<Map<string, Folded>> {
  return inTurn(() => {
    let plan = renewalPlans.get(ruleSet);
    if (!plan) renewalPlans.set(ruleSet, (plan = planOf(ruleSet.renewalRules, new Map())));
    return runPlan(plan, { ce });
  });
}
