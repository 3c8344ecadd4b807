import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadRuleSets } from '../src/data/loadRuleSets';
import { personas } from '../src/profile/personas';
import { compileRuleSet } from './plainChecks';
import { SERVED_CLI } from '../tools/served';
import { drive, median, pinSelf, rssMb, SERVED_APP, startServed, startServer, wallMs, type Load, type Server } from './processes';

/**
 * `npm run bench`: the built app against two baselines, in one run, on this machine: a bare Express app
 * echoing the request (the echo), and the app's own stack answering a precomputed evaluation (the stack
 * floor: request log, helmet, headers, body parsing and validation, no evaluation). The servers run on
 * CPU 0 and the load generator (autocannon) on CPU 1. Absolute figures move with machine noise; the ratios
 * to the baselines are what the targets are set on. This machine's speed drifts by up to 2× within minutes,
 * so every route is run once per round, baselines first, and a route's ratio is the median of its rounds'
 * ratios: each taken against baselines measured within the same minute.
 *
 * BENCH_ROUNDS (default 3) sets the rounds, BENCH_SECONDS (default 5) each run's length, BENCH_CONNECTIONS
 * (default 50) the concurrency (BENCH_BATCH_CONNECTIONS, default 5, for the batch route).
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const COLD_STARTS = Number(process.env.BENCH_COLD_STARTS ?? 7);
const CLI_RUNS = 7;
const BARE = 'bench/bareExpressServer.js';
const FLOOR = 'bench/stackFloorServer.js';

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

type Target = ReturnType<typeof post>;

/** A route over the rounds: the median of its figures and of its ratios to the baselines; failures summed. */
interface RouteFigures {
  name: string;
  load: Load;
  toEcho: number;
  toFloor: number;
}

/**
 * Each target run once a round, in order, the first round after a warm-up of each; `targets[0]` is the
 * echo and `targets[1]` the stack floor.
 */
async function rounds(targets: [string, Target][]): Promise<RouteFigures[]> {
  for (const [, target] of targets) await drive({ ...target, amount: Math.max(100, target.connections * 10) });
  const byRound: Load[][] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const loads: Load[] = [];
    for (const [, target] of targets) loads.push(await drive({ ...target, duration: SECONDS }));
    byRound.push(loads);
  }
  const sum = (i: number, key: keyof Load) => byRound.reduce((n, loads) => n + loads[i]![key], 0);
  const mid = (f: (loads: Load[]) => number) => median(byRound.map(f));
  return targets.map(([name], i) => ({
    name,
    load: {
      requestsPerSecond: mid((l) => l[i]!.requestsPerSecond),
      p50: mid((l) => l[i]!.p50),
      p99: mid((l) => l[i]!.p99),
      timeouts: sum(i, 'timeouts'),
      errors: sum(i, 'errors'),
      non2xx: sum(i, 'non2xx'),
      status5xx: sum(i, 'status5xx'),
      status4xx: sum(i, 'status4xx'),
      total: sum(i, 'total'),
    },
    toEcho: mid((l) => l[i]!.requestsPerSecond / l[0]!.requestsPerSecond),
    toFloor: mid((l) => l[i]!.requestsPerSecond / l[1]!.requestsPerSecond),
  }));
}

async function coldStarts(): Promise<{ bare: number; app: number }> {
  const bare: number[] = [];
  const app: number[] = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    for (const [script, readyPath, into, start] of [[BARE, '/healthz', bare, startServer], [SERVED_APP, '/readyz', app, startServed]] as const) {
      const s = await start(script, readyPath);
      into.push(s.startMs);
      await s.stop();
    }
  }
  // The first of each is paid to the disk cache, not to the program.
  return { bare: median(bare.slice(1)), app: median(app.slice(1)) };
}

/** The built code, as the server runs it: under tsx's loader the same source runs slower (its helpers wrap every function). */
async function enginePerEvaluation() {
  const { loadRuleSets: loadBuilt } = require('../dist/data/loadRuleSets') as typeof import('../src/data/loadRuleSets');
  const { runRuleSet } = require('../dist/engine/runRuleSet') as typeof import('../src/engine/runRuleSet');
  const { evaluateProfile } = require('../dist/evaluateProfile') as typeof import('../src/evaluateProfile');
  const catalog = loadBuilt();
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
    engine: await time(3000, () => runRuleSet(ruleSet, profile, (folded) => folded.size)),
    checklist: await time(3000, () => evaluateProfile(ruleSet, profile)),
    plain: await time(100000, () => plain(profile)),
    rules: ruleSet.engineRules.length,
  };
}

const f0 = (n: number) => Math.round(n).toLocaleString('en-US');
const f2 = (n: number) => n.toFixed(2);
const f3 = (n: number) => n.toFixed(3);
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

/** The answer the app gives to `body`, written to a file for the stack floor to send back. */
async function answerFile(port: number, body: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/evaluations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  if (!res.ok) throw new Error(`the app answered ${res.status} to the single evaluation`);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'answer.json');
  fs.writeFileSync(file, await res.text());
  return file;
}

