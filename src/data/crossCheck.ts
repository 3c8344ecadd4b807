import type { ValidateFunction } from 'ajv';
import { compileFragment, toProblems } from './schemas';
import { fieldSchemaAt } from '../profile/profileFields';
import { operatorNamed } from '../engine/operators';
import { reduceTree } from '../engine/conditionTree';
import { checkRenewalRules } from './crossCheckRenewal';
import type { PointedProblem } from './RuleDataError';
import type { Condition, JurisdictionFile, Leaf, NamedCondition, RuleSet } from './ruleSetTypes';

/**
 * What JSON Schema cannot say about rule data: that ids referred to exist, that each leaf reads a real
 * profile field with a value of the right kind, that named conditions exist. Each problem carries a JSON
 * pointer into the checked file.
 */

// Keyed by a short name (a field's path, an operator's): compileFragment keys by the schema's JSON text,
// and writing that text out for every leaf of 102 rule sets would cost start-up time.
const fragmentCache = new Map<string, ValidateFunction>();
function validatorFor(key: string, schema: object): ValidateFunction {
  let v = fragmentCache.get(key);
  if (!v) fragmentCache.set(key, (v = compileFragment(schema)));
  return v;
}

function checkValue(key: string, schema: object, value: unknown, pointer: string, out: PointedProblem[]): void {
  const validate = validatorFor(key, schema);
  if (!validate(value)) {
    for (const p of toProblems(validate.errors)) {
      out.push({ pointer: `${pointer}/value${p.pointer === '/' ? '' : p.pointer}`, reason: `value ${p.message}` });
    }
  }
}

function checkLeaf(leaf: Leaf, pointer: string, out: PointedProblem[]): void {
  const field = fieldSchemaAt(leaf.path);
  if (!field) {
    out.push({ pointer: `${pointer}/path`, reason: `"${leaf.path}" is not a field of the applicant profile` });
    return;
  }
  const op = operatorNamed(leaf.operator);
  if (!op || op.meta.reads) {
    out.push({ pointer: `${pointer}/operator`, reason: `unknown operator ${leaf.operator}` });
    return;
  }
  if (op.meta.internal) {
    out.push({ pointer: `${pointer}/operator`, reason: `operator ${op.name} is written by the loader; rule data says "attestable": true instead` });
    return;
  }
  if (op.meta.path && op.meta.path !== leaf.path) {
    out.push({ pointer: `${pointer}/path`, reason: `operator ${op.name} reads ${op.meta.path}, not ${leaf.path}` });
  }
  const need = op.meta.value;
  if ('schema' in need) return checkValue(`op:${op.name}`, need.schema, leaf.value, pointer, out);
  // A built-in compares with the field: the field's own schema says what a value may be.
  const isList = field.type === 'array';
  switch (need.fieldKind) {
    case 'scalar':
      if (isList || field.type === 'object') out.push({ pointer: `${pointer}/operator`, reason: `${op.name} needs a single-valued field; ${leaf.path} is not` });
      else checkValue(`field:${leaf.path}`, field, leaf.value, pointer, out);
      break;
    case 'scalar-list':
      if (!Array.isArray(leaf.value)) out.push({ pointer: `${pointer}/value`, reason: `${op.name} needs a list of values` });
      else checkValue(`list:${leaf.path}`, { type: 'array', minItems: 1, items: field }, leaf.value, pointer, out);
      break;
    case 'list':
      if (!isList || !field.items) out.push({ pointer: `${pointer}/operator`, reason: `${op.name} needs a list field; ${leaf.path} is not one` });
      else checkValue(`item:${leaf.path}`, field.items, leaf.value, pointer, out);
      break;
    case 'number':
      if (field.type !== 'number' && field.type !== 'integer') out.push({ pointer: `${pointer}/operator`, reason: `${op.name} needs a numeric field; ${leaf.path} is not one` });
      else if (typeof leaf.value !== 'number') out.push({ pointer: `${pointer}/value`, reason: `${op.name} needs a number` });
      break;
  }
}

/** Checks every leaf and every shared-condition name of a tree; `names` null: no names allowed (inside a shared condition). */
function walk(c: Condition, pointer: string, names: ReadonlySet<string> | null, out: PointedProblem[]): void {
  const nothing = () => undefined;
  reduceTree<Leaf, void>(
    c,
    {
      leaf: (leaf, p) => checkLeaf(leaf, p, out),
      named: (name, p) => {
        if (names === null) out.push({ pointer: `${p}/condition`, reason: 'a named condition may not refer to another named condition' });
        else if (!names.has(name)) out.push({ pointer: `${p}/condition`, reason: `no shared condition named "${name}" in rules/conditions/` });
      },
      all: nothing,
      any: nothing,
      not: nothing,
    },
    pointer,
  );
}

export function checkNamedCondition(nc: NamedCondition, fileBase: string): PointedProblem[] {
  const out: PointedProblem[] = [];
  if (nc.name !== fileBase) out.push({ pointer: '/name', reason: `name "${nc.name}" must match the file name "${fileBase}"` });
  walk(nc.conditions, '/conditions', null, out);
  return out;
}

