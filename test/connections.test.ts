import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { Writable } from 'node:stream';
import { startServer, type RunningServer } from '../src/web/server';
import { readServerConfig } from '../src/web/serverConfig';
import { createLogger } from '../src/web/requestLogging';
import { personas } from '../src/profile/personas';

/**
 * What the server does with connections that misbehave, on a real listening server: silent or slow clients
 * are closed soon after their timeouts, floods are capped, and a client that does not read is cut.
 */

interface Started {
  running: RunningServer;
  port: number;
  logLines: string[];
}

async function start(env: Record<string, string>): Promise<Started> {
  const logLines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => (logLines.push(...String(chunk).trim().split('\n')), done()) });
  const config = readServerConfig({ PORT: '0', RATE_LIMIT_PER_MINUTE: '0', SHUTDOWN_DELAY_MS: '0', ...env });
  const running = await startServer(config, createLogger('info', sink));
  return { running, port: (running.server.address() as net.AddressInfo).port, logLines };
}

/** A raw connection from `localAddress`; resolves with what the server sent once it closes the connection. */
function rawConnection(port: number, localAddress = '127.0.0.1') {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress });
  const opened = Date.now();
  let received = '';
  socket.on('data', (d) => (received += d.toString('latin1')));
  const closed = new Promise<{ afterMs: number; received: string }>((resolve) => {
    socket.on('close', () => resolve({ afterMs: Date.now() - opened, received }));
    socket.on('error', () => undefined);
  });
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return { socket, closed, connected };
}

function healthz(port: number): Promise<number> {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', () => resolve(0));
  });
}

const openConnections = (s: Started) => new Promise<number>((resolve, reject) => s.running.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('connections', function () {
  this.timeout(30_000);
  let server: Started | undefined;
  afterEach(async () => {
    await server?.running.shutdown();
    server = undefined;
  });

  it('closes a connection that sends nothing, with 408, within a second or two of HEADERS_TIMEOUT_MS', async () => {
    server = await start({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' });
    const silent = rawConnection(server.port);
    const halfHead = rawConnection(server.port);
    halfHead.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    for (const { afterMs, received } of [await silent.closed, await halfHead.closed]) {
      assert.match(received, /^HTTP\/1\.1 408 /);
      // Before, Node looked every 30 s, so a silent connection stayed open for up to 40 s.
      assert.ok(afterMs >= 900 && afterMs < 3_500, `closed after ${afterMs} ms`);
    }
  });

  it('answers 408 to a request whose body does not arrive within REQUEST_TIMEOUT_MS, and logs it as 408', async () => {
    server = await start({ HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' });
    const slow = rawConnection(server.port);
    slow.socket.write('POST /api/v1/evaluations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"jur');
    const { afterMs, received } = await slow.closed;
    assert.match(received, /^HTTP\/1\.1 408 /);
    assert.ok(afterMs >= 1_900 && afterMs < 4_500, `closed after ${afterMs} ms`);
    await sleep(50);
    const logged = server.logLines.map((l) => JSON.parse(l) as { req?: { path: string }; res?: { statusCode: number } }).filter((l) => l.req?.path === '/api/v1/evaluations');
    assert.deepEqual(logged.map((l) => l.res?.statusCode), [408]);
  });

  it('caps connections from one address, so that others (health checks) still get through', async () => {
    server = await start({ MAX_CONNECTIONS_PER_CLIENT: '5' });
    const flood = Array.from({ length: 8 }, () => rawConnection(server!.port, '127.0.0.2'));
    await Promise.all(flood.map((c) => c.connected));
    await sleep(200);
    const refused = flood.filter((c) => c.socket.destroyed || c.socket.readableEnded).length;
    assert.equal(refused, 3, 'the connections over the cap are closed at once');
    assert.equal(await openConnections(server), 5);
    assert.equal(await healthz(server.port), 200, 'another address still gets an answer');
    for (const c of flood) c.socket.destroy();
  });

  it('caps connections in all at MAX_CONNECTIONS', async () => {
    server = await start({ MAX_CONNECTIONS: '4', MAX_CONNECTIONS_PER_CLIENT: '0' });
    const held = Array.from({ length: 6 }, (_, i) => rawConnection(server!.port, `127.0.0.${2 + i}`));
    await Promise.all(held.map((c) => c.connected));
    await sleep(200);
    assert.equal(await openConnections(server), 4);
    assert.equal(held.filter((c) => c.socket.destroyed || c.socket.readableEnded).length, 2);
    for (const c of held) c.socket.destroy();
    await sleep(100);
    assert.equal(await healthz(server.port), 200, 'once they close, new connections are taken again');
  });

  it('cuts a client that does not read its answer, within SEND_TIMEOUT_MS of its stalling (after keep-alive at most)', async () => {
    server = await start({ SEND_TIMEOUT_MS: '1000' });
    const items = Array.from({ length: 100 }, (_, i) => ({ jurisdiction: 'TX', license: 'nha', profile: personas[i % personas.length]!.profile }));
    const body = JSON.stringify({ items });
    const stuck = Array.from({ length: 5 }, () => rawConnection(server!.port));
    for (const c of stuck) {
      c.socket.write(`POST /api/v1/evaluations/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      c.socket.pause(); // never reads its answer of a few MB
    }
    while ((await openConnections(server)) < stuck.length) await sleep(20);
    const started = Date.now();
    while ((await openConnections(server)) > 0 && Date.now() - started < 15_000) await sleep(100);
    const after = Date.now() - started;
    assert.equal(await openConnections(server), 0, 'every stuck connection was dropped');
    // Answered in under a second or two; then either stuck in the buffers (cut SEND_TIMEOUT_MS later) or
    // all in the kernel (ended after the 5 s keep-alive, reset SEND_TIMEOUT_MS later if still unread).
    assert.ok(after < 10_000, `dropped after ${after} ms`);
    for (const c of stuck) c.socket.destroy();
  });
});
