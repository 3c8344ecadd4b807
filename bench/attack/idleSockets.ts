import { firstLine, now, rawConnect, sleep, spread, waitUntil, withServer, type Context, type RawSocket } from './common';

/**
 * 3. Connections that hold a server's memory while sending nothing, or too little too slowly: each must be
 * closed soon after its timeout, not at Node's next 30-second sweep.
 */
const HEADERS_MS = 3000;
const REQUEST_MS = 4000;
const SILENT = 200;
const HALF_HEAD = 50;
const TRICKLE = 5;
/** Long enough to see today's late sweep (up to 30 s after the timeout); the wait ends once all are closed. */
const WAIT_MS = Number(process.env.ATTACK_IDLE_WAIT_MS ?? 36_000);

const closeTimes = (xs: RawSocket[]) => xs.filter((x) => x.closedAt !== undefined).map((x) => x.closedAt! - (x.connectedAt ?? x.openedAt));

export async function idleSockets(ctx: Context): Promise<void> {
  // Limits on connections counts are raised out of the way: these sockets are to meet the timeouts only.
  const env = { HEADERS_TIMEOUT_MS: String(HEADERS_MS), REQUEST_TIMEOUT_MS: String(REQUEST_MS), MAX_CONNECTIONS: '2000', MAX_CONNECTIONS_PER_CLIENT: '1000' };
  await withServer(env, async (s) => {
    const silent = Array.from({ length: SILENT }, () => rawConnect(s.port));
    const halfHead = Array.from({ length: HALF_HEAD }, () => rawConnect(s.port));
    const trickle = Array.from({ length: TRICKLE }, () => rawConnect(s.port));
    const open = (x: RawSocket) => x.closedAt === undefined && !x.socket.destroyed;

    for (const x of halfHead) x.socket.once('connect', () => x.socket.write('GET /jurisdictions HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
    for (const x of trickle) {
      x.socket.once('connect', () =>
        x.socket.write('POST /api/v1/evaluations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n'),
      );
    }
    let tick = 0;
    const drip = setInterval(() => {
      tick++;
      for (const x of halfHead) if (open(x)) x.socket.write(`X-Slow-${tick}: 1\r\n`);
      for (const x of trickle) if (open(x)) x.socket.write('x'.repeat(10));
    }, 1000);
    const all = [...silent, ...halfHead, ...trickle];
    const started = now();
    await waitUntil(() => all.every((x) => !open(x)), WAIT_MS, 100);
    clearInterval(drip);
    const waited = now() - started;
    const stillOpen = all.filter(open).length;
    for (const x of all) x.socket.destroy();
    await sleep(50);

    const report = (name: string, xs: RawSocket[], limitMs: number) => {
      const times = closeTimes(xs);
      const closed = times.length;
      const early = times.filter((t) => t < 1000).length;
      const late = times.filter((t) => t > limitMs + 2000).length;
      ctx.say(`${name}: ${closed} of ${xs.length} closed by the server (${spread(times)})${early ? `, ${early} within 1 s of opening` : ''}${closed < xs.length ? `, ${xs.length - closed} still open after ${(waited / 1000).toFixed(0)} s` : ''}.`);
      ctx.check(
        `${name}: all closed ≤ ${(limitMs + 2000) / 1000} s`,
        `${closed}/${xs.length} closed, max ${times.length ? (Math.max(...times) / 1000).toFixed(1) : '–'} s`,
        closed === xs.length && late === 0,
      );
    };
    ctx.say(`HEADERS_TIMEOUT_MS=${HEADERS_MS}, REQUEST_TIMEOUT_MS=${REQUEST_MS}; waited ${(waited / 1000).toFixed(1)} s (at most ${WAIT_MS / 1000} s), ${stillOpen} still open then.`);
    report(`${SILENT} silent sockets`, silent, HEADERS_MS);
    report(`${HALF_HEAD} half heads, a line a second`, halfHead, HEADERS_MS);
    report(`${TRICKLE} bodies at 10 B/s`, trickle, REQUEST_MS);
    const answers = trickle.map(firstLine);
    ctx.say(`Trickled bodies were answered: ${answers.map((a) => a || '(nothing)').join(' | ')}`);
    const got408 = answers.filter((a) => / 408 /.test(a)).length;
    ctx.check('trickled bodies answered 408', `${got408}/${answers.length} answered 408`, got408 === answers.length);
  });
}