function duplicates(ids: string[]): Set<string> {
  const seen = new Set<string>();
  return new Set(ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false))));
}

function checkRuleSet(rs: RuleSet, base: string, names: ReadonlySet<string>, assumptions: ReadonlySet<string>, out: PointedProblem[]): void {
  const sourceIds = new Set(rs.sources.map((s) => s.id));
  const requirementIds = new Set(rs.requirements.map((r) => r.id));
  const checkSources = (refs: string[], pointer: string) =>
    refs.forEach((id, i) => {
      if (!sourceIds.has(id)) out.push({ pointer: `${pointer}/${i}`, reason: `no source with id "${id}" in this rule set` });
    });

  for (const [what, ids, list] of [
    ['source', rs.sources.map((s) => s.id), 'sources'],
    ['requirement', rs.requirements.map((r) => r.id), 'requirements'],
    ['pathway', rs.pathways.map((p) => p.id), 'pathways'],
  ] as const) {
    for (const dup of duplicates([...ids])) out.push({ pointer: `${base}/${list}/${ids.lastIndexOf(dup)}/id`, reason: `duplicate ${what} id "${dup}"` });
  }

  rs.requirements.forEach((r, i) => {
    const p = `${base}/requirements/${i}`;
    const ways = [r.conditions !== undefined, r.attestable === true, r.unverified !== undefined].filter(Boolean).length;
    if (ways !== 1) out.push({ pointer: p, reason: 'a requirement needs exactly one of "conditions", "attestable": true or "unverified"' });
    checkSources(r.sources, `${p}/sources`);
    if (r.conditions) walk(r.conditions, `${p}/conditions`, names, out);
    const conversion = r.conversion;
    if (conversion) {
      if (!r.conditions) out.push({ pointer: `${p}/conversion`, reason: 'a conversion explains conditions: this requirement has none' });
      if (conversion.assumption === undefined && conversion.source === undefined) out.push({ pointer: `${p}/conversion`, reason: 'a conversion names its basis: an "assumption" of rules/estimates.json or a "source"' });
      if (conversion.assumption !== undefined && !assumptions.has(conversion.assumption)) out.push({ pointer: `${p}/conversion/assumption`, reason: `no assumption named "${conversion.assumption}" in rules/estimates.json` });
      if (conversion.source !== undefined && !sourceIds.has(conversion.source)) out.push({ pointer: `${p}/conversion/source`, reason: `no source with id "${conversion.source}" in this rule set` });
    }
  });

  rs.pathways.forEach((pw, i) => {
    const p = `${base}/pathways/${i}`;
    pw.requires.forEach((id, j) => {
      if (!requirementIds.has(id)) out.push({ pointer: `${p}/requires/${j}`, reason: `no requirement with id "${id}" in this rule set` });
    });
    // A time-limited route says which credential it gives; a full one gives the license itself.
    if ((pw.term === 'time-limited') !== (pw.limitedCredential !== undefined)) {
      out.push({ pointer: `${p}/limitedCredential`, reason: 'a time-limited route names its "limitedCredential", and only a time-limited route has one' });
    }
    // The precondition is checked by one of the route's own requirements, whose status says whether it is open.
    if (pw.entry && !pw.requires.includes(pw.entry.requirement)) {
      out.push({ pointer: `${p}/entry/requirement`, reason: `"${pw.entry.requirement}" is not one of this route's requirements` });
    }
  });
  const used = new Set(rs.pathways.flatMap((p) => p.requires));
  rs.requirements.forEach((r, i) => {
    if (!used.has(r.id)) out.push({ pointer: `${base}/requirements/${i}/id`, reason: `requirement "${r.id}" is on no pathway` });
  });
  if (rs.renewal) checkSources(rs.renewal.sources, `${base}/renewal/sources`);
  checkRenewalRules(rs, base, out);
  const contactSource = rs.agency.contact && rs.sources.find((x) => x.id === rs.agency.contact!.source);
  if (rs.agency.contact && !contactSource?.official) {
    out.push({ pointer: `${base}/agency/contact/source`, reason: `the contact details must cite an official source of this rule set ("${rs.agency.contact.source}" is ${contactSource ? 'not official' : 'not one'})` });
  }
  if (rs.credential !== 'none' && rs.pathways.length === 0) {
    out.push({ pointer: `${base}/pathways`, reason: 'a jurisdiction that issues a credential needs at least one pathway' });
  }
  if (rs.requirements.length > 0 && rs.pathways.length === 0) {
    out.push({ pointer: `${base}/pathways`, reason: 'requirements need at least one pathway that lists them' });
  }
}

export function checkJurisdictionFile(file: JurisdictionFile, fileBase: string, names: ReadonlySet<string>, assumptions: ReadonlySet<string>): PointedProblem[] {
  const out: PointedProblem[] = [];
  if (file.jurisdiction !== fileBase) out.push({ pointer: '/jurisdiction', reason: `"${file.jurisdiction}" must match the file name "${fileBase}"` });
  for (const license of Object.keys(file.ruleSets) as (keyof JurisdictionFile['ruleSets'])[]) {
    checkRuleSet(file.ruleSets[license], `/ruleSets/${license}`, names, assumptions, out);
  }
  return out;
}
