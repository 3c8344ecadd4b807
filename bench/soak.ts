import { personas } from '../src/profile/personas';
import { drive, pinSelf, rssMb, SERVED_APP, startServed } from './processes';

/**
 * `npm run soak`: the built app under a steady mix of valid, invalid and batch requests for SOAK_SECONDS
 * (default 60) at SOAK_CONNECTIONS (default 100). It must answer every request — no socket errors, no
 * timeouts, no 5xx — and hold its memory. Exits 1 otherwise.
 */
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.SOAK_CONNECTIONS ?? 100);

const json = { 'content-type': 'application/json' };
const profile = (i: number) => personas[i % personas.length]!.profile;
/** A licensee's CE record: a Tennessee administrator with i+1 courses of 3 hours this year. */
const renewal = (i: number) => ({
  license: { jurisdiction: 'TN', type: 'nha', issued: '2012-05-01' },
  courses: Array.from({ length: i + 1 }, (_, k) => ({ title: `Course ${k + 1}`, hours: 3, completed: `2026-0${(k % 9) + 1}-15`, topics: ['leadership'], delivery: 'in-person', approval: 'ncers' })),
  asOf: '2026-11-01',
});
const MIX = [
  { path: '/api/v1/evaluations', body: JSON.stringify({ jurisdiction: 'CA', license: 'nha', profile: profile(0) }) },
  { path: '/api/v1/evaluations', body: JSON.stringify({ jurisdiction: 'WA', license: 'ala', profile: profile(4) }) },
  { path: '/api/v1/evaluations', body: JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile: { age: 'thirty', training: { aitHours: -5 } } }) },
  { path: '/api/v1/evaluations', body: '{"jurisdiction": "TX", "license": ' },
  { path: '/api/v1/evaluations', body: JSON.stringify({ jurisdiction: 'ZZ', license: 'nha', profile: {} }) },
  { path: '/api/v1/evaluations', body: `{"jurisdiction":"TX","license":"nha","profile":${'{"a":'.repeat(50)}1${'}'.repeat(50)}}` },
  { path: '/api/v1/evaluations/batch', body: JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => ({ jurisdiction: i % 3 ? 'FL' : 'ZZ', license: 'nha', profile: profile(i) })) }) },
  { path: '/api/v1/comparisons', body: JSON.stringify({ license: 'ala', profile: profile(2), jurisdictions: ['NY', 'NJ', 'PA', 'CT'] }) },
  { path: '/api/v1/renewal-checks', body: JSON.stringify(renewal(0)) },
  { path: '/api/v1/renewal-checks', body: JSON.stringify({ license: { jurisdiction: 'TN', type: 'nha' }, courses: [{ hours: -1, completed: '2026-02-30', topics: ['knitting'] }] }) },
  { path: '/api/v1/renewal-checks/batch', body: JSON.stringify({ items: Array.from({ length: 10 }, (_, i) => renewal(i)) }) },
].map((r) => ({ method: 'POST' as const, headers: json, ...r }));

async function main(): Promise<void> {
  pinSelf();
  const app = await startServed(SERVED_APP, '/readyz');
  const rssStart = rssMb(app.child.pid!);
  console.log(`Soak: ${SECONDS} s at ${CONNECTIONS} connections over a mix of ${MIX.length} requests (valid, invalid, malformed, batch, comparison, renewal).`);
  const r = await drive({ url: `http://127.0.0.1:${app.port}`, connections: CONNECTIONS, duration: SECONDS, requests: MIX });
  const rssEnd = rssMb(app.child.pid!);
  await app.stop();
  console.log(`Requests: ${r.total.toLocaleString('en-US')} (${Math.round(r.requestsPerSecond)} a second), p50 ${r.p50} ms, p99 ${r.p99} ms.`);
  console.log(`Answers: ${r.total - r.non2xx} 2xx, ${r.status4xx} 4xx, ${r.status5xx} 5xx; socket errors ${r.errors}, timeouts ${r.timeouts}.`);
  console.log(`RSS: ${rssStart.toFixed(0)} MB at start, ${rssEnd.toFixed(0)} MB at the end.`);
  const ok = r.status5xx === 0 && r.errors === 0 && r.timeouts === 0;
  console.log(ok ? 'Soak passed: no 5xx, no socket errors, no timeouts.' : 'Soak FAILED.');
  process.exitCode = ok ? 0 : 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(2);
});
