import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { sendResults } from '../src/web/sendResults';

/** A batch's answer written a result at a time: the same JSON as whole, and no work for a client that has gone. */
function serve(results: (() => unknown)[], rest: object): Promise<{ port: number; close(): void }> {
  const app = express();
  app.get('/', async (_req, res) => sendResults<{ results: unknown[] }>(res, results, rest as never));
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ port: (server.address() as AddressInfo).port, close: () => server.close() }));
  });
}

describe('a batch answer written a result at a time', () => {
  it('is the JSON the whole answer would be, with or without fields after the results', async () => {
    for (const rest of [{ ruleDataVersion: { hash: 'abc', lastVerified: '2026-12-01' } }, {}]) {
      const items = [{ a: 1 }, 'text with "quotes"', null, [1, 2]];
      const server = await serve(items.map((x) => () => x), rest);
      const res = await fetch(`http://127.0.0.1:${server.port}/`);
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.deepEqual(await res.json(), { results: items, ...rest });
      server.close();
    }
  });

  it('stops working out results once the client has gone', async () => {
    let made = 0;
    const big = 'x'.repeat(1 << 20);
    const server = await serve(Array.from({ length: 200 }, () => () => (made++, big)), {});
    await new Promise<void>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: server.port, path: '/' }, (res) => {
        res.once('data', () => {
          req.destroy();
          setTimeout(resolve, 300);
        });
      });
      req.on('error', () => undefined);
    });
    assert.ok(made < 200, `${made} of 200 results were worked out for a client that left after the first bytes`);
    server.close();
  });
});
