import type { LoadedRuleSet } from '../src/data/loadRuleSets';
import { customOperators } from '../src/engine/operators';
import { reduceTree } from '../src/engine/conditionTree';

/**
 * The same checks as a rule set's conditions, as plain JavaScript functions (compiled once from the same
 * JSON, with two-valued logic): the floor the benchmark compares json-rules-engine against.
 */
type Node = Record<string, any>;
type Check = (profile: Record<string, unknown>) => boolean;

const BUILT_IN: Record<string, (a: any, b: any) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => b.includes(a),
  notIn: (a, b) => !b.includes(a),
  contains: (a, b) => Array.isArray(a) && a.includes(b),
  doesNotContain: (a, b) => Array.isArray(a) && !a.includes(b),
  lessThan: (a, b) => a < b,
  lessThanInclusive: (a, b) => a <= b,
  greaterThan: (a, b) => a > b,
  greaterThanInclusive: (a, b) => a >= b,
};
const CUSTOM = Object.fromEntries(customOperators.map((o) => [o.name, (a: unknown, b: unknown) => o.evaluate(a, b) === 'met']));

function compile(node: Node, named: Map<string, Node>): Check {
  return reduceTree<Node, Check>(node, {
    all: (parts) => (p) => parts.every((f) => f(p)),
    any: (parts) => (p) => parts.some((f) => f(p)),
    not: (inner) => (p) => !inner(p),
    named: (name) => compile(named.get(name)!, named),
    leaf: (leaf) => {
      const keys = String(leaf.path).split('.');
      const op = BUILT_IN[leaf.operator as string] ?? CUSTOM[leaf.operator as string]!;
      const value = leaf.value;
      return (p) => {
        let v: any = p;
        for (const k of keys) v = v?.[k];
        return v !== undefined && Boolean(op(v, value));
      };
    },
  });
}

export function compileRuleSet(ruleSet: LoadedRuleSet): (profile: Record<string, unknown>) => Map<string, boolean> {
  const named = new Map(ruleSet.namedConditions as [string, Node][]);
  const checks = ruleSet.engineRules.map((r) => [String(r.name), compile(r.conditions as Node, named)] as const);
  return (profile) => new Map(checks.map(([id, check]) => [id, check(profile)]));
}
