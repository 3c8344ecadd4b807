import type { PointedProblem } from './RuleDataError';
import type { CeLeaf, CeRules, RuleSet } from './ruleSetTypes';
import { reduceTree } from '../engine/conditionTree';
import { CE_OPERATORS, CE_TOPICS, SHARED_ROLES, ceFactAt, type CeFactKind } from '../renewal/ceFactFields';

/**
 * What JSON Schema cannot say about a rule set's renewal rules (`renewal.ce`): that every part cites a
 * source of the rule set, that each condition reads a CE fact with an operator and value of its kind, and that
 * the topics and roles it names are known. Pointers are into the checked file.
 */
/** A value naming the figure a prorated first period needs, computed with the facts. */
const isRequiredRef = (v: unknown) => typeof v === 'object' && v !== null && (v as { fact?: unknown }).fact === 'ce' && ceFactAt(String((v as { path?: unknown }).path))?.field.kind === 'required' && Object.keys(v).length === 2;

const VALUE_OK: Record<CeFactKind, (v: unknown) => boolean> = {
  hours: (v) => (typeof v === 'number' && v >= 0) || isRequiredRef(v),
  count: (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0,
  years: (v) => typeof v === 'number' && v >= 0,
  roles: (v) => typeof v === 'string',
  flag: (v) => typeof v === 'boolean',
  required: () => false,
};
const VALUE_WORDS: Record<CeFactKind, string> = {
  hours: 'a number of hours (or { "fact": "ce", "path": "period.firstRequired" })', count: 'a whole number', years: 'a number of years', roles: 'a role id', flag: 'true or false', required: 'nothing: it is a figure to compare with, not a fact to test',
};

function checkLeaf(leaf: CeLeaf, pointer: string, topics: ReadonlySet<string>, roles: ReadonlySet<string>, out: PointedProblem[]): void {
  const at = ceFactAt(leaf.path);
  if (!at) {
    out.push({ pointer: `${pointer}/path`, reason: `"${leaf.path}" is not a CE fact (see docs/renewal-data.md)` });
    return;
  }
  if (at.topic !== undefined && !topics.has(at.topic)) out.push({ pointer: `${pointer}/path`, reason: `topic "${at.topic}" is neither in rules/ce-topics.json nor declared in this rule set's ce.topics` });
  const kind = at.field.kind;
  if (!CE_OPERATORS[kind].includes(leaf.operator)) out.push({ pointer: `${pointer}/operator`, reason: `${leaf.path} takes ${CE_OPERATORS[kind].join(' or ')}, not ${leaf.operator}` });
  if (!VALUE_OK[kind](leaf.value)) out.push({ pointer: `${pointer}/value`, reason: `${leaf.path} is compared with ${VALUE_WORDS[kind]}` });
  else if (kind === 'roles' && !roles.has(leaf.value as string)) out.push({ pointer: `${pointer}/value`, reason: `role "${String(leaf.value)}" is neither shared (${SHARED_ROLES.map((r) => r.id).join(', ')}) nor declared in ce.roles` });
}

export function checkRenewalRules(rs: RuleSet, base: string, out: PointedProblem[]): void {
  const ce: CeRules | undefined = rs.renewal?.ce;
  if (!ce) return;
  const at = `${base}/renewal/ce`;
  const sourceIds = new Set(rs.sources.map((s) => s.id));
  const cites = (refs: string[], pointer: string) =>
    refs.forEach((id, i) => {
      if (!sourceIds.has(id)) out.push({ pointer: `${pointer}/${i}`, reason: `no source with id "${id}" in this rule set` });
    });
  const shared = new Set(CE_TOPICS.map((t) => t.id));
  ce.topics?.forEach((t, i) => {
    if (shared.has(t.id)) out.push({ pointer: `${at}/topics/${i}/id`, reason: `topic "${t.id}" is already in rules/ce-topics.json` });
    t.includes?.forEach((id, k) => {
      if (!shared.has(id)) out.push({ pointer: `${at}/topics/${i}/includes/${k}`, reason: `topic "${id}" is not in rules/ce-topics.json` });
    });
  });
  const topics = new Set([...shared, ...(ce.topics ?? []).map((t) => t.id)]);
  const roles = new Set([...SHARED_ROLES.map((r) => r.id), ...(ce.roles ?? []).map((r) => r.id)]);

  if (ce.hourMinutes) cites(ce.hourMinutes.sources, `${at}/hourMinutes/sources`);
  for (const part of ['cycle', 'maxHoursPerDay', 'approvals', 'firstRenewal', 'carryOver'] as const) {
    const cited = ce[part];
    if (cited) cites(cited.sources, `${at}/${part}/sources`);
  }
  for (const list of ['caps', 'variations', 'exemptions'] as const) ce[list]?.forEach((x, i) => cites(x.sources, `${at}/${list}/${i}/sources`));
  if (ce.cycle.anchor === 'fixed' && !ce.cycle.ends) out.push({ pointer: `${at}/cycle/ends`, reason: 'a fixed cycle names the day its periods end (MM-DD)' });
  ce.caps?.forEach((cap, i) => {
    if ((cap.maxHours === undefined) === (cap.maxShare === undefined)) out.push({ pointer: `${at}/caps/${i}`, reason: 'a cap gives exactly one of maxHours or maxShare' });
  });
  if (ce.applies === 'none' && ce.requirements.length > 0) out.push({ pointer: `${at}/requirements`, reason: 'no renewal CE applies, so there are no requirements' });
  const ids = new Set<string>();
  ce.requirements.forEach((r, i) => {
    const p = `${at}/requirements/${i}`;
    if (ids.has(r.id)) out.push({ pointer: `${p}/id`, reason: `duplicate requirement id "${r.id}"` });
    ids.add(r.id);
    const ways = [r.conditions !== undefined, r.attestable === true, r.unverified !== undefined].filter(Boolean).length;
    if (ways !== 1) out.push({ pointer: p, reason: 'a requirement needs exactly one of "conditions", "attestable": true or "unverified"' });
    cites(r.sources, `${p}/sources`);
    if (r.conditions) {
      const nothing = () => undefined;
      reduceTree<CeLeaf, void>(
        r.conditions,
        { leaf: (leaf, lp) => checkLeaf(leaf, lp, topics, roles, out), all: nothing, any: nothing, not: nothing, named: (_, np) => out.push({ pointer: `${np}/condition`, reason: 'renewal conditions do not use shared named conditions' }) },
        `${p}/conditions`,
      );
    }
  });
}
