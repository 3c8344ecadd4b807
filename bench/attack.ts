import { pinSelf, SERVED_APP } from './processes';
import type { Check, Context, Scenario } from './attack/common';
import { prototypePollution } from './attack/prototypePollution';
import { fuzz } from './attack/fuzz';
import { idleSockets } from './attack/idleSockets';
import { socketFlood } from './attack/socketFlood';
import { unreadAnswers } from './attack/unreadAnswers';
import { shutdown } from './attack/shutdown';
import { rateLimit } from './attack/rateLimit';
import { logs } from './attack/logs';
import { smallItems } from './attack/smallItems';

/**
 * `npm run attack`: reproduces each known way of hurting the server, at a bounded size, against the built
 * server (the bundle `npm start` runs) on loopback only, and prints what happened: a section per scenario, then a
 * table of expectation → measured → pass/fail. Exits 1 if any expectation fails. A reliability check, not a
 * timed test: figures move with the machine, the verdicts should not.
 *
 * ATTACK_ONLY=1,5 runs only those scenarios; ATTACK_SHUTDOWN_RUNS (default 20), ATTACK_FUZZ (3000) and
 * ATTACK_SEED change the repetitions; ATTACK_IDLE_WAIT_MS and ATTACK_UNREAD_SAMPLE_MS bound the waits.
 */
const SCENARIOS: [number, string, Scenario][] = [
  [1, 'Prototype pollution reproducers (form)', prototypePollution],
  [2, 'Fuzz across every route', fuzz],
  [3, 'Idle and slow sockets', idleSockets],
  [4, 'Socket flood from one address', socketFlood],
  [5, 'Clients that never read their answer', unreadAnswers],
  [6, 'Shutdown with batches in flight', shutdown],
  [7, 'Rate limit counts work', rateLimit],
  [8, 'Logs', logs],
  [9, 'Small items', smallItems],
];

const only = process.env.ATTACK_ONLY?.split(',').map(Number);

function table(checks: Check[]): string {
  const rows = [['#', 'scenario', 'expectation', 'measured', 'result'], ...checks.map((c) => [c.scenario.split(' ')[0]!, c.scenario.slice(c.scenario.indexOf(' ') + 1), c.expectation, c.measured, c.pass ? 'pass' : 'FAIL'])];
  const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  const limits = [2, 26, 60, 80, 6];
  const cells = rows.map((r) => r.map((c, i) => clip(c, limits[i]!)));
  const widths = limits.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.slice(1).map(line)].join('\n');
}

async function main(): Promise<void> {
  pinSelf();
  const started = performance.now();
  const checks: Check[] = [];
  console.log(`Attack scenarios against ${SERVED_APP} on 127.0.0.1 (second client 127.0.0.2), Node ${process.version}.`);
  for (const [n, title, run] of SCENARIOS) {
    if (only && !only.includes(n)) continue;
    const scenario = `${n}. ${title}`;
    console.log(`\n== ${scenario}`);
    const t = performance.now();
    const ctx: Context = {
      say: (text) => console.log(`  ${text}`),
      check: (expectation, measured, pass) => {
        checks.push({ scenario: `${n} ${title}`, expectation, measured, pass });
        console.log(`  → ${pass ? 'pass' : 'FAIL'}: ${expectation} (measured: ${measured})`);
      },
    };
    try {
      await run(ctx);
    } catch (e) {
      // One scenario that cannot run (a server that will not start, say) does not hide the others' results.
      ctx.check('scenario runs to the end', e instanceof Error ? e.message : String(e), false);
    }
    console.log(`  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
  const failed = checks.filter((c) => !c.pass).length;
  console.log(`\n== Summary (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  console.log(table(checks));
  console.log(`\n${checks.length - failed} of ${checks.length} expectations met${failed ? `; ${failed} FAILED` : ''}.`);
  process.exitCode = failed ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
