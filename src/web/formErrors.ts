import type { Problem } from '../data/schemas';
import { fieldAt } from '../profile/profileFields';
import { inputNameFor } from './profileForm';
import { inputLabel } from './answersGiven';

/**
 * The form's error messages, one per input and in plain words: a number's allowed range rather than
 * "must be at most 100000", and every code a list of jurisdictions refused rather than the first. The API
 * keeps the schema's wording, which integrators match on.
 */
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A number field's problems (not a number, too small, too large) all have one answer: its range. */
function plainWords(pointer: string, message: string): string {
  const field = fieldAt(pointer);
  if (field?.kind !== 'number' && field?.kind !== 'integer') return message;
  const whole = field.kind === 'integer' ? 'a whole number' : 'a number';
  return field.minimum !== undefined && field.maximum !== undefined ? `enter ${whole} from ${number.format(field.minimum)} to ${number.format(field.maximum)}` : `enter ${whole}`;
}

/** The value the checked profile holds at a list item's pointer ("/exams/stateExams/1"). */
function itemAt(profile: Record<string, unknown>, listPointer: string, index: number): unknown {
  let node: unknown = profile;
  for (const key of listPointer.split('/').slice(1)) node = node && typeof node === 'object' && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  return Array.isArray(node) ? node[index] : undefined;
}

export function formErrors(problems: Problem[], profile: Record<string, unknown>): Map<string, string> {
  const byInput = new Map<string, { label: string; messages: string[]; codes: string[] }>();
  for (const p of problems) {
    // An item of a list of jurisdictions ("/exams/stateExams/1") belongs to the list's one input.
    const item = /^(.+)\/(\d+)$/.exec(p.pointer);
    const list = item && fieldAt(item[1]!)?.kind === 'jurisdictions' ? item[1]! : undefined;
    const pointer = list ?? p.pointer;
    const name = inputNameFor(pointer);
    const entry = byInput.get(name) ?? { label: pointer === '/jurisdiction' ? '' : `${inputLabel(name)}: `, messages: [], codes: [] };
    const refused = list && itemAt(profile, list, Number(item![2]));
    if (typeof refused === 'string') entry.codes.push(refused);
    else entry.messages.push(plainWords(pointer, p.message));
    byInput.set(name, entry);
  }
  const errors = new Map<string, string>();
  for (const [name, { label, messages, codes }] of byInput) {
    const refused = codes.length ? [`${codes.map((c) => `“${c}”`).join(', ')} ${codes.length === 1 ? 'is not a state code' : 'are not state codes'}: use two letters such as TX`] : [];
    errors.set(name, `${label}${[...new Set([...refused, ...messages])].join('; ')}`);
  }
  return errors;
}
