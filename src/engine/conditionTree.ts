import type { Status } from '../data/ruleSetTypes';

/**
 * The one walk of a condition tree, for every tree this project has: the rule data's (a leaf reads a
 * profile field; `condition` names a shared condition) and json-rules-engine's evaluated one (a leaf also
 * carries the fact it read and its result). The loader, the cross-checks, the rule-set description, the fold
 * and the benchmark's plain checks each say what to do at a node; this walk alone knows the shapes.
 */
export type ConditionTree<L> = { all: ConditionTree<L>[] } | { any: ConditionTree<L>[] } | { not: ConditionTree<L> } | { condition: string } | L;

export interface TreeVisitor<L, T> {
  leaf(leaf: L, pointer: string): T;
  all(children: T[], pointer: string): T;
  any(children: T[], pointer: string): T;
  not(child: T, pointer: string): T;
  /** A reference to a shared condition by name; trees from the engine have them resolved already. */
  named(name: string, pointer: string): T;
}

/**
 * Walks the tree bottom-up, giving each node its children's results and its JSON pointer below `pointer`;
 * with `pointer` null no pointers are built (the fold, on every request, never reads them) and visitors get ''.
 */
export function reduceTree<L extends object, T>(node: ConditionTree<L>, visit: TreeVisitor<L, T>, pointer: string | null = ''): T {
  const n = node as { all?: unknown; any?: unknown; not?: unknown; condition?: unknown };
  const at = pointer ?? '';
  if (Array.isArray(n.all)) return visit.all(reduceChildren(n.all as ConditionTree<L>[], visit, pointer, 'all'), at);
  if (Array.isArray(n.any)) return visit.any(reduceChildren(n.any as ConditionTree<L>[], visit, pointer, 'any'), at);
  if (n.not && typeof n.not === 'object') return visit.not(reduceTree(n.not as ConditionTree<L>, visit, pointer === null ? null : `${pointer}/not`), at);
  if (typeof n.condition === 'string') return visit.named(n.condition, at);
  return visit.leaf(node as L, at);
}

/** The children of an `all` or `any`, each reduced; a plain loop, since the fold walks every tree of every request. */
function reduceChildren<L extends object, T>(children: ConditionTree<L>[], visit: TreeVisitor<L, T>, pointer: string | null, key: string): T[] {
  const out: T[] = [];
  for (let i = 0; i < children.length; i++) out.push(reduceTree(children[i]!, visit, pointer === null ? null : `${pointer}/${key}/${i}`));
  return out;
}

/** A visitor that only looks at leaves and shared-condition names, collecting what they give. */
export function collectFromTree<L extends object, T>(node: ConditionTree<L>, at: { leaf?(leaf: L, pointer: string): T[]; named?(name: string, pointer: string): T[] }): T[] {
  return reduceTree<L, T[]>(node, {
    leaf: (l, p) => at.leaf?.(l, p) ?? [],
    named: (name, p) => at.named?.(name, p) ?? [],
    all: (children) => children.flat(),
    any: (children) => children.flat(),
    not: (child) => child,
  });
}

/** A leaf of json-rules-engine's evaluated condition tree, as found on the raw RuleResult. */
export interface EvaluatedLeaf {
  /** The fact the leaf reads: `profile` for licensure, `ce` for renewal. */
  fact: string;
  path: string;
  operator: string;
  value: unknown;
  factResult?: unknown;
  /** The value itself where the condition compares with another fact (`"value": { "fact": …, "path": … }`). */
  valueResult?: unknown;
  result?: boolean;
}

/** An evaluated leaf with its three-valued status. */
export interface Finding extends EvaluatedLeaf {
  status: Status;
  /** Titles of ids a rule set declares for itself (renewal topics and roles), for the wording to name them by. */
  labels?: ReadonlyMap<string, string>;
  /** The leaf sits under a `not`: its status is the `not`'s, the opposite of what the leaf itself found. */
  negated?: true;
}
