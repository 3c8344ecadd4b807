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

/** Maps body-parser's errors (bad JSON, too large, bad charset) to their statuses. */
export function clientErrorStatus(err: unknown): number | undefined {
  const e = err as { type?: string; status?: number };
  switch (e?.type) {
    case 'entity.parse.failed':
      return 400;
    case 'entity.too.large':
      return 413;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return 415;
    default:
      return typeof e?.status === 'number' && e.status >= 400 && e.status < 500 ? e.status : undefined;
  }
}
