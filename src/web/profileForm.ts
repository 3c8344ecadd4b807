import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import type { Problem } from '../data/schemas';
import { fieldGroups, fieldSchemaAt, jurisdictionCodes, type ProfileField } from '../profile/profileFields';
import { LICENSE_NAMES, LICENSE_TYPES } from '../data/ruleSetTypes';
import { validateProfile } from '../profile/validateProfile';

/**
 * The HTML form and the profile, both ways. Inputs are named by the profile's dot paths, so a schema
 * problem's JSON pointer finds its input. What the user typed is kept as typed, to show it again.
 */
export type FormValues = Record<string, string | string[] | undefined>;

/** Rows offered for licenses held; the API takes up to 20. */
export const LICENSE_ROWS = 3;
const LICENSE_PARTS = ['type', 'jurisdiction', 'active', 'years'] as const;
/** The checkbox saying no license is held, so that an empty list is told apart from an unanswered one. */
const NO_LICENSES = 'credentials.licenses.none';

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function setPath(target: Record<string, unknown>, dotPath: string, value: unknown): void {
  const keys = dotPath.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

/** A typed form value, or `undefined` for a blank; NaN-free: a non-number stays a string for the schema to reject. */
function parseScalar(field: Pick<ProfileField, 'kind'>, raw: string): unknown {
  if (raw === '') return undefined;
  if (field.kind === 'boolean') return raw === 'yes' ? true : raw === 'no' ? false : raw;
  if (field.kind === 'integer' || field.kind === 'number') {
    const n = Number(raw.replace(/,/g, ''));
    return Number.isFinite(n) ? n : raw;
  }
  return raw;
}

export interface ParsedForm {
  jurisdiction: string;
  license: string;
  profile: Record<string, unknown>;
  values: FormValues;
  problems: Problem[];
}

/**
 * The profile a form describes. For a comparison (`forComparison`) no jurisdiction is needed and the
 * confirmed items are left out: they belong to one jurisdiction's rule sets.
 */
export function profileFromForm(body: FormValues, catalog: Catalog, { forComparison = false } = {}): ParsedForm {
  const profile: Record<string, unknown> = {};
  const jurisdiction = forComparison ? '' : text(body.jurisdiction);
  const license = text(body.license);
  const problems: Problem[] = [];
  for (const field of fieldGroups.flatMap((g) => g.fields)) {
    if (field.kind === 'attestations') {
      const ids = list(body.attestations).map((s) => s.trim()).filter(Boolean);
      if (ids.length && jurisdiction) setPath(profile, `attestations.${jurisdiction}`, ids);
    } else if (field.kind === 'jurisdictions') {
      // "none" is an answer (no state exam passed), unlike a blank (not known).
      const typed = text(body[field.path]);
      const codes = /^none$/i.test(typed) ? [] : typed.toUpperCase().split(/[\s,;]+/).filter(Boolean);
      if (typed !== '') setPath(profile, field.path, [...new Set(codes)]);
    } else if (field.kind === 'licenses') {
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; i < LICENSE_ROWS; i++) {
        const row: Record<string, unknown> = {};
        for (const part of LICENSE_PARTS) {
          const kind = part === 'active' ? 'boolean' : part === 'years' ? 'number' : 'choice';
          const v = parseScalar({ kind }, text(body[`${field.path}.${i}.${part}`]));
          if (v !== undefined) row[part] = v;
        }
        if (Object.keys(row).length) rows.push(row);
      }
      // Ticking "none" is an answer (no license held), unlike leaving every row blank (not known).
      if (rows.length || text(body[NO_LICENSES]) === 'yes') setPath(profile, field.path, rows);
    } else {
      const v = parseScalar(field, text(body[field.path]));
      if (v !== undefined) setPath(profile, field.path, v);
    }
  }
  if (forComparison ? !(LICENSE_TYPES as readonly string[]).includes(license) : !catalog.get(jurisdiction, license)) {
    const what = forComparison ? 'a license type' : 'a jurisdiction and license type';
    problems.push({ pointer: '/jurisdiction', message: `Choose ${what} from the lists.` });
  }
  problems.push(...validateProfile(profile, catalog));
  return { jurisdiction, license, profile, values: body, problems };
}

/** The answers of a form as hidden inputs, to carry a profile from one page to the next without storing it. */
export function hiddenInputs(values: FormValues, leaveOut: readonly string[]): { name: string; value: string }[] {
  return Object.entries(values)
    .filter(([name]) => !leaveOut.includes(name))
    .flatMap(([name, v]) => list(v).map((value) => ({ name, value })))
    .filter((i) => i.value.trim() !== '');
}

/** The form's values for a profile (to start from an example persona). */
export function formFromProfile(profile: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  const walk = (node: unknown, prefix: string) => {
    if (Array.isArray(node)) {
      if (prefix === 'exams.stateExams') values[prefix] = node.length ? node.join(', ') : 'none';
      else if (prefix === 'credentials.licenses' && node.length === 0) values[NO_LICENSES] = 'yes';
      else node.forEach((item, i) => walk(item, `${prefix}.${i}`));
    } else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) walk(v, prefix ? `${prefix}.${k}` : k);
    } else if (typeof node === 'boolean') values[prefix] = node ? 'yes' : 'no';
    else if (node !== undefined) values[prefix] = String(node);
  };
  const { attestations, ...rest } = profile;
  walk(rest, '');
  const ids = Object.values((attestations ?? {}) as Record<string, string[]>).flat();
  if (ids.length) values.attestations = ids;
  return values;
}

