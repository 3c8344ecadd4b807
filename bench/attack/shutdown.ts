import http from 'node:http';
import { batchOf100, countBy, describeCounts, launch, now, seconds, type Context } from './common';

/**
 * 6. SIGTERM while batches are in flight: every request that was wholly sent before the signal must be
 * answered in full, in a single process and with workers, and the process must exit 0.
 */
const RUNS = Number(process.env.ATTACK_SHUTDOWN_RUNS ?? 20);
const IN_FLIGHT = 30;

interface Outcome {
  ok: boolean;
  why: string;
}

/** Sends one batch on its own connection; resolves `written` once the whole request is in the socket. */
function sendBatch(port: number): { written: Promise<void>; answer: Promise<Outcome> } {
  let wrote!: () => void;
  const written = new Promise<void>((r) => (wrote = r));
  const answer = new Promise<Outcome>((resolve) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/evaluations/batch', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(batchOf100) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ ok: false, why: `${res.statusCode} body cut (${e.code ?? e.message})` }));
        res.on('end', () => {
          if (!res.complete) return resolve({ ok: false, why: `${res.statusCode} body cut` });
          if (res.statusCode !== 200) return resolve({ ok: false, why: String(res.statusCode) });
          try {
            const n = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { results?: unknown[] }).results?.length;
            resolve(n === 100 ? { ok: true, why: '200' } : { ok: false, why: `200 with ${n} results` });
          } catch {
            resolve({ ok: false, why: '200 with broken JSON' });
          }
        });
      },
    );
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e: NodeJS.ErrnoException) => {
      wrote(); // a request that failed while being sent is not waited for
      resolve({ ok: false, why: `no answer: ${e.code ? `${e.code} (${e.message})` : e.message}` });
    });
    req.on('finish', () => wrote());
    req.end(batchOf100);
  });
  return { written, answer };
}

async function oneRun(workers: number): Promise<{ lost: number; why: string[]; code: number | null; signal: string | null; shutdownMs: number }> {
  const s = await launch({ RATE_LIMIT_PER_MINUTE: '0', WEB_CONCURRENCY: String(workers) }, workers);
  try {
    const batches = Array.from({ length: IN_FLIGHT }, () => sendBatch(s.port));
    await Promise.all(batches.map((b) => b.written));
    const signalledAt = now();
    s.terminate();
    const outcomes = await Promise.all(batches.map((b) => b.answer));
    const end = await s.stop(30_000);
    const lost = outcomes.filter((o) => !o.ok);
    return { lost: lost.length, why: lost.map((o) => o.why), code: end.code, signal: end.signal, shutdownMs: end.at - signalledAt };
  } finally {
    await s.stop();
  }
}

export async function shutdown(ctx: Context): Promise<void> {
  ctx.say(`${IN_FLIGHT} batches of 100 in flight, each on its own connection and wholly written before SIGTERM; ${RUNS} runs per mode.`);
  for (const workers of [1, 2]) {
    const mode = workers === 1 ? 'single process' : `WEB_CONCURRENCY=${workers}`;
    const lostPerRun: number[] = [];
    const reasons: string[] = [];
    const codes = new Set<string>();
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const r = await oneRun(workers);
      lostPerRun.push(r.lost);
      reasons.push(...r.why);
      codes.add(r.signal ? `signal ${r.signal}` : String(r.code));
      times.push(r.shutdownMs);
    }
    const total = lostPerRun.reduce((a, b) => a + b, 0);
    const exitOk = codes.size === 1 && codes.has('0');
    ctx.say(`${mode}: lost per run [${lostPerRun.join(' ')}], total ${total} of ${RUNS * IN_FLIGHT}${reasons.length ? ` (${describeCounts(countBy(reasons, (w) => w))})` : ''}.`);
    ctx.say(`  exit codes: ${[...codes].join(', ')}; SIGTERM to exit ${seconds(Math.min(...times))}–${seconds(Math.max(...times))}.`);
    ctx.check(`shutdown, ${mode}: 0 lost in every run, exit 0`, `${total} lost in ${RUNS} runs (${lostPerRun.filter((n) => n > 0).length} runs with a loss); exit ${[...codes].join(', ')}`, total === 0 && exitOk);
  }
}
