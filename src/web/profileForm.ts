import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import { fieldGroups, fieldSchemaAt, jurisdictionCodes, licenseTypeLabels } from '../profile/profileFields';
import { LICENSE_NAMES, LICENSE_TYPES } from '../data/ruleSetTypes';
import { listOf as list, NO_LICENSES, textOf as text, type FlatValues } from '../profile/flatProfile';

/**
 * The HTML form of a profile: its inputs are the profile's flat values (see profile/flatProfile), grouped
 * and labelled from the profile schema, with what the user typed and a message per problem.
 */

/** License rows shown open; the rest, up to as many as the API takes, wait folded under "More licenses". */
const LICENSE_ROWS_OPEN = 3;
/**
 * Every license row the API would take (without JavaScript, a fourth license needs a row already there):
 * the first few, and every row up to the last one filled, open; the rest folded.
 */
function licenseRowsFor<T>(path: string, values: FlatValues, row: (index: number) => T): { rows: T[]; moreRows: T[]; maxRows: number } {
  const maxRows = fieldSchemaAt(path)?.maxItems ?? LICENSE_ROWS_OPEN;
  const filled = Object.keys(values).flatMap((k) => (k.startsWith(`${path}.`) && text(values[k]) !== '' ? [Number(k.slice(path.length + 1).split('.')[0])] : []));
  const open = Math.min(maxRows, Math.max(LICENSE_ROWS_OPEN, ...filled.filter(Number.isInteger).map((i) => i + 1)));
  const rows = Array.from({ length: maxRows }, (_, i) => row(i));
  return { rows: rows.slice(0, open), moreRows: rows.slice(open), maxRows };
}

/**
 * Flat values as hidden inputs, to carry a profile from one page to the next without storing it. Give it the
 * values of a checked profile (flatFromProfile), never a posted body: only known fields may travel on.
 */
export function hiddenInputs(values: FlatValues): { name: string; value: string }[] {
  return Object.entries(values)
    .flatMap(([name, v]) => list(v).map((value) => ({ name, value })))
    .filter((i) => i.value.trim() !== '');
}

export const inputId = (name: string) => `f-${name.replace(/\./g, '-')}`;
/** The checkbox that confirms an attestable requirement. */
export const attestationInputId = (requirementId: string) => `f-attest-${requirementId}`;

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

const licenseTypeOptions = [...licenseTypeLabels].map(([value, label]) => ({ value, label }));

function options(choices: { value: string; label: string }[], current: string, blank: string): Option[] {
  return [{ value: '', label: blank, selected: current === '' }, ...choices.map((c) => ({ ...c, selected: c.value === current }))];
}

/** The form as the view needs it: groups of inputs with their values, help and error messages. */
export function formView(catalog: Catalog, values: FlatValues, errors: Map<string, string>, ruleSet?: LoadedRuleSet) {
  // States by name, as people know them; the code is what the form sends.
  const names = new Map(catalog.jurisdictions.map((j) => [j.code, j.name]));
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
              ...licenseRowsFor(f.path, values, (i) => {
                const name = (part: string) => `${f.path}.${i}.${part}`;
                return {
                  number: i + 1,
                  type: input(name('type'), 'Type', 'select', { options: options(licenseTypeOptions, text(values[name('type')]), '—') }),
                  jurisdiction: input(name('jurisdiction'), 'Issued by', 'select', {
                    options: options(jurisdictionCodes.map((c) => ({ value: c, label: names.get(c) ?? c })), text(values[name('jurisdiction')]), '—'),
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
            .map((r) => ({ id: attestationInputId(r.id), value: r.id, label: r.title, help: r.description, checked: ticked.has(r.id) }));
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