export const inputId = (name: string) => `f-${name.replace(/\./g, '-')}`;

/** The input a problem belongs to: list items point at their list's input. */
export function inputNameFor(pointer: string): string {
  const path = pointer.replace(/^\//, '').split('/');
  if (path[0] === 'attestations') return 'attestations';
  if (path[0] === 'exams' && path[1] === 'stateExams') return 'exams.stateExams';
  if (path[0] === 'credentials' && path[1] === 'licenses' && path.length === 2) return 'credentials.licenses.0.type';
  return path.join('.');
}

interface Option {
  value: string;
  label: string;
  selected: boolean;
}

const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
];

/** Kinds of license an applicant may hold, as the profile schema names them. */
const licenseTypeOptions = Object.entries(fieldSchemaAt('credentials.licenses')?.items?.properties?.type?.['x-labels'] ?? {}).map(
  ([value, label]) => ({ value, label }),
);

function options(choices: { value: string; label: string }[], current: string, blank: string): Option[] {
  return [{ value: '', label: blank, selected: current === '' }, ...choices.map((c) => ({ ...c, selected: c.value === current }))];
}

/** The form as the view needs it: groups of inputs with their values, help and error messages. */
export function formView(catalog: Catalog, values: FormValues, errors: Map<string, string>, ruleSet?: LoadedRuleSet) {
  const input = (name: string, label: string, kind: string, extra: { help?: string; [k: string]: unknown } = {}) => {
    const id = inputId(name);
    const error = errors.get(name);
    const describedBy = [extra.help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ');
    return { name, id, label, kind, value: text(values[name]), error, describedBy, ...extra };
  };
  const groups = fieldGroups.map((g) => ({
    key: g.key,
    title: g.title,
    inputs: g.fields.flatMap((f): object[] => {
      const current = text(values[f.path]);
      switch (f.kind) {
        case 'boolean':
          return [input(f.path, f.title, 'select', { help: f.description, options: options(YES_NO, current, 'Not sure / not yet') })];
        case 'choice':
          return [input(f.path, f.title, 'select', { help: f.description, options: options(f.options ?? [], current, 'Not answered') })];
        case 'integer':
        case 'number':
          return [input(f.path, f.title, 'number', { help: f.description, min: f.minimum, max: f.maximum, step: f.kind === 'integer' ? '1' : 'any' })];
        case 'jurisdictions':
          return [input(f.path, f.title, 'text', { help: `${f.description ?? ''} Two-letter codes separated by commas, e.g. TX, FL; or “none”.` })];
        case 'licenses':
          return [
            {
              kind: 'licenses',
              label: f.title,
              help: f.description,
              none: { name: NO_LICENSES, id: inputId(NO_LICENSES), checked: text(values[NO_LICENSES]) === 'yes' },
              rows: Array.from({ length: LICENSE_ROWS }, (_, i) => {
                const name = (part: string) => `${f.path}.${i}.${part}`;
                return {
                  number: i + 1,
                  type: input(name('type'), 'Type', 'select', { options: options(licenseTypeOptions, text(values[name('type')]), '—') }),
                  jurisdiction: input(name('jurisdiction'), 'Issued by', 'select', {
                    options: options(jurisdictionCodes.map((c) => ({ value: c, label: c })), text(values[name('jurisdiction')]), '—'),
                  }),
                  active: input(name('active'), 'Active, in good standing', 'select', { options: options(YES_NO, text(values[name('active')]), '—') }),
                  years: input(name('years'), 'Years held', 'number', { min: 0, max: 100, step: 'any' }),
                };
              }),
            },
          ];
        case 'attestations': {
          if (!ruleSet) return [];
          const ticked = new Set(list(values.attestations));
          const items = ruleSet.requirements
            .filter((r) => r.attestable)
            .map((r) => ({ id: `f-attest-${r.id}`, value: r.id, label: r.title, help: r.description, checked: ticked.has(r.id) }));
          return items.length ? [{ kind: 'attestations', label: f.title, error: errors.get('attestations'), items }] : [];
        }
      }
    }),
  }));
  const jurisdiction = text(values.jurisdiction);
  const license = text(values.license);
  return {
    jurisdiction: input('jurisdiction', 'Jurisdiction', 'select', {
      options: options(catalog.jurisdictions.map((j) => ({ value: j.code, label: j.name })), jurisdiction, 'Choose…'),
    }),
    license: input('license', 'License type', 'select', {
      options: options(LICENSE_TYPES.map((l) => ({ value: l, label: LICENSE_NAMES[l] })), license || 'nha', 'Choose…'),
    }),
    groups: groups.filter((g) => g.inputs.length > 0),
    errorCount: errors.size,
    errorList: [...errors].map(([name, message]) => ({ id: name === 'attestations' ? 'f-attestations-error' : inputId(name), message })),
  };
}
