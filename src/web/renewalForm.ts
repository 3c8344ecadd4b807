import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import { LICENSE_NAMES, LICENSE_TYPES } from '../data/ruleSetTypes';
import { listOf, textOf, type FlatValues } from '../profile/flatProfile';
import { CE_TOPICS, SHARED_ROLES } from '../renewal/ceFactFields';
import { ceRecordChoices, ceRecordField } from '../renewal/ceRecordFields';
import { COURSE_FILE, COURSE_LIST, COURSE_PART_LABELS as PART_LABELS, COURSE_ROWS_MAX, COURSE_ROWS_OPEN } from '../renewal/flatCeRecord';
import { COURSE_COLUMNS } from '../renewal/readCourses';
import { renewalChoices } from '../renewal/renewalChoices';
import { inputId } from './profileForm';
import { pointerOf } from '../words';

/**
 * The renewal page's form as the view needs it: the license, repeatable course rows (no JavaScript: the first
 * rows open, the rest folded), a course list to paste or upload, and the rest of the CE record, each input
 * labelled from rules/schema/ce-record.schema.json, with what was typed and a message per problem. The
 * roles, topics and items a rule set adds to the shared ones appear once its jurisdiction and license are known.
 */

interface Choice {
  value: string;
  label: string;
}

/** The choices of a select, with each posted value kept even where it names none, so the form shows what was sent. */
function options(choices: Choice[], current: string[], blank?: string) {
  const known = new Set(choices.map((c) => c.value));
  const strays = [...new Set(current)].filter((v) => v !== '' && !known.has(v)).map((v) => ({ value: v, label: `“${v}” (not one of the choices)` }));
  const all = [...(blank === undefined ? [] : [{ value: '', label: blank }]), ...choices, ...strays];
  return all.map((c) => ({ ...c, selected: c.value === '' ? current.every((v) => v === '') : current.includes(c.value) }));
}

/** A field's title from the schema, by the record's dot path ("license.issued"). */
const titleOf = (path: string) => ceRecordField(pointerOf(path))?.title ?? path;

export function renewalFormView(catalog: Catalog, values: FlatValues, errors: Map<string, string>, ruleSet?: LoadedRuleSet) {
  const choices = ruleSet && renewalChoices(ruleSet);
  const input = (name: string, label: string, kind: string, extra: { help?: string; [k: string]: unknown } = {}) => {
    const id = inputId(name);
    const error = errors.get(name);
    const describedBy = [extra.help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ');
    return { name, id, label, kind, value: textOf(values[name]), error, describedBy, ...extra };
  };
  const select = (name: string, label: string, choices: Choice[], blank: string, help?: string) => input(name, label, 'select', { help, options: options(choices, [textOf(values[name])], blank) });
  type Item = { id: string; title: string; help?: string };
  const checkboxes = (name: string, label: string, help: string, items: readonly Item[]) => {
    const ticked = [...new Set(listOf(values[name]))];
    const known = new Set(items.map((i) => i.id));
    // A ticked value the list no longer offers (another jurisdiction's role) stays, to be seen and unticked.
    const all: Item[] = [...items, ...ticked.filter((v) => v !== '' && !known.has(v)).map((v) => ({ id: v, title: `“${v}” (not known to these rules)` }))];
    return {
      name,
      id: inputId(name),
      label,
      help,
      error: errors.get(name),
      items: all.map((i) => ({ id: inputId(`${name}.${i.id}`), value: i.id, label: i.title, help: i.help, checked: ticked.includes(i.id) })),
    };
  };

  const topics: Choice[] = (choices?.topics ?? CE_TOPICS).map((t) => ({ value: t.id, label: t.title }));
  const deliveries = ceRecordChoices('/courses/0/delivery');
  const approvals = ceRecordChoices('/courses/0/approval');
  const row = (i: number) => {
    const name = (part: string) => `courses.${i}.${part}`;
    return {
      legend: `Course ${i + 1}`,
      parts: [
        input(name('title'), PART_LABELS.title, 'text'),
        input(name('hours'), PART_LABELS.hours, 'number', { min: 0, max: 200, step: 'any' }),
        input(name('completed'), PART_LABELS.completed, 'date'),
        input(name('topics'), PART_LABELS.topics, 'select', { multiple: true, options: options(topics, listOf(values[name('topics')])) }),
        select(name('delivery'), PART_LABELS.delivery, deliveries, '—'),
        select(name('approval'), PART_LABELS.approval, approvals, '—'),
      ],
    };
  };
  // Every row up to the last one filled is open, so that nothing typed is folded away.
  const filled = Object.keys(values).flatMap((k) => {
    const row = /^courses\.(\d+)\./.exec(k);
    return row && listOf(values[k]).some((v) => v.trim() !== '') ? [Number(row[1])] : [];
  });
  const open = Math.min(COURSE_ROWS_MAX, Math.max(COURSE_ROWS_OPEN, ...filled.map((i) => i + 1)));
  const rows = Array.from({ length: COURSE_ROWS_MAX }, (_, i) => row(i));

  const roles = checkboxes('license.roles', titleOf('license.roles'), 'Tick each that applies: the hours asked may depend on it.', choices?.roles ?? SHARED_ROLES);
  const confirmable = choices?.confirmable ?? [];
  const checkboxGroups = new Set(['license.roles', 'confirmed']);
  return {
    jurisdiction: select('license.jurisdiction', titleOf('license.jurisdiction'), catalog.jurisdictions.map((j) => ({ value: j.code, label: j.name })), 'Choose…'),
    license: select('license.type', titleOf('license.type'), LICENSE_TYPES.map((l) => ({ value: l, label: LICENSE_NAMES[l] })), 'Choose…'),
    issued: input('license.issued', titleOf('license.issued'), 'date', { help: 'Tells whether this is the first renewal, and, where the period follows the license’s anniversary, when it ends.' }),
    periodEnds: input('license.periodEnds', titleOf('license.periodEnds'), 'date', { help: 'Leave it blank where every license in the jurisdiction renews on the same date: the rules then say when the period ends.' }),
    roles,
    ruleSetKnown: Boolean(choices),
    rows: rows.slice(0, open),
    moreRows: rows.slice(open),
    maxRows: COURSE_ROWS_MAX,
    courseList: input(COURSE_LIST, 'Paste a course list', 'textarea', {
      help: `A header line naming the columns ${COURSE_COLUMNS.join(', ')} (hours and completed are required), then one course a line, as a spreadsheet saves CSV. Separate topics with semicolons; dates as 2026-03-31 or 3/31/2026.`,
    }),
    courseFile: { name: COURSE_FILE, id: inputId(COURSE_FILE), label: 'Or choose a CSV file', help: 'A file chosen here is read instead of the pasted list, and shown in its place when the form comes back.' },
    carriedOverHours: input('carriedOverHours', titleOf('carriedOverHours'), 'number', { min: 0, max: 200, step: 'any', help: 'Only where the rules let extra hours carry over; they count up to the rules’ limit.' }),
    // Shown also where a ticked item belongs to another license, so that its message has a place.
    confirmed: confirmable.length || listOf(values.confirmed).length ? checkboxes('confirmed', 'Items you have done', 'Tick each that is done. Items left unticked stay unknown, never “not met”.', confirmable) : undefined,
    asOf: input('asOf', 'Check as of', 'date', { help: 'The day to check for: today, or the day you plan to renew.' }),
    errorCount: errors.size,
    // A group of checkboxes is linked at its message, which is inside it.
    errorList: [...errors].map(([name, message]) => ({ id: checkboxGroups.has(name) ? `${inputId(name)}-error` : inputId(name), message })),
  };
}
