import type { Problem } from '../data/schemas';
import { fieldAt } from '../profile/profileFields';
import { inputNameFor } from './profileForm';
import { inputLabel } from './answersGiven';

/**
 * The form's error messages, one per input and in plain words: a number's allowed range rather than
 * "must be at most 100000", and every code a list field refused rather than the first. The API keeps the
 * schema's wording, which integrators match on.
 */
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

function plainWords(pointer: string, message: string): string {
  const field = fieldAt(pointer);
  if (field && (field.kind === 'number' || field.kind === 'integer') && /^must be (at least|at most|a number|a whole number)/.test(message)) {
    const whole = field.kind === 'integer' ? 'a whole number' : 'a number';
    return field.minimum !== undefined && field.maximum !== undefined ? `enter ${whole} from ${number.format(field.minimum)} to ${number.format(field.maximum)}` : `enter ${whole}`;
  }
  return message;
}

export function formErrors(problems: Problem[]): Map<string, string> {
  const byInput = new Map<string, { label: string; messages: string[]; codes: string[] }>();
  for (const p of problems) {
    // A list item's problem ("/exams/stateExams/1") belongs to the list's one input.
    const item = /^(\/exams\/stateExams)\/\d+$/.exec(p.pointer);
    const pointer = item ? item[1]! : p.pointer;
    const name = inputNameFor(pointer);
    const entry = byInput.get(name) ?? { label: pointer === '/jurisdiction' ? '' : `${inputLabel(name)}: `, messages: [], codes: [] };
    const code = item && /^"([^"]*)" is not one of/.exec(p.message)?.[1];
    if (code !== undefined && code !== null) entry.codes.push(code);
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
