import { Engine, Fact, type RuleProperties, type RuleResult } from 'json-rules-engine';
import type { LoadedRuleSet } from '../data/loadRuleSets';
import { customOperators } from './operators';
import { resolveDotPath } from './resolveDotPath';
import { foldLeaf, treeFolder, type EvaluatedLeaf, type Folded } from './foldConditions';
import { reduceTree, type ConditionTree } from './conditionTree';
import { memo } from '../memo';

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
  /** Engine rule `k` holds the distinct conditions 16k to 16k + 15. */
  engine: Engine;
  /** Each rule's condition tree over the conditions, in the order of the rules. */
  trees: ConditionTree<LeafRef>[];
  names: string[];
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
  const trees = rules.map((rule) => toRefs(rule.conditions));
  const engine = new Engine([], { allowUndefinedFacts: true, pathResolver: resolveDotPath });
  // The engine's operators answer yes or no: yes is met; the fold asks the operator again what a no means.
  for (const op of customOperators) engine.addOperator(op.name, (fact: unknown, value: unknown) => op.evaluate(fact, value) === 'met');
  for (let k = 0; k * CONDITIONS_PER_RULE < conditions.length; k++) {
    const all = conditions.slice(k * CONDITIONS_PER_RULE, (k + 1) * CONDITIONS_PER_RULE);
    engine.addRule({ name: String(k), conditions: { all: all as never[] }, event: { type: String(k) } });
  }
  return { engine, trees, names: rules.map((rule) => String(rule.name)) };
}

/**
 * Runs a plan's engine on one fact (`profile`, or `ce` for renewal): each of its rules' condition trees folded,
 * in the order of the rules. The fact is given as a Fact without a cache: json-rules-engine would otherwise
 * hash a cache key for it on every run, and a constant fact never reads its cache.
 */
async function runPlan(plan: Plan, fact: string, value: object): Promise<Folded[]> {
  const { results, failureResults } = await plan.engine.run({ [fact]: new Fact(fact, value, { cache: false }) });
  const leaves: Folded[] = [];
  for (const list of [results, failureResults] as RuleResult[][]) {
    for (const result of list) {
      // The raw result tree, not toJSON(): toJSON drops the fields the fold reads on some nodes.
      const evaluated = (result.conditions as unknown as { all: EvaluatedLeaf[] }).all;
      const first = Number(result.name) * CONDITIONS_PER_RULE;
      for (let i = 0; i < evaluated.length; i++) leaves[first + i] = foldLeaf(evaluated[i]!);
    }
  }
  return plan.trees.map(treeFolder(({ leaf }: LeafRef) => leaves[leaf]!));
}

/** The folded trees of the plan's rules `from` to `to`, by rule name. */
function byName(plan: Plan, folded: Folded[], from = 0, to = folded.length): Map<string, Folded> {
  const out = new Map<string, Folded>();
  for (let i = from; i < to; i++) out.set(plan.names[i]!, folded[i]!);
  return out;
}

/** One plan per rule set, built on first use. */
const planOfRuleSet = memo((ruleSet: LoadedRuleSet) => planOf(ruleSet.engineRules, new Map(ruleSet.namedConditions)));

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
  const plan = planOfRuleSet(ruleSet);
  return byName(plan, await runPlan(plan, 'profile', profile));
}

/** One rule set to run on one profile. */
export interface Run {
  ruleSet: LoadedRuleSet;
  profile: object;
}

/**
 * How long turns may follow one another before the event loop gets a pass, to read new requests and send
 * finished answers: runs are promise chains, and back-to-back turns would otherwise hold it for as long as
 * the queue is full. A pass before every turn, as before, kept every waiting request parsed and in memory
 * (at 50 connections, about 50 at once): measured side by side at the same time on one CPU, a single
 * evaluation then cost 25–35 % more CPU than with a pass at most every 5 ms, and a little more again than
 * every 10 ms. A batch (about 30 ms) is still followed by a pass every time; a few comparisons (2–6 ms
 * each) may now run before one, which measured no slower.
 */
const PASS_EVERY_MS = 10;
let nextPassAt = 0;

