import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { projectRoot } from '../src/projectRoot';

/** The real server process, as an operator runs it: signals, workers, configuration errors. */

interface Started {
  child: ChildProcess;
  port: number;
  lines: string[];
  exited: Promise<number | null>;
}

function startServer(env: Record<string, string>, listeners = 1): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/web/server.ts')], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const ports: number[] = [];
    // Whole lines: a pipe may hand a log line over in two pieces.
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const port = /listening on http:\/\/localhost:(\d+)/.exec(line)?.[1];
      if (port) ports.push(Number(port));
      if (ports.length === listeners) resolve({ child, port: ports[0]!, lines, exited });
    });
    child.stderr!.on('data', (c: Buffer) => lines.push(String(c)));
    void exited.then((code) => reject(new Error(`server exited ${code} before listening:\n${lines.join('\n')}`)));
  });
}

function send(port: number, method: string, urlPath: string, body?: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, agent: false, headers: data ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data) } : {} },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        // An answer cut short is a failure to see, not a hang.
        res.on('aborted', () => reject(new Error(`answer cut short after ${text.length} characters`)));
      },
    );
    req.on('error', reject);
    req.end(data);
  });
}

describe('server process', function () {
  this.timeout(60000);

  it('on SIGTERM finishes the requests in flight, refuses new connections, and exits 0', async () => {
    const server = await startServer({});
    const item = { jurisdiction: 'VA', license: 'ala', profile: { age: 40, experience: { assistedLivingMonths: 30 } } };
    const inFlight = [1, 2, 3].map(() => send(server.port, 'POST', '/api/v1/evaluations/batch', { items: Array(100).fill(item) }));
    await new Promise((r) => setTimeout(r, 30));
    server.child.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    assert.deepEqual(answers.map((a) => a.status), [200, 200, 200]);
    assert.ok(answers.every((a) => JSON.parse(a.body).results.length === 100));
    assert.equal(await server.exited, 0);
    await assert.rejects(send(server.port, 'GET', '/healthz'), /ECONNREFUSED/);
    assert.ok(server.lines.some((l) => l.includes('shutting down')));
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
  });
});
