import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import { choicesOf, profileModel, type FieldModel, type ProfileField } from '../profile/profileFields';
import { LICENSE_NAMES, LICENSE_TYPES } from '../data/ruleSetTypes';
import { listOf as list, noneInputName, textOf as text, type FlatValues } from '../profile/flatProfile';
import { lowerFirst } from '../words';

/**
 * The HTML form of a profile: its inputs are the profile's flat values (see profile/flatProfile), grouped,
 * labelled and shaped from the profile schema's fields, with what the user typed and a message per problem.
 */

/** Rows of a list of rows shown open; the rest, up to as many as the API takes, wait folded under "More …". */
const ROWS_OPEN = 3;
/**
 * Every row the API would take (without JavaScript, a fourth license needs a row already there): the first
 * few, and every row up to the last one filled, open; the rest folded.
 */
function rowsFor<T>(field: ProfileField, values: FlatValues, row: (index: number) => T): { rows: T[]; moreRows: T[]; maxRows: number } {
  const maxRows = field.maxItems ?? ROWS_OPEN;
  const filled = Object.keys(values).flatMap((k) => (k.startsWith(`${field.path}.`) && text(values[k]) !== '' ? [Number(k.slice(field.path.length + 1).split('.')[0])] : []));
  const open = Math.min(maxRows, Math.max(ROWS_OPEN, ...filled.filter(Number.isInteger).map((i) => i + 1)));
  const rows = Array.from({ length: maxRows }, (_, i) => row(i));
  return { rows: rows.slice(0, open), moreRows: rows.slice(open), maxRows };
}


/** Inside the row "License 1", the part titled "License type" reads "Type": the legend already names the item. */
function partLabel(part: ProfileField, itemTitle: string): string {
  if (!part.title.toLowerCase().startsWith(`${itemTitle.toLowerCase()} `)) return part.title;
  const rest = part.title.slice(itemTitle.length + 1);
  return `${rest.charAt(0).toUpperCase()}${rest.slice(1)}`;
}

/** Choices spelled out in a list's help when there are this few; more are shown by example. */
const CHOICES_SPELLED_OUT = 12;

