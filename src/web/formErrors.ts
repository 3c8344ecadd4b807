import type { Problem } from '../data/schemas';
import { profileModel, type FieldModel, type ProfileField } from '../profile/profileFields';
import { getPath } from '../profile/safePath';
import { inputNameFor } from './profileForm';
import { inputLabel } from './answersGiven';
import { formatNumber } from '../words';

/**
 * The form's error messages, one per input and in plain words: a number's allowed range rather than
 * "must be at most 100000", and every entry a list refused rather than the first. The API keeps the
 * schema's wording, which integrators match on.
 */
const number = (n: number) => formatNumber(n, 2);

/** A number field's problems (not a number, too small, too large) all have one answer: its range. */
function plainWords(field: ProfileField | undefined, message: string): string {
  if (field?.kind !== 'number' && field?.kind !== 'integer') return message;
  const whole = field.kind === 'integer' ? 'a whole number' : 'a number';
  return field.minimum !== undefined && field.maximum !== undefined ? `enter ${whole} from ${number(field.minimum)} to ${number(field.maximum)}` : `enter ${whole}`;
}

/** Choices named in a refusal when there are this few; more are left to the input's help. */
const CHOICES_NAMED = 12;

/** Entries of a list of choices that name none of them, in one sentence. */
function refusedWords(field: ProfileField, entries: string[]): string {
  const quoted = entries.map((c) => `“${c}”`).join(', ');
  const one = entries.length === 1;
  if (field.jurisdictions) return `${quoted} ${one ? 'is not a state code' : 'are not state codes'}: use two letters such as TX`;
  const labels = (field.options ?? []).map((o) => o.label);
  return `${quoted} ${one ? 'is not one of the choices' : 'are not among the choices'}${labels.length <= CHOICES_NAMED ? ` (${labels.join('; ')})` : ''}`;
}

export function formErrors(problems: Problem[], profile: Record<string, unknown>, model: FieldModel = profileModel): Map<string, string> {
  const byInput = new Map<string, { label: string; messages: string[]; refused: string[]; list?: ProfileField }>();
  for (const p of problems) {
    // An entry of a list typed in one input ("/exams/stateExams/1") belongs to the list's input, named by what was typed.
    const item = /^(.+)\/(\d+)$/.exec(p.pointer);
    const owner = item ? model.fieldAt(item[1]!) : undefined;
    const list = owner?.kind === 'choiceList' || owner?.kind === 'textList' ? owner : undefined;
    const pointer = list?.pointer ?? p.pointer;
    const name = inputNameFor(pointer, model);
    const entry = byInput.get(name) ?? { label: pointer === '/jurisdiction' ? '' : `${inputLabel(name, model)}: `, messages: [], refused: [] };
    entry.list ??= list;
    const typed = list && getPath(profile, `${list.path}.${item![2]}`);
    if (typeof typed === 'string' && list?.kind === 'choiceList') entry.refused.push(typed);
    else if (typeof typed === 'string') entry.messages.push(`“${typed}”: ${p.message}`);
    else entry.messages.push(plainWords(model.fieldAt(pointer), p.message));
    byInput.set(name, entry);
  }
  const errors = new Map<string, string>();
  for (const [name, { label, messages, refused, list }] of byInput) {
    const codes = list && refused.length ? [refusedWords(list, refused)] : [];
    errors.set(name, `${label}${[...new Set([...codes, ...messages])].join('; ')}`);
  }
  return errors;
}
