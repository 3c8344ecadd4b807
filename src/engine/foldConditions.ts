import type { Status } from '../data/ruleSetTypes';
import { operatorNamed } from './operators';
import { reduceTree, type ConditionTree, type EvaluatedLeaf, type Finding } from './conditionTree';

export type { EvaluatedLeaf, Finding };
export type EvaluatedNode = ConditionTree<EvaluatedLeaf>;

/** A status with the leaves that explain it (the unmet ones of an unmet node, the unknown ones of an unknown…). */
export interface Folded {
  status: Status;
  findings: Finding[];
  /** The tree itself with each node's status, for what needs more than the deciding leaves (time estimates). */
  tree: FoldedNode;
}

export type FoldedNode =
  | { kind: 'all' | 'any'; status: Status; children: FoldedNode[] }
  | { kind: 'not'; status: Status; child: FoldedNode }
  | { kind: 'leaf'; status: Status; finding: Finding };

/** A condition's value that names another fact to compare with, resolved by the engine into `valueResult`. */
const comparesWithFact = (value: unknown) => typeof value === 'object' && value !== null && 'fact' in value;

/** A leaf as json-rules-engine evaluated it, to met / unmet / unknown with the finding that explains it. */
export function foldLeaf(node: EvaluatedLeaf): Folded {
  const value = comparesWithFact(node.value) ? node.valueResult : node.value;
  let status: Status;
  // No `result`: the engine skipped the leaf. Missing fact: unknown whatever the operator, since
  // json-rules-engine answers notEqual/notIn true on undefined.
  if (node.result === undefined || node.factResult === undefined) status = 'unknown';
  else if (node.result) status = 'met';
  // A custom operator's own three values tell unmet from undecided; a built-in that answered no is unmet.
  else status = operatorNamed(node.operator)?.evaluate?.(node.factResult, value) ?? 'unmet';
  const finding: Finding = { fact: node.fact, path: node.path, operator: node.operator, value, factResult: node.factResult, result: node.result, status };
  return { status, findings: [finding], tree: { kind: 'leaf', status, finding } };
}

function pick(kind: 'all' | 'any', children: Folded[], status: Status): Folded {
  return { status, findings: children.filter((c) => c.status === status).flatMap((c) => c.findings), tree: { kind, status, children: children.map((c) => c.tree) } };
}

const flip = (s: Status): Status => (s === 'met' ? 'unmet' : s === 'unmet' ? 'met' : 'unknown');

/**
 * Kleene's three-valued logic over the tree: `all` is unmet if any child is, else unknown if any child is;
 * `any` is met if any child is, else unknown if any child is; `not` swaps met and unmet. `leaf` gives each
 * leaf's own fold (an evaluated leaf's, or one already folded and shared by many trees).
 */
export function foldTree<L extends object>(node: ConditionTree<L>, leaf: (l: L) => Folded): Folded {
  return reduceTree<L, Folded>(node, {
    leaf,
    all: (children) =>
      pick('all', children, children.some((c) => c.status === 'unmet') ? 'unmet' : children.some((c) => c.status === 'unknown') ? 'unknown' : 'met'),
    any: (children) =>
      pick('any', children, children.some((c) => c.status === 'met') ? 'met' : children.some((c) => c.status === 'unknown') ? 'unknown' : 'unmet'),
    // The leaves explain the `not`'s own status: a leaf met inside it is what leaves the `not` unmet.
    not: (inner) => {
      const status = flip(inner.status);
      const findings = inner.findings.map(({ negated, ...f }): Finding => ({ ...f, status: flip(f.status), ...(!negated && { negated: true as const }) }));
      return { status, findings, tree: { kind: 'not', status, child: inner.tree } };
    },
    named: (name) => {
      throw new Error(`the shared condition "${name}" was left unresolved`);
    },
  });
}
