import express, { type ErrorRequestHandler } from 'express';
import type { FlatValues } from '../profile/flatProfile';
import { fieldLabel } from '../profile/profileFields';
import { safeRecord } from '../profile/safePath';
import { formatNumber, pointerOf } from '../words';
import { renderPage } from './renderPage';

/**
 * Reading a posted form. The form's own answers come to a few kilobytes: what makes a body large is one
 * pasted text. So a form body may be far larger than a JSON API body (64 KB), and each answer has a length
 * limit of its own instead, which the form shown again flags at its input while keeping every other answer.
 * Only a body past FORM_BODY_LIMIT_KB goes unread (413), with a page that sends the person Back to their answers.
 */
export const FORM_BODY_LIMIT_KB = 512;
/** The form has about 110 inputs, 80 of them in license rows; more is not the form. */
const FORM_FIELD_LIMIT = 200;
/** No answer the form asks for comes near this: every state code, comma-separated, is about 200 characters. */
export const ANSWER_MAX_LENGTH = 1000;

/**
 * The form parser keeps a broken escape ("%E0%A4%A") as literal text, which would then be judged as an answer;
 * the client is told instead that what it sent is not form data.
 */
function refuseMalformedEscapes(_req: unknown, _res: unknown, body: Buffer): void {
  if (/%(?![0-9A-Fa-f]{2})/.test(body.toString('latin1'))) {
    throw Object.assign(new Error('malformed percent-escape in form data'), { status: 400, type: 'form.escape.malformed' });
  }
}

/** A urlencoded form body parser with the pages' limits, refusing malformed escapes: every form uses one. */
export const formBodyParser = (parameterLimit: number) =>
  express.urlencoded({ extended: false, limit: `${FORM_BODY_LIMIT_KB}kb`, parameterLimit, verify: refuseMalformedEscapes });
export const formBody = formBodyParser(FORM_FIELD_LIMIT);

const count = (n: number) => formatNumber(n, 0);

export interface AnswerLengths {
  /** The posted values without the over-long ones: what is judged. */
  answers: FlatValues;
  /** The posted values with each over-long one cut to ANSWER_MAX_LENGTH characters: what the form shows again. */
  shown: FlatValues;
  /** A message per form input whose answer was too long, by input name. */
  tooLong: Map<string, string>;
}

/**
 * Sets aside every posted value longer than an answer can be. It is not judged (a pasted text would only
 * bring a page of confusing problems); the form shows its start, flagged at its input. Under a name that is
 * no profile field it is left out unflagged: nobody types the jurisdiction or license (lists), whose check
 * then asks for one, and a name the form does not have is ignored anyway.
 */
export function setAsideOverLong(posted: FlatValues): AnswerLengths {
  const answers: [string, FlatValues[string]][] = [];
  const shown: [string, FlatValues[string]][] = [];
  const tooLong = new Map<string, string>();
  for (const [name, value] of Object.entries(posted)) {
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    const longest = Math.max(0, ...values.map((v) => v.length));
    if (longest <= ANSWER_MAX_LENGTH) {
      answers.push([name, value]);
      shown.push([name, value]);
      continue;
    }
    // Checkboxes send one value each: the others under the name are still answers.
    const kept = values.filter((v) => v.length <= ANSWER_MAX_LENGTH);
    if (Array.isArray(value) && kept.length) answers.push([name, kept]);
    const cut = values.map((v) => v.slice(0, ANSWER_MAX_LENGTH));
    shown.push([name, Array.isArray(value) ? cut : cut[0]]);
    const label = fieldLabel(pointerOf(name));
    if (label !== pointerOf(name)) {
      tooLong.set(
        name,
        `${label}: ${count(longest)} characters is too long for an answer (at most ${count(ANSWER_MAX_LENGTH)}). Only its first ${count(ANSWER_MAX_LENGTH)} are kept below: correct it.`,
      );
    }
  }
  return { answers: safeRecord(answers), shown: safeRecord(shown), tooLong };
}

/** What each kind of body the form parser would not read tells the person: why, and what to change. */
const UNREAD = new Map<string, { reason: string; fix: string }>([
  [
    'entity.too.large',
    {
      reason: `The form you sent is larger than this server accepts (${FORM_BODY_LIMIT_KB} KB), most likely because a long text was pasted into an answer.`,
      fix: `Shorten that answer (none needs more than ${count(ANSWER_MAX_LENGTH)} characters) and send the form again.`,
    },
  ],
  [
    'parameters.too.many',
    { reason: `The form you sent has more fields than this server accepts (${FORM_FIELD_LIMIT}).`, fix: 'Send it again from this site\'s own form, without added fields.' },
  ],
]);

/**
 * A form too large to read is answered 413, as the API would answer, but with a page that says the answers
 * were not received and that Back returns to the form with them still in it: the browser keeps what was
 * typed in the page it left.
 */
export const formTooLarge: ErrorRequestHandler = (err: unknown, _req, res, next) => {
  const unread = UNREAD.get(String((err as { type?: unknown } | undefined)?.type));
  if (!unread) return next(err);
  res.status(413).send(renderPage('formNotSent', { title: 'Your answers were not sent', ...unread }));
};
