import type { Status } from '../data/ruleSetTypes';
import { customOperators } from './operators';

/** A leaf of json-rules-engine's evaluated condition tree, as found on the raw RuleResult. */
export interface EvaluatedLeaf {
  path: string;
  operator: string;
  value: unknown;
  factResult?: unknown;
  result?: boolean;
}

export interface EvaluatedNode {
  all?: EvaluatedNode[];
  any?: EvaluatedNode[];
  not?: EvaluatedNode;
  path?: string;
  operator?: string;
  value?: unknown;
  factResult?: unknown;
  result?: boolean;
}

export interface Finding extends EvaluatedLeaf {
  status: Status;
}

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

const undecided = new Map(customOperators.map((op) => [op.name, op.isUndecided]));

function foldLeaf(node: EvaluatedNode): Folded {
  const leaf: EvaluatedLeaf = {
    path: node.path ?? '',
    operator: node.operator ?? '',
    value: node.value,
    factResult: node.factResult,
    result: node.result,
  };
  let status: Status;
  // No `result`: the engine skipped the leaf. Missing fact: unknown whatever the operator, since
  // json-rules-engine answers notEqual/notIn true on undefined.
  if (node.result === undefined || node.factResult === undefined) status = 'unknown';
  else if (node.result) status = 'met';
  else status = undecided.get(leaf.operator)?.(node.factResult, node.value) ? 'unknown' : 'unmet';
  const finding = { ...leaf, status };
  return { status, findings: [finding], tree: { kind: 'leaf', status, finding } };
}

function pick(kind: 'all' | 'any', children: Folded[], status: Status): Folded {
  return { status, findings: children.filter((c) => c.status === status).flatMap((c) => c.findings), tree: { kind, status, children: children.map((c) => c.tree) } };
}

/**
 * Kleene's three-valued logic over the tree: `all` is unmet if any child is, else unknown if any child is;
 * `any` is met if any child is, else unknown if any child is; `not` swaps met and unmet.
 */
export function foldConditions(node: EvaluatedNode): Folded {
  if (node.all) {
    const children = node.all.map(foldConditions);
    if (children.some((c) => c.status === 'unmet')) return pick('all', children, 'unmet');
    if (children.some((c) => c.status === 'unknown')) return pick('all', children, 'unknown');
    return pick('all', children, 'met');
  }
  if (node.any) {
    const children = node.any.map(foldConditions);
    if (children.some((c) => c.status === 'met')) return pick('any', children, 'met');
    if (children.some((c) => c.status === 'unknown')) return pick('any', children, 'unknown');
    return pick('any', children, 'unmet');
  }
  if (node.not) {
    const inner = foldConditions(node.not);
    const flip = (s: Status): Status => (s === 'met' ? 'unmet' : s === 'unmet' ? 'met' : 'unknown');
    const status = flip(inner.status);
    // The leaves explain the `not`'s own status: a leaf met inside it is what leaves the `not` unmet.
    return { status, findings: inner.findings.map((f) => ({ ...f, status: flip(f.status) })), tree: { kind: 'not', status, child: inner.tree } };
  }
  return foldLeaf(node);
}
