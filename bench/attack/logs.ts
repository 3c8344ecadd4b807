import { firstLine, now, rawConnect, seconds, waitUntil, withServer, type Context, type LogLine } from './common';

/**
 * 8. What operators read in the logs: the lines that matter when something goes wrong must be written at once,
 * and a request cut off by the timeout must be logged with the status it was answered with.
 */
const SEEN_WITHIN_MS = 1000;
/** How long to keep watching for a line that is late, so the report can say how late. */
const WATCH_MS = 5000;

const level = (l: LogLine) => (typeof l.json?.level === 'number' ? l.json.level : 0);

async function workerCrash(ctx: Context): Promise<void> {
  await withServer(
    { WEB_CONCURRENCY: '2' },
    async (s) => {
      const [victim] = s.listeningPids();
      const killedAt = now();
      process.kill(victim!, 'SIGKILL');
      const mentions = (l: LogLine) => l.at > killedAt && level(l) >= 50 && (l.text.includes(String(victim)) || /worker/i.test(String(l.json?.msg)));
      const line = await s.waitForLine(mentions, WATCH_MS);
      ctx.say(`(a) WEB_CONCURRENCY=2: SIGKILL to worker ${victim}; the primary's line ${line ? `came ${seconds(line.at - killedAt)} later: ${line.text}` : `had not come ${seconds(WATCH_MS)} later`}.`);
      if (!line) {
        // Say when it finally shows (today: when the primary flushes at its own exit).
        const end = await s.stop();
        const late = s.lines.find(mentions);
        ctx.say(`    after SIGTERM to the primary it ${late ? `appeared, ${seconds(late.at - killedAt)} after the crash` : 'never appeared'} (exit ${end.code ?? end.signal}).`);
      }
      ctx.check(`(a) worker crash logged (level ≥ 50) within ${SEEN_WITHIN_MS / 1000} s`, line ? seconds(line.at - killedAt) : `not within ${seconds(WATCH_MS)}`, !!line && line.at - killedAt <= SEEN_WITHIN_MS);
    },
    2,
  );
}

async function shuttingDown(ctx: Context): Promise<void> {
  // A delay longer than the allowance, so a line held back until the process exits shows up as late.
  await withServer({ SHUTDOWN_DELAY_MS: '2000' }, async (s) => {
    const signalledAt = now();
    s.terminate();
    const line = await s.waitForLine((l) => l.at > signalledAt && /shutting down/.test(l.text), WATCH_MS);
    const end = await s.stop();
    const late = line ?? s.lines.find((l) => /shutting down/.test(l.text));
    ctx.say(
      `(b) single process, SHUTDOWN_DELAY_MS=2000: SIGTERM → "shutting down" ${late ? `after ${seconds(late.at - signalledAt)}` : 'never seen'}; exited ${end.code ?? end.signal} after ${seconds(end.at - signalledAt)}.`,
    );
    ctx.check(`(b) "shutting down" logged within ${SEEN_WITHIN_MS / 1000} s of SIGTERM`, late ? seconds(late.at - signalledAt) : 'never', !!late && late.at - signalledAt <= SEEN_WITHIN_MS);
  });
}

async function timeoutStatus(ctx: Context): Promise<void> {
  await withServer({ REQUEST_TIMEOUT_MS: '2000', HEADERS_TIMEOUT_MS: '1000' }, async (s) => {
    const id = `attack-408-${process.pid}-${Date.now()}`;
    const raw = rawConnect(s.port);
    raw.socket.once('connect', () =>
      raw.socket.write(`POST /api/v1/evaluations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\nX-Request-Id: ${id}\r\n\r\n`),
    );
    // Today's 30-second sweep may take that long to notice the request is overdue.
    await waitUntil(() => raw.closedAt !== undefined || raw.received.length > 0, 35_000, 50);
    const answer = firstLine(raw) || (raw.closedAt ? '(closed without an answer)' : '(no answer)');
    const answeredAt = raw.closedAt ?? now();
    raw.socket.destroy();
    // By its request id; failing that by its path, as this server sees no other request there.
    const req = (l: LogLine) => l.json?.req as { id?: unknown; path?: unknown } | undefined;
    const logged = (l: LogLine) => l.json?.res !== undefined && (req(l)?.id === id || req(l)?.path === '/api/v1/evaluations');
    let line = await s.waitForLine(logged, 3000);
    let note = '';
    if (!line) {
      await s.stop();
      line = s.lines.find(logged);
      note = line ? ' (written only when the server stopped)' : '';
    }
    const status = (line?.json?.res as { statusCode?: unknown } | undefined)?.statusCode;
    const path = (line?.json?.req as { path?: unknown } | undefined)?.path;
    ctx.say(`(c) REQUEST_TIMEOUT_MS=2000, head with Content-Length: 100 and no body: "${answer}" after ${seconds(answeredAt - raw.openedAt)}.`);
    ctx.say(`    its log line: ${line ? `path ${String(path)}, status ${String(status)}${note}` : 'not found'}.`);
    ctx.check('(c) timed-out request answered and logged 408', `answered "${answer}", logged ${status ?? 'nothing'}`, / 408 /.test(answer) && status === 408);
  });
}

export async function logs(ctx: Context): Promise<void> {
  await workerCrash(ctx);
  await shuttingDown(ctx);
  await timeoutStatus(ctx);
}
