import type { Response } from 'express';
import type { Problem } from '../data/schemas';

/** RFC 9457 problem details: what every API error looks like. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { pointer: string; message: string }[];
}

const TITLES: Record<number, string> = {
  400: 'Malformed request',
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Request body too large',
  415: 'Unsupported media type',
  422: 'Invalid request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problem(status: number, detail: string, errors?: Problem[]): ProblemBody {
  return {
    type: 'about:blank',
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    ...(errors && { errors: errors.map((e) => ({ pointer: e.pointer, message: e.message })) }),
  };
}

export function sendProblem(res: Response, body: ProblemBody): void {
  res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
}

/** An error a handler throws to answer with a problem; anything else is a 500. */
export class HttpProblem extends Error {
  constructor(readonly body: ProblemBody) {
    super(body.detail);
  }
}

/** Where JSON.parse stopped, as a line and column of the body, without echoing what the client sent. */
function jsonErrorPlace(message: string, body: unknown): string {
  const text = typeof body === 'string' ? body : '';
  const at = /at position (\d+)/.exec(message);
  if (!at ? /end of (JSON )?input/i.test(message) : Number(at[1]) >= text.trimEnd().length) return ' (it ends too soon)';
  if (!at) return '';
  const before = text.slice(0, Number(at[1])).split('\n');
  return ` (it breaks at line ${before.length}, column ${before.at(-1)!.length + 1})`;
}

const ESCAPE_RULE = 'a % must be followed by two hexadecimal digits';

/** What each fixed kind of parser error (body-parser's `type`, and our form parser's) tells the client. */
const FIXED_ANSWERS = new Map<string, [status: number, detail: string]>([
  ['entity.too.large', [413, 'The request body is larger than this server accepts.']],
  ['parameters.too.many', [413, 'The form has more fields than this server accepts.']],
  ['form.escape.malformed', [400, `The form data has a malformed percent-escape (${ESCAPE_RULE}).`]],
  ['request.size.invalid', [400, 'The request body is not as long as its Content-Length header says.']],
  ['request.aborted', [400, 'The request body was cut off before its end.']],
  ['encoding.unsupported', [415, 'The request body is compressed in a way this server does not read: send it as is, or with gzip, deflate or br.']],
]);

/**
 * The answer to an error the framework raised about what the client sent (body-parser's, Express's own),
 * saying what was wrong; undefined for anything else, which is a bug on our side.
 */
export function clientProblem(err: unknown): ProblemBody | undefined {
  const e = err as { type?: string; status?: number; expose?: boolean; message?: string; charset?: string; body?: unknown };
  const fixed = FIXED_ANSWERS.get(String(e?.type));
  if (fixed) return problem(...fixed);
  if (e?.type === 'entity.parse.failed') return problem(400, `The request body is not valid JSON${jsonErrorPlace(String(e.message), e.body)}.`);
  if (e?.type === 'charset.unsupported') return problem(415, `The request body's character set${e.charset ? ` (${e.charset})` : ''} is not accepted: send UTF-8.`);
  // Express could not decode a percent-escape in the address (e.g. "%E0%A4%A").
  if (err instanceof URIError || (e?.status === 400 && /decode param/i.test(String(e.message)))) {
    return problem(400, `The address has a malformed percent-escape (${ESCAPE_RULE}).`);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return problem(e.status, e.expose && e.message ? `The request could not be processed: ${e.message}.` : 'The request could not be processed.');
  }
  return undefined;
}
