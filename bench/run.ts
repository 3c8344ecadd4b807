import { loadRuleSets } from '../src/data/loadRuleSets';
import { runRuleSet } from '../src/engine/runRuleSet';
import { evaluateProfile } from '../src/evaluateProfile';
import { personas } from '../src/profile/personas';
import { compileRuleSet } from './plainChecks';
import { drive, median, pinSelf, rssMb, startServer, type Load, type Server } from './processes';

/**
 * `npm run bench`: the built app against a bare Express app, in one run, on this machine. The servers run
 * on CPU 0 and the load generator (autocannon) on CPU 1. Absolute figures move with machine noise; the
 * ratios to the bare baseline, measured side by side, are what the targets are set on.
 *
 * BENCH_SECONDS (default 10) sets each run's length, BENCH_CONNECTIONS (default 50) the concurrency
 * (BENCH_BATCH_CONNECTIONS, default 5, for the batch route).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 7);
const APP = 'dist/web/server.js';
const BARE = 'bench/bareExpressServer.js';

const persona = personas.find((p) => p.id === 'moving-administrator')!;
const single = JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile: persona.profile });
const comparison = JSON.stringify({ license: 'nha', profile: persona.profile });
const codes = loadRuleSets().jurisdictions.map((j) => j.code);
const batch = JSON.stringify({
  items: Array.from({ length: 100 }, (_, i) => ({ jurisdiction: codes[i % codes.length], license: i % 2 ? 'ala' : 'nha', profile: personas[i % personas.length]!.profile })),
});

const post = (port: number, path: string, body: string, connections = CONNECTIONS) => ({
  url: `http://127.0.0.1:${port}${path}`,
  method: 'POST' as const,
  headers: { 'content-type': 'application/json' },
  body,
  connections,
});
/** A batch is 100 evaluations: 5 at once is already 500 queued, as from a few integrators' nightly jobs. */
const BATCH_CONNECTIONS = Number(process.env.BENCH_BATCH_CONNECTIONS ?? 5);

async function measure(target: ReturnType<typeof post>): Promise<Load> {
  await drive({ ...target, amount: Math.max(100, target.connections * 10) }); // warm-up
  return drive({ ...target, duration: SECONDS });
}

async function coldStarts(): Promise<{ bare: number; app: number }> {
  const bare: number[] = [];
  const app: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    for (const [script, path, into] of [[BARE, '/healthz', bare], [APP, '/readyz', app]] as const) {
      const s = await startServer(script, path);
      into.push(s.startMs);
      await s.stop();
    }
  }
  // The first of each is paid to the disk cache, not to the program.
  return { bare: median(bare.slice(1)), app: median(app.slice(1)) };
}

async function enginePerEvaluation() {
  const catalog = loadRuleSets();
  const ruleSet = catalog.get('TX', 'nha')!;
  const profile = persona.profile as Record<string, unknown>;
  const plain = compileRuleSet(ruleSet);
  const time = async (n: number, f: () => unknown) => {
    for (let i = 0; i < 200; i++) await f();
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await f();
    return Number(process.hrtime.bigint() - t) / 1e3 / n;
  };
  return {
    engine: await time(3000, () => runRuleSet(ruleSet, profile)),
    checklist: await time(3000, () => evaluateProfile(ruleSet, profile)),
    plain: await time(100000, () => plain(profile)),
    rules: ruleSet.engineRules.length,
  };
}

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f2 = (n: number) => n.toFixed(2);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

async function main(): Promise<void> {
  pinSelf();
  console.log(`Benchmark: ${SECONDS} s per run, ${CONNECTIONS} connections, Node ${process.version}.`);
  const cold = await coldStarts();

  const bare = await startServer(BARE, '/healthz');
  const app: Server = await startServer(APP, '/readyz');
  const rssStart = rssMb(app.child.pid!);
  const runs: [string, Load][] = [];
  runs.push(['bare Express POST /echo (baseline)', await measure(post(bare.port, '/echo', single))]);
  runs.push(['single evaluation (TX nha)', await measure(post(app.port, '/api/v1/evaluations', single))]);
  runs.push(['comparison (51 jurisdictions)', await measure(post(app.port, '/api/v1/comparisons', comparison))]);
  runs.push([`batch of 100 evaluations (${BATCH_CONNECTIONS} connections)`, await measure(post(app.port, '/api/v1/evaluations/batch', batch, BATCH_CONNECTIONS))]);
  const rssEnd = rssMb(app.child.pid!);
  await app.stop();
  await bare.stop();
  const engine = await enginePerEvaluation();

  const base = runs[0]![1];
  console.log(`\nRequest bodies: single ${single.length} B, comparison ${comparison.length} B, batch ${batch.length} B.\n`);
  console.log('| route | req/s | p50 ms | p99 ms | timeouts | errors | non-2xx | req/s ÷ baseline | p99 ÷ baseline |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of runs) {
    console.log(`| ${name} | ${f0(r.requestsPerSecond)} | ${r.p50} | ${r.p99} | ${r.timeouts} | ${r.errors} | ${r.non2xx} | ${f2(r.requestsPerSecond / base.requestsPerSecond)} | ${f2(r.p99 / base.p99)} |`);
  }
  console.log(`\nApp RSS: ${rssStart.toFixed(0)} MB after start, ${rssEnd.toFixed(0)} MB after the runs.`);
  console.log(`Cold start (spawn to first 200, median of ${COLD_STARTS - 1}): bare Express ${cold.bare.toFixed(0)} ms, app with all rule data validated ${cold.app.toFixed(0)} ms (${f2(cold.app / cold.bare)}×).`);
  console.log(
    `Per evaluation (TX nha, ${engine.rules} rules, in process): json-rules-engine ${engine.engine.toFixed(0)} µs, with the checklist ${engine.checklist.toFixed(0)} µs; the same checks as plain functions ${engine.plain.toFixed(2)} µs (engine ÷ plain ${f0(engine.engine / engine.plain)}×).`,
  );

  const [, one] = runs[1]!;
  const [, all] = runs[2]!;
  const targets = [
    [`single evaluation ≥ 0.5× baseline req/s`, one.requestsPerSecond / base.requestsPerSecond >= 0.5],
    [`single evaluation p99 ≤ 2× baseline p99`, one.p99 <= 2 * base.p99],
    [`comparison ≥ 0.03× baseline req/s, no timeouts`, all.requestsPerSecond / base.requestsPerSecond >= 0.03 && all.timeouts === 0],
    [`RSS ≤ 150 MB after the runs`, rssEnd <= 150],
    [`cold start ≤ 2× bare Express`, cold.app <= 2 * cold.bare],
    [`no errors and no 5xx in any run`, runs.every(([, r]) => r.errors === 0 && r.status5xx === 0)],
  ] as const;
  console.log('\nTargets:');
  for (const [name, ok] of targets) console.log(`  ${verdict(ok)}: ${name}`);
  process.exitCode = targets.every(([, ok]) => ok) ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
