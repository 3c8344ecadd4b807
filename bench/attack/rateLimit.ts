import http from 'node:http';
import { ask, batchOf100, countBy, cpuMs, describeCounts, now, percentile, pool, postJson, sleep, withServer, type Answer, type Context } from './common';

/**
 * 7. The rate limit must count work, not requests: a batch of 100 is 100 evaluations, a comparison 51. And it
 * must be one limit per instance, however many workers share the port.
 */
const BATCH_SECONDS = 10;

/** Polls /healthz from the second address every 50 ms until `stop` says so. */
function healthPoller(port: number): { stop: () => Promise<Answer[]> } {
  const probes: Promise<Answer>[] = [];
  let running = true;
  const loop = (async () => {
    const started = now();
    for (let i = 0; running; i++) {
      probes.push(ask(port, { path: '/healthz', localAddress: '127.0.0.2', timeoutMs: 5000 }));
      await sleep(Math.max(0, started + (i + 1) * 50 - now()));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return Promise.all(probes);
    },
  };
}

const latency = (xs: Answer[]) => {
  const ok = xs.filter((a) => a.status === 200).map((a) => a.ms);
  return `${ok.length}/${xs.length} 200, p50 ${percentile(ok, 50).toFixed(1)} ms, p99 ${percentile(ok, 99).toFixed(1)} ms`;
};

async function batches(ctx: Context): Promise<void> {
  await withServer({ RATE_LIMIT_PER_MINUTE: '600' }, async (s) => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    const health = healthPoller(s.port);
    const cpuBefore = cpuMs(s.pid);
    const started = now();
    const answers: Answer[] = [];
    // Four clients' worth of batches back to back: as fast as the server answers them.
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (now() - started < BATCH_SECONDS * 1000) answers.push(await postJson(s.port, '/api/v1/evaluations/batch', batchOf100, { agent }));
      }),
    );
    const elapsed = now() - started;
    const cpu = cpuMs(s.pid) - cpuBefore;
    const probes = await health.stop();
    agent.destroy();
    const ok = answers.filter((a) => a.status === 200).length;
    ctx.say(`(a) RATE_LIMIT_PER_MINUTE=600, batches of 100 from 127.0.0.1 for ${BATCH_SECONDS} s (4 at a time): ${describeCounts(countBy(answers, (a) => String(a.status || a.error)))}.`);
    ctx.say(`    server CPU ${(cpu / 1000).toFixed(1)} s in ${(elapsed / 1000).toFixed(1)} s (${((100 * cpu) / elapsed).toFixed(0)} % of a CPU); /healthz from 127.0.0.2: ${latency(probes)}.`);
    ctx.check('(a) batches of 100 at 600/min: at most 6 answered 200', `${ok} × 200, ${answers.length - ok} other; CPU ${((100 * cpu) / elapsed).toFixed(0)} %; healthz ${latency(probes)}`, ok <= 6);
  });
}

async function sharedByWorkers(ctx: Context): Promise<void> {
  await withServer(
    { RATE_LIMIT_PER_MINUTE: '600', WEB_CONCURRENCY: '2' },
    async (s) => {
      const body = { jurisdiction: 'TX', license: 'nha', profile: {} };
      // New connections each, so the primary hands them to both workers in turn.
      const answers = await pool(Array.from({ length: 700 }), 4, () => postJson(s.port, '/api/v1/evaluations', body));
      const ok = answers.filter((a) => a.status === 200);
      const limited = answers.filter((a) => a.status === 429);
      const remaining = ok.map((a) => Number(/remaining=(\d+)/.exec(String(a.headers.ratelimit ?? ''))?.[1] ?? NaN));
      const distinct = new Set(remaining.filter(Number.isFinite)).size;
      const lastOk = ok[ok.length - 1];
      ctx.say(`(b) WEB_CONCURRENCY=2, RATE_LIMIT_PER_MINUTE=600, 700 single evaluations on new connections: ${describeCounts(countBy(answers, (a) => String(a.status || a.error)))}.`);
      ctx.say(`    RateLimit of the last 200: "${lastOk?.headers.ratelimit ?? '(none)'}"; of a 429: "${limited[0]?.headers.ratelimit ?? '(none)'}", Retry-After ${limited[0]?.headers['retry-after'] ?? '(none)'}; RateLimit-Policy "${lastOk?.headers['ratelimit-policy'] ?? '(none)'}".`);
      ctx.say(`    "remaining" over the 200s: ${distinct} distinct values of ${ok.length} (one shared count gives each value once).`);
      ctx.check('(b) 2 workers share the limit: exactly 600 × 200', `${ok.length} × 200, ${limited.length} × 429`, ok.length === 600 && limited.length === 100);
      ctx.check('(b) RateLimit remaining decreases consistently', `${distinct} distinct of ${ok.length}; 429 has Retry-After: ${limited[0]?.headers['retry-after'] ? 'yes' : 'no'}`, ok.length > 0 && distinct === ok.length && limited.every((a) => a.headers['retry-after']));
    },
    2,
  );
}

async function comparisonCounts51(ctx: Context): Promise<void> {
  await withServer({ RATE_LIMIT_PER_MINUTE: '100' }, async (s) => {
    const first = await postJson(s.port, '/api/v1/comparisons', { license: 'nha', profile: {} });
    const second = await postJson(s.port, '/api/v1/comparisons', { license: 'nha', profile: {} });
    ctx.say(`(c) RATE_LIMIT_PER_MINUTE=100, two comparisons of all jurisdictions: ${first.status}, ${second.status} (RateLimit "${first.headers.ratelimit ?? '(none)'}", then "${second.headers.ratelimit ?? '(none)'}").`);
    ctx.check('(c) a comparison counts 51: at 100/min the second is 429', `${first.status}, ${second.status}`, first.status === 200 && second.status === 429);
  });
}

export async function rateLimit(ctx: Context): Promise<void> {
  await batches(ctx);
  await sharedByWorkers(ctx);
  await comparisonCounts51(ctx);
}
