import assert from 'node:assert/strict';
import type { Response } from 'supertest';

/** Asserts an RFC 9457 problem+json answer with this status, and returns its body. */
export function expectProblem(res: Response, status: number) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
  const body = JSON.parse(res.text);
  assert.equal(body.status, status);
  assert.equal(typeof body.title, 'string');
  assert.equal(typeof body.detail, 'string');
  assert.equal(body.type, 'about:blank');
  return body as { errors?: { pointer: string; message: string }[]; detail: string };
}
