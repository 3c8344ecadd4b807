import assert from 'node:assert/strict';
import { send, startServerProcess as startServer, waitForLine } from './support/serverProcess';

/** The real server process, as an operator runs it: signals, workers, configuration errors. */

describe('server process', function () {
  this.timeout(60000);

  it('on SIGTERM says so at once, finishes the requests in flight, refuses new connections, and exits 0', async () => {
    const server = await startServer({ SHUTDOWN_DELAY_MS: '1000' });
    const item = { jurisdiction: 'VA', license: 'ala', profile: { age: 40, experience: { assistedLivingMonths: 30 } } };
    const inFlight = [1, 2, 3].map(() => send(server.port, 'POST', '/api/v1/evaluations/batch', { items: Array(100).fill(item) }));
    await new Promise((r) => setTimeout(r, 30));
    server.child.kill('SIGTERM');
    // Logs are written in batches; a shutdown line is not left waiting in one.
    await waitForLine(server, /shutting down/, 800);
    const answers = await Promise.all(inFlight);
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    assert.ok(answers.every((a) => JSON.parse(a.body).results.length === 100));
    assert.equal(await server.exited, 0);
    await assert.rejects(send(server.port, 'GET', '/healthz'), /ECONNREFUSED/);
  });

  it('writes a quiet server\'s request lines within a second or two, not once 4 KB have gathered', async () => {
    const server = await startServer({});
    assert.equal((await send(server.port, 'GET', '/healthz')).status, 200);
    await waitForLine(server, /"path":"\/healthz"/, 2500);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  });

  it('with workers, logs a worker that dies at once and starts another', async () => {
    const server = await startServer({ WEB_CONCURRENCY: '2' }, 2);
    const [victim] = server.lines.map((l) => JSON.parse(l) as { pid?: number; port?: number }).filter((l) => l.port);
    process.kill(victim!.pid!, 'SIGKILL');
    const line = JSON.parse(await waitForLine(server, /worker stopped; starting another/, 1000)) as { level: number; worker: number; signal: string };
    assert.deepEqual([line.level, line.worker, line.signal], [50, victim!.pid, 'SIGKILL']);
    await waitForLine(server, /listening on/, 15_000, 3);
    assert.equal((await send(server.port, 'GET', '/readyz')).status, 200);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  });

  it('with workers, holds the rate limit for the instance: its count is shared, not one per worker', async () => {
    const server = await startServer({ WEB_CONCURRENCY: '2', RATE_LIMIT_PER_MINUTE: '20' }, 2);
    const statuses: number[] = [];
    // Five at a time on new connections, so that both workers take some.
    for (let round = 0; round < 6; round++) {
      const answers = await Promise.all(Array.from({ length: 5 }, () => send(server.port, 'POST', '/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: {} })));
      statuses.push(...answers.map((a) => a.status));
    }
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
    assert.deepEqual([statuses.filter((s) => s === 200).length, statuses.filter((s) => s === 429).length], [20, 10]);
    const served = server.lines.map((l) => JSON.parse(l) as { pid: number; res?: { statusCode: number } }).filter((l) => l.res?.statusCode === 200);
    assert.equal(new Set(served.map((l) => l.pid)).size, 2, 'both workers answered within the one limit');
  });

  it('with WEB_CONCURRENCY=2 runs two workers on one port, and stops them all on SIGTERM', async () => {
    const server = await startServer({ WEB_CONCURRENCY: '2' }, 2);
    const listening = server.lines.map((l) => JSON.parse(l) as { pid?: number; port?: number }).filter((l) => l.port);
    assert.equal(new Set(listening.map((l) => l.pid)).size, 2);
    assert.equal(new Set(listening.map((l) => l.port)).size, 1);
    for (let i = 0; i < 6; i++) assert.equal((await send(server.port, 'GET', '/readyz')).status, 200);
    server.child.kill('SIGTERM');
    assert.equal(await server.exited, 0);
  });

  it('refuses to start on a nonsensical setting, naming the variable', async () => {
    await assert.rejects(startServer({ RATE_LIMIT_PER_MINUTE: 'lots' }), /exited 2[\s\S]*RATE_LIMIT_PER_MINUTE=lots: expected a whole number/);
    // Trusting every X-Forwarded-For would let any client pass the rate limit by naming itself anew.
    await assert.rejects(startServer({ TRUST_PROXY: 'true' }), /exited 2[\s\S]*TRUST_PROXY=true: [\s\S]*number of proxies/);
  });
});