/** How a list is typed in its one input, as in a CSV cell: entries separated by commas, or "none". */
function listHint(field: ProfileField): string {
  if (field.kind === 'textList') return 'Separate entries with commas; or “none”.';
  if (field.jurisdictions) return 'Two-letter codes separated by commas, e.g. TX, FL; or “none”.';
  const labels = (field.options ?? []).map((o) => o.label);
  return labels.length <= CHOICES_SPELLED_OUT
    ? `Any of: ${labels.join('; ')}, separated by commas; or “none”.`
    : `Separated by commas, e.g. ${labels.slice(0, 2).join(', ')}; or “none”.`;
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

/** The input a problem belongs to: an entry of a list typed in one input points at that input. */
export function inputNameFor(pointer: string, model: FieldModel = profileModel): string {
  const keys = pointer.replace(/^\//, '').split('/');
  for (let n = keys.length; n > 0; n--) {
    const field = model.fieldAt(`/${keys.slice(0, n).join('/')}`);
    if (!field) continue;
    if (field.kind === 'choiceList' || field.kind === 'textList' || field.kind === 'keyedLists') return field.path;
    // The list as a whole, or one row as a whole, is flagged at a row's first part.
    if (field.kind === 'rows' && keys.length <= n + 1) return `${field.path}.${keys[n] ?? '0'}.${field.parts?.[0]?.path ?? ''}`;
    break;
  }
  return keys.join('.');
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

function options(choices: { value: string; label: string }[], current: string, blank: string): Option[] {
  return [{ value: '', label: blank, selected: current === '' }, ...choices.map((c) => ({ ...c, selected: c.value === current }))];
}

/** What an unanswered select shows: at the top level a sentence, inside a row a dash. */
const TOP_BLANKS = { boolean: 'Not sure / not yet', choice: 'Not answered' };
const ROW_BLANKS = { boolean: '—', choice: '—' };

/** The form as the view needs it: groups of inputs with their values, help and error messages. */
export function formView(catalog: Catalog, values: FlatValues, errors: Map<string, string>, ruleSet?: LoadedRuleSet, model: FieldModel = profileModel) {
  // States by name, as people know them; the code is what the form sends.
  const names = new Map(catalog.jurisdictions.map((j) => [j.code, j.name]));
  const nameOf = (code: string) => names.get(code);
  const input = (name: string, label: string, kind: string, extra: { help?: string; [k: string]: unknown } = {}) => {
    const id = inputId(name);
    const error = errors.get(name);
    const describedBy = [extra.help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ');
    return { name, id, label, kind, value: text(values[name]), error, describedBy, ...extra };
  };
  /** One input for a single value: a yes/no or choice select, or a number. */
  const scalar = (f: ProfileField, name: string, label: string, blanks: typeof TOP_BLANKS, help?: string) => {
    const current = text(values[name]);
    if (f.kind === 'boolean') return input(name, label, 'select', { help, options: options(YES_NO, current, blanks.boolean) });
    if (f.kind === 'choice') return input(name, label, 'select', { help, options: options(choicesOf(f, nameOf), current, blanks.choice) });
    return input(name, label, 'number', { help, min: f.minimum, max: f.maximum, step: f.kind === 'integer' ? '1' : 'any' });
  };
  const groups = model.groups.map((g) => ({
    key: g.key,
    title: g.title,
    // A keyed list is its own fieldset, with the group's legend: no second box around it.
    boxed: g.fields.some((f) => f.kind !== 'keyedLists'),
    inputs: g.fields.flatMap((f): object[] => {
      switch (f.kind) {
        case 'choiceList':
        case 'textList':
          return [input(f.path, f.title, 'text', { help: [f.description, listHint(f)].filter(Boolean).join(' ') })];
        case 'rows': {
          const none = noneInputName(f.path);
          return [
            {
              kind: 'rows',
              label: f.title,
              help: f.description,
              none: { name: none, id: inputId(none), label: `None: no ${lowerFirst(f.title)}`, checked: text(values[none]) === 'yes' },
              moreLabel: `More ${lowerFirst(f.title)}`,
              ...rowsFor(f, values, (i) => ({
                legend: `${f.itemTitle} ${i + 1}`,
                parts: (f.parts ?? []).map((part) => scalar(part, `${f.path}.${i}.${part.path}`, partLabel(part, f.itemTitle ?? ''), ROW_BLANKS)),
              })),
            },
          ];
        }
        case 'keyedLists': {
          if (!ruleSet) return [];
          const ticked = new Set(list(values[f.path]));
          const items = ruleSet.requirements
            .filter((r) => r.attestable)
            .map((r) => ({ id: attestationInputId(r.id), value: r.id, label: r.title, help: r.description, checked: ticked.has(r.id) }));
          return items.length ? [{ kind: 'keyedLists', name: f.path, id: inputId(f.path), label: f.title, error: errors.get(f.path), items }] : [];
        }
        default:
          return [scalar(f, f.path, f.title, TOP_BLANKS, f.description)];
      }
    }),
  }));
  const jurisdiction = text(values.jurisdiction);
  const license = text(values.license);
  // A keyed list is a group of checkboxes: the summary links to its message, which is inside it.
  const keyed = new Set(model.fields.filter((f) => f.kind === 'keyedLists').map((f) => f.path));
  return {
    jurisdiction: input('jurisdiction', 'Jurisdiction', 'select', {
      options: options(catalog.jurisdictions.map((j) => ({ value: j.code, label: j.name })), jurisdiction, 'Choose…'),
    }),
    license: input('license', 'License type', 'select', {
      options: options(LICENSE_TYPES.map((l) => ({ value: l, label: LICENSE_NAMES[l] })), license || 'nha', 'Choose…'),
    }),
    groups: groups.filter((g) => g.inputs.length > 0),
    errorCount: errors.size,
    errorList: [...errors].map(([name, message]) => ({ id: keyed.has(name) ? `${inputId(name)}-error` : inputId(name), message })),
  };
}
