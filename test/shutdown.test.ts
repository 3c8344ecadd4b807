import assert from 'node:assert/strict';
import { personas } from '../src/profile/personas';
import { sendRequest, startServerProcess } from './support/serverProcess';

/**
 * The README's promise on SIGTERM: the server "finishes what it has". Every request sent before the signal
 * (written whole to the socket) is answered in full, in one process and with workers. Repeated, because
 * what loses a request is a race: a connection accepted but not yet read, or queued for a busy worker.
 */
const RUNS = Number(process.env.SHUTDOWN_RUNS ?? 20);
const IN_FLIGHT = 30;
const items = Array.from({ length: 100 }, (_, i) => ({
  jurisdiction: ['VA', 'TX', 'OH', 'FL'][i % 4]!,
  license: i % 3 ? 'nha' : 'ala',
  profile: personas[i % personas.length]!.profile,
}));

/** Sends 30 batches of 100, signals once all are written, and says what became of each. */
async function oneRun(env: Record<string, string>, listeners: number): Promise<{ lost: string[]; exitCode: number | null }> {
  const server = await startServerProcess({ RATE_LIMIT_PER_MINUTE: '0', ...env }, listeners);
  const sent = Array.from({ length: IN_FLIGHT }, () => sendRequest(server.port, 'POST', '/api/v1/evaluations/batch', { items }));
  await Promise.all(sent.map((s) => s.written));
  server.child.kill('SIGTERM');
  const outcomes = await Promise.allSettled(sent.map((s) => s.answer));
  const lost = outcomes.flatMap((o) => {
    if (o.status === 'rejected') return [String((o.reason as Error).message)];
    if (o.value.status !== 200) return [`status ${o.value.status}`];
    const results = (JSON.parse(o.value.body) as { results: unknown[] }).results;
    return results.length === 100 ? [] : [`${results.length} results`];
  });
  return { lost, exitCode: await server.exited };
}

const MODES: { name: string; env: Record<string, string>; listeners: number }[] = [
  { name: 'a single process', env: {}, listeners: 1 },
  { name: 'two workers (WEB_CONCURRENCY=2)', env: { WEB_CONCURRENCY: '2' }, listeners: 2 },
];

for (const mode of MODES) {
  describe(`shutdown of ${mode.name}`, function () {
    this.timeout(60_000 * Math.max(1, RUNS));

    it(`answers in full all ${IN_FLIGHT} batches of 100 sent before SIGTERM, and exits 0, in ${RUNS} runs out of ${RUNS}`, async () => {
      const failures: string[] = [];
      for (let run = 1; run <= RUNS; run++) {
        const { lost, exitCode } = await oneRun(mode.env, mode.listeners);
        if (lost.length || exitCode !== 0) failures.push(`run ${run}: ${lost.length} lost (${[...new Set(lost)].join('; ')}), exit ${exitCode}`);
      }
      assert.deepEqual(failures, []);
    });
  });
}
