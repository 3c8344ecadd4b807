import { ask, now, percentile, rawConnect, sleep, socketFds, withServer, type Answer, type Context } from './common';

/**
 * 4. One address opens thousands of silent connections. The server must refuse what is over its per-client
 * share at once, so its memory is bounded and health checks from elsewhere still get through.
 */
const FLOOD = 2000;
const MAX_CONNECTIONS = 300;
const PER_CLIENT = 100;
const PROBE_MS = 5000;
const PROBE_EVERY_MS = 50;

export async function socketFlood(ctx: Context): Promise<void> {
  await withServer({ MAX_CONNECTIONS: String(MAX_CONNECTIONS), MAX_CONNECTIONS_PER_CLIENT: String(PER_CLIENT) }, async (s) => {
    await sleep(200); // let the start-up probe's connection close before counting
    const baseline = socketFds(s.pid);
    const flood = Array.from({ length: FLOOD }, () => rawConnect(s.port, '127.0.0.2'));

    const probes: Promise<Answer>[] = [];
    const started = now();
    for (let i = 0; now() - started < PROBE_MS; i++) {
      probes.push(ask(s.port, { path: '/healthz', timeoutMs: 2000 }));
      const due = started + (i + 1) * PROBE_EVERY_MS;
      await sleep(Math.max(0, due - now()));
    }
    const answers = await Promise.all(probes);
    await sleep(200); // the last probe's connection closes
    const held = socketFds(s.pid) - baseline;

    const connected = flood.filter((x) => x.connectedAt !== undefined);
    const closedAtOnce = flood.filter((x) => x.closedAt !== undefined && x.closedAt - (x.connectedAt ?? x.openedAt) < 1000).length;
    const closedLater = flood.filter((x) => x.closedAt !== undefined).length - closedAtOnce;
    const stillOpen = flood.filter((x) => x.closedAt === undefined && !x.socket.destroyed).length;
    const errors = flood.filter((x) => x.error && x.connectedAt === undefined).length;
    for (const x of flood) x.socket.destroy();

    const ok = answers.filter((a) => a.status === 200);
    const ms = ok.map((a) => a.ms);
    ctx.say(`MAX_CONNECTIONS=${MAX_CONNECTIONS}, MAX_CONNECTIONS_PER_CLIENT=${PER_CLIENT}; ${FLOOD} silent sockets from 127.0.0.2.`);
    ctx.say(`Flood: ${connected.length} connected, ${errors} failed to connect; closed by the server within 1 s: ${closedAtOnce}, later: ${closedLater}; still open after ${PROBE_MS / 1000} s: ${stillOpen}.`);
    ctx.say(`Server holds ${held} more sockets than before the flood (its open socket descriptors).`);
    ctx.say(`GET /healthz from 127.0.0.1 every ${PROBE_EVERY_MS} ms: ${ok.length} of ${answers.length} answered 200, p50 ${percentile(ms, 50).toFixed(1)} ms, p99 ${percentile(ms, 99).toFixed(1)} ms; failures: ${answers.length - ok.length}.`);
    ctx.check('health checks during the flood: 100 % 200', `${ok.length}/${answers.length}, p99 ${percentile(ms, 99).toFixed(0)} ms`, ok.length === answers.length);
    ctx.check(`server holds ≤ ${PER_CLIENT} flood sockets`, `${held} held, ${stillOpen} open at the client`, held <= PER_CLIENT);
  });
}