const pass = () =>
  new Promise<void>((resolve) =>
    setImmediate(() => {
      nextPassAt = performance.now() + PASS_EVERY_MS;
      resolve();
    }),
  );

/**
 * Does `work` in this process's next turn, after a pass of the event loop when one is due. The queue stays
 * inside this module: callers hand over all their runs at once and never hold a turn, so no call can wait on
 * a turn it is itself inside of.
 *
 * Callers also hand over what to make of the folded results (`use`), which runs in the same turn: only its
 * answer leaves the turn. Under load a request waits for its turn long enough (about 200 ms for 50
 * comparisons queued) for its promises to be moved to V8's old space, and an old promise keeps what it
 * resolved with alive through every young-generation collection until the next full one. Resolved with the
 * folded trees of 51 rule sets, each such promise had about a megabyte copied into old space; the same
 * runs resolving with nothing promoted none (in process, 8 comparisons queued).
 */
function inTurn<T>(work: () => Promise<T>): Promise<T> {
  const turn = queue.then(() => (performance.now() >= nextPassAt ? pass() : undefined)).then(work);
  // The queue's own promises resolve with nothing, for the same reason.
  queue = turn.then(() => undefined, () => undefined);
  return turn;
}

/**
 * Runs each rule set on its profile, in one turn and in order, calling `afterEach` as each finishes (a
 * progress bar), and answers what `use` makes of the results in that turn.
 */
export function runInTurn<T>(runs: readonly Run[], use: (folded: Map<string, Folded>[]) => T, afterEach: (index: number) => void = () => undefined): Promise<T> {
  return inTurn(async () => {
    const out: Map<string, Folded>[] = [];
    for (const [i, { ruleSet, profile }] of runs.entries()) {
      out.push(await runNow(ruleSet, profile));
      afterEach(i);
    }
    return use(out);
  });
}

/** Runs one rule set on one profile and answers what `use` makes of its requirements folded. */
export function runRuleSet<T>(ruleSet: LoadedRuleSet, profile: object, use: (folded: Map<string, Folded>) => T): Promise<T> {
  return runInTurn([{ ruleSet, profile }], ([folded]) => use(folded!));
}

/**
 * Many rule sets on one profile, as in a comparison, sharing their work: one plan for all their rules, so
 * each distinct condition is evaluated once however many jurisdictions ask it. Built once per list of rule
 * sets: give the same list each time.
 */
const sharedPlan = memo((ruleSets: readonly LoadedRuleSet[]) => {
  // Named conditions come from one folder, so one name is one tree in every rule set.
  const plan = planOf(ruleSets.flatMap((rs) => rs.engineRules), new Map(ruleSets.flatMap((rs) => rs.namedConditions)));
  // Where each rule set's rules start among the plan's.
  const starts = ruleSets.reduce<number[]>((at, rs) => [...at, at.at(-1)! + rs.engineRules.length], [0]);
  return { plan, starts };
});

/**
 * Every rule set of the list on one profile, in one engine run and one turn; answers what `use` makes of
 * each one's requirements folded.
 */
export function runShared<T>(ruleSets: readonly LoadedRuleSet[], profile: object, use: (folded: Map<string, Folded>[]) => T): Promise<T> {
  return inTurn(async () => {
    const { plan, starts } = sharedPlan(ruleSets);
    const folded = await runPlan(plan, 'profile', profile);
    return use(ruleSets.map((_, i) => byName(plan, folded, starts[i], starts[i + 1])));
  });
}

/** One renewal plan per rule set, built on first use: its rules read the `ce` fact of a course record. */
const renewalPlan = memo((ruleSet: LoadedRuleSet) => planOf(ruleSet.renewalRules, new Map()));

/** Runs a rule set's renewal rules on the CE facts of one record, in turn like every run, and answers what `use` makes of them. */
export function runRenewalRules<T>(ruleSet: LoadedRuleSet, ce: object, use: (folded: Map<string, Folded>) => T): Promise<T> {
  return inTurn(async () => {
    const plan = renewalPlan(ruleSet);
    return use(byName(plan, await runPlan(plan, 'ce', ce)));
  });
}