/** `npm run cli -- check` without npm: the built CLI's whole run, spawn to exit (median, the first run dropped). */
function cliCheckMs(): number {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'profile.json');
  fs.writeFileSync(file, JSON.stringify(persona.profile));
  const times = Array.from({ length: CLI_RUNS }, () => wallMs([SERVED_CLI, 'check', file, '--jurisdiction', 'TX', '--license', 'nha']));
  return median(times.slice(1));
}

async function main(): Promise<void> {
  pinSelf();
  console.log(`Benchmark: ${ROUNDS} rounds of every route, ${SECONDS} s per run, ${CONNECTIONS} connections, Node ${process.version}.`);
  const cold = await coldStarts();
  const cli = cliCheckMs();

  const bare = await startServer(BARE, '/healthz');
  const app: Server = await startServed(SERVED_APP, '/readyz');
  const floor = await startServed(FLOOR, '/healthz', { BENCH_ANSWER_FILE: await answerFile(app.port, single) });
  const rssStart = rssMb(app.child.pid!);
  const runs = await rounds([
    ['echo: bare Express POST /echo', post(bare.port, '/echo', single)],
    ['stack floor: the app\'s stack, precomputed evaluation', post(floor.port, '/api/v1/evaluations', single)],
    ['single evaluation (TX nha)', post(app.port, '/api/v1/evaluations', single)],
    ['comparison (51 jurisdictions)', post(app.port, '/api/v1/comparisons', comparison)],
    [`batch of 100 evaluations (${BATCH_CONNECTIONS} connections)`, post(app.port, '/api/v1/evaluations/batch', batch, BATCH_CONNECTIONS)],
  ]);
  const rssEnd = rssMb(app.child.pid!);
  await Promise.all([app.stop(), floor.stop(), bare.stop()]);
  const engine = await enginePerEvaluation();

  console.log(`\nRequest bodies: single ${single.length} B, comparison ${comparison.length} B, batch ${batch.length} B.\n`);
  console.log(`Medians of ${ROUNDS} rounds; a ratio is the median of the rounds' ratios. Timeouts, errors and non-2xx are summed.\n`);
  console.log('| route | req/s | p50 ms | p99 ms | timeouts | errors | non-2xx | req/s ÷ echo | req/s ÷ stack floor | p99 ÷ echo |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const echo = runs[0]!.load;
  for (const { name, load: r, toEcho, toFloor } of runs) {
    console.log(`| ${name} | ${f0(r.requestsPerSecond)} | ${r.p50} | ${r.p99} | ${r.timeouts} | ${r.errors} | ${r.non2xx} | ${f3(toEcho)} | ${f2(toFloor)} | ${f2(r.p99 / echo.p99)} |`);
  }
  console.log(`\nApp RSS: ${rssStart.toFixed(0)} MB after start, ${rssEnd.toFixed(0)} MB after the runs.`);
  console.log(`Cold start (spawn to first 200, median of ${COLD_STARTS - 1}): bare Express ${cold.bare.toFixed(0)} ms, app with all rule data validated ${cold.app.toFixed(0)} ms (${f2(cold.app / cold.bare)}×).`);
  console.log(`CLI check (node ${SERVED_CLI} check, TX nha, spawn to exit, median of ${CLI_RUNS - 1}): ${cli.toFixed(0)} ms.`);
  console.log(
    `Per evaluation (TX nha, ${engine.rules} rules, in process): json-rules-engine ${engine.engine.toFixed(0)} µs, with the checklist ${engine.checklist.toFixed(0)} µs; the same checks as plain functions ${engine.plain.toFixed(2)} µs (engine ÷ plain ${f0(engine.engine / engine.plain)}×).`,
  );

  const one = runs[2]!;
  const all = runs[3]!;
  const failures = runs.reduce((n, { load: r }) => n + r.errors + r.status5xx, 0);
  const targets: [string, string, boolean][] = [
    ['single evaluation ≥ 0.6× the stack floor\'s req/s', `${f2(one.toFloor)}×`, one.toFloor >= 0.6],
    ['comparison ≥ 0.03× the echo\'s req/s, no timeouts', `${f3(all.toEcho)}×, ${all.load.timeouts} timeouts`, all.toEcho >= 0.03 && all.load.timeouts === 0],
    ['RSS ≤ 150 MB after the runs', `${rssEnd.toFixed(0)} MB`, rssEnd <= 150],
    ['cold start ≤ 2× bare Express', `${f2(cold.app / cold.bare)}×`, cold.app <= 2 * cold.bare],
    ['no errors and no 5xx in any run', `${failures}`, failures === 0],
  ];
  console.log('\n| target | measured | verdict |\n|---|---|---|');
  for (const [name, measured, ok] of targets) console.log(`| ${name} | ${measured} | ${verdict(ok)} |`);
  process.exitCode = targets.every(([, , ok]) => ok) ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
