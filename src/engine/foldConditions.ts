import type { Status } from '../data/ruleSetTypes';
import { operatorNamed } from './operators';
import { reduceTree, type ConditionTree, type EvaluatedLeaf, type Finding, type TreeVisitor } from './conditionTree';

export type { EvaluatedLeaf, Finding };
export type EvaluatedNode = ConditionTree<EvaluatedLeaf>;

/** A condition tree folded: each node with its status, each leaf with the finding that explains it. */
export type Folded =
  | { kind: 'all' | 'any'; status: Status; children: Folded[] }
  | { kind: 'not'; status: Status; child: Folded }
  | { kind: 'leaf'; status: Status; finding: Finding };

const flip = (s: Status): Status => (s === 'met' ? 'unmet' : s === 'unmet' ? 'met' : 'unknown');

/**
 * The leaves that explain a node's status: the unmet ones of an unmet node, the unknown ones of an unknown
 * one… A `not` is explained by its leaves with their status flipped: a leaf met inside it is what leaves it
 * unmet. Worked out when asked: a comparison reads them for a few requirements of each jurisdiction.
 */
export function findingsOf(node: Folded): Finding[] {
  const out: Finding[] = [];
  collectFindings(node, out);
  return out;
}

function collectFindings(node: Folded, out: Finding[]): void {
  if (node.kind === 'leaf') out.push(node.finding);
  else if (node.kind === 'not') {
    for (const { negated, ...f } of findingsOf(node.child)) out.push({ ...f, status: flip(f.status), ...(!negated && { negated: true as const }) });
  } else for (const c of node.children) if (c.status === node.status) collectFindings(c, out);
}

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
  return { kind: 'leaf', status, finding };
}

/**
 * `all` is unmet if any child is, else unknown if any child is, else met; `any` is met if any child is, else
 * unknown if any child is, else unmet: `decisive` is the status one child settles.
 */
function combined(children: Folded[], decisive: Status, otherwise: Status): Status {
  let status = otherwise;
  for (const c of children) {
    if (c.status === decisive) return decisive;
    if (c.status === 'unknown') status = 'unknown';
  }
  return status;
}

/**
 * Kleene's three-valued logic over a tree: `all` and `any` as above, `not` swaps met and unmet. `leaf` gives
 * each leaf's own fold (an evaluated leaf's, or one already folded and shared by many trees). Returns the
 * fold of one tree, to call on each tree of a run: the visitor is made once per run, not once per tree.
 */
export function treeFolder<L extends object>(leaf: (l: L) => Folded): (node: ConditionTree<L>) => Folded {
  const visitor: TreeVisitor<L, Folded> = {
    leaf,
    all: (children) => ({ kind: 'all', status: combined(children, 'unmet', 'met'), children }),
    any: (children) => ({ kind: 'any', status: combined(children, 'met', 'unmet'), children }),
    not: (child) => ({ kind: 'not', status: flip(child.status), child }),
    named: (name) => {
      throw new Error(`the shared condition "${name}" was left unresolved`);
    },
  };
  return (node) => reduceTree<L, Folded>(node, visitor, null);
}
