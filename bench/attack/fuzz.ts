import http from 'node:http';
import { ask, checkValid, countBy, describeCounts, now, pool, seconds, withServer, type Answer, type Ask, type Context } from './common';

/**
 * 2. Generated requests across every route: odd shapes, prototype-named keys, bad encodings, odd media types
 * and methods. Seeded, so a 5xx found here can be sent again exactly (ATTACK_SEED, ATTACK_FUZZ).
 */
const COUNT = Number(process.env.ATTACK_FUZZ ?? 3000);
const SEED = Number(process.env.ATTACK_SEED ?? 20261127);

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty'];

const GET_PATHS = [
  '/', '/?example=__proto__', '/?jurisdiction=constructor&license=toString', '/?example=moving-administrator&jurisdiction=tx',
  '/?__proto__[pwned]=1', '/?a=%E0%A4%A', '/compare', '/coverage', '/jurisdictions', '/jurisdictions/TX/nha',
  '/jurisdictions/tx/ala', '/jurisdictions/__proto__/nha', '/jurisdictions/constructor/prototype', '/jurisdictions/TX/toString',
  '/jurisdictions/%E0%A4%A/nha', '/jurisdictions/TX.nha/nha', '/api/v1/jurisdictions', '/api/v1/jurisdictions/TX/nha',
  '/api/v1/jurisdictions/__proto__/toString', '/api/v1/jurisdictions/hasOwnProperty/nha', '/api/v1/jurisdictions/%E0%A4%A/nha',
  '/api/v1/openapi.json', '/api/v1/nope', '/api/docs', '/api/docs/', '/api/docs/assets/swagger-ui.css',
  '/api/docs/assets/swagger-ui-bundle.js', '/api/docs/assets/package.json', '/api/docs/assets/../../../package.json',
  '/api/docs/assets/%2e%2e/%2e%2e/package.json', '/api/docs/assets/%E0%A4%A', '/static/styles.css', '/static/api-docs.js',
  '/static/../package.json', '/static/%2e%2e/package.json', '/static/%00', '/static/', '/healthz', '/readyz', '/nope/__proto__',
];
const POST_PATHS = ['/check', '/compare', '/renewal', '/api/v1/evaluations', '/api/v1/evaluations/batch', '/api/v1/comparisons', '/api/v1/renewal-checks', '/api/v1/renewal-checks/batch'];
const WRONG_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND'];

const FORM_KEYS = [
  'jurisdiction', 'license', 'attestations', 'sort', 'education.highestDegree', 'education.ltcCreditHours', 'training.aitHours',
  'exams.stateExams', 'exams.nabCore', 'credentials.licenses.0.type', 'credentials.licenses.1.years', 'credentials.licenses.99999.type',
  '__proto__', '__proto__.pwned', 'constructor.prototype.pwned', 'prototype', 'toString', 'education.__proto__.pwned',
  'credentials.licenses.__proto__.type', 'credentials.__proto__', 'a.b.c.d.e.f', 'unknownKey', 'education', 'education.',
  '.education', 'training..aitHours', 'age', '',
];
const FORM_VALUES = [
  'TX', 'tx', 'nha', 'ala', 'FL', '__proto__.pwned', 'constructor.prototype', '__proto__', 'toString', '', 'yes', 'no',
  'none', 'TX, FL', 'bachelor', '600', '-5', '1e309', 'NaN', '0x10', 'TX.nha', 'x'.repeat(5000), '<script>alert(1)</script>',
  'infection-control-cbt', 'outcome', 'name',
];
const JURISDICTIONS = [
  'TX', 'FL', 'CA', 'ZZ', 'tx', '__proto__', 'constructor', 'toString', 'TX.nha', '', 'prototype', '__proto__.pwned',
  'constructor.prototype', 'constructor.prototype.pwned', 'TX.__proto__',
];

const CONTENT_TYPES = [
  'application/json', 'application/json; charset=utf-8', 'application/json; charset=utf-16', 'application/json; charset=utf-7',
  'application/json; charset=latin1', 'application/json; charset=nonsense', 'application/json;;;', 'application/merge-patch+json',
  'application/problem+json', 'text/plain', 'text/html', 'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-16', 'application/x-www-form-urlencoded; charset=utf-7',
  'multipart/form-data; boundary=x', '*/*', 'application/json, text/html', 'nonsense', '',
];

function generator(seed: number) {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number) => r() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

  const encode = (s: string) => (chance(0.1) ? s.replace(/[.&=]/g, (c) => `%${c.charCodeAt(0).toString(16)}`) : chance(0.05) ? `${s}%E0%A4%A` : encodeURIComponent(s));
  function formBody(): string {
    const pairs: string[] = [];
    // Mostly a plausible jurisdiction and license, so the profile parser is reached at all.
    if (chance(0.7)) pairs.push(`jurisdiction=${encode(pick(JURISDICTIONS))}`);
    if (chance(0.7)) pairs.push(`license=${pick(['nha', 'ala', 'toString', '__proto__', ''])}`);
    // Attestations are keyed by jurisdiction: a dotted jurisdiction becomes a path into the profile.
    if (chance(0.4)) pairs.push(`attestations=${encode(pick(FORM_VALUES))}`);
    for (let i = int(0, 8); i > 0; i--) pairs.push(`${encode(pick(FORM_KEYS))}=${encode(pick(FORM_VALUES))}`);
    if (chance(0.05)) pairs.push('jurisdiction=%E0%A4%A');
    if (chance(0.03)) for (let i = 0; i < 300; i++) pairs.push(`k${i}=v`); // over the parameter limit
    return pairs.join('&');
  }

  function deep(depth: number, leaf: unknown, asArray: boolean): unknown {
    let v = leaf;
    for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
    return v;
  }
  function protoObject(): Record<string, unknown> {
    const o: Record<string, unknown> = {};
    // JSON.parse makes "__proto__" an own key, as a hostile client's body would have it.
    return Object.assign(o, JSON.parse(`{"${pick(PROTO)}": ${JSON.stringify(pick([{ pwned: 1 }, { prototype: { pwned: 1 } }, 'pwned', 1, null]))}}`));
  }
  function profile(): unknown {
    return pick([
      {},
      { education: { highestDegree: 'bachelor' }, training: { aitHours: 600 } },
      { training: { aitHours: pick([-5, 'thirty', 1e309, null, [], {}]) } },
      { education: protoObject() },
      protoObject(),
      { credentials: { licenses: Array.from({ length: int(0, 30) }, () => ({ type: pick(['nha', 'rn', '__proto__', 7]) })) } },
      JSON.parse('{"attestations": {"TX": ["infection-control-cbt", "__proto__"], "__proto__": ["x"]}}') as unknown,
      deep(int(10, 40), 1, chance(0.5)),
      'profile', 42, null, [],
    ]);
  }
  /** A continuing-education record, well formed or not. */
  function ceRecord(): unknown {
    const course = () =>
      pick([
        { title: 'Ethics', hours: pick([2, 0, -1, 1e309, 'two', 201]), completed: pick(['2026-03-01', '2026-02-30', '2099-01-01', 'yesterday']), topics: pick([['ethics'], ['__proto__'], ['knitting'], 'ethics']), delivery: pick(['in-person', 'radio', undefined]), approval: pick(['ncers', 'board', 'nobody', undefined]) },
        protoObject(),
        null,
      ]);
    return pick([
      { license: { jurisdiction: pick(JURISDICTIONS), type: pick(['nha', 'ala', 'toString']), issued: pick(['2015-06-01', '2026-13-01', undefined]), roles: pick([['preceptor'], ['__proto__'], 'preceptor', undefined]) }, courses: Array.from({ length: int(0, 30) }, course), asOf: pick(['2026-11-01', undefined, 'now']) },
      { license: protoObject(), courses: [course()] },
      { courses: [] },
      protoObject(),
      'record', 0, null,
    ]);
  }
  function item(): unknown {
    return pick([
      { jurisdiction: pick(JURISDICTIONS), license: pick(['nha', 'ala', 'toString']), profile: profile() },
      { jurisdiction: 'TX', license: 'nha', profile: profile(), extra: true },
      protoObject(),
      'item', 0, null,
    ]);
  }
  function jsonBody(path: string): string {
    switch (int(0, 9)) {
      case 0:
        return pick(['"hello"', '42', '[]', 'null', 'true', '{}', '""', '-0', '1e999']);
      case 1:
        return pick(['{"jurisdiction": ', "{'a':1}", '{"a":1}}', '\u0000', '{"a":"\\ud800"}', '{"a":01}', '[', '']);
      case 2:
        return JSON.stringify(deep(pick([17, 100, 2000]), {}, chance(0.5)));
      case 3:
        return JSON.stringify({ items: Array.from({ length: pick([101, 1001, 5000]) }, () => 0) });
      case 4:
        return JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile: { credentials: { licenses: Array.from({ length: pick([1001, 12000]) }, () => ({})) } } });
      case 5:
        return `{"__proto__": {"pwned": true}, "jurisdiction": "TX", "license": "nha", "profile": {"__proto__": {"pwned": 1}}}`;
      case 6:
        return JSON.stringify({ constructor: { prototype: { pwned: 1 } }, license: 'nha', profile: {}, jurisdictions: [pick(JURISDICTIONS), '__proto__'] });
      case 7:
        return JSON.stringify({ items: Array.from({ length: int(1, 12) }, item) });
      case 8:
        return JSON.stringify({ license: pick(['nha', 'ala', 7, null]), profile: profile(), jurisdictions: pick([undefined, [], ['TX', 'FL'], 'TX', [1, 2], ['__proto__']]) });
      default: {
        const one = path.includes('renewal') ? ceRecord : item;
        return path.endsWith('batch') ? JSON.stringify({ items: Array.from({ length: int(1, 5) }, one) }) : JSON.stringify(one());
      }
    }
  }

  return function next(): Ask & { label: string } {
    const headers: Record<string, string> = {};
    if (chance(0.1)) headers['x-request-id'] = pick(['__proto__', 'a b', 'x'.repeat(100), 'fuzz-1']);
    if (chance(0.05)) headers['if-none-match'] = pick(['*', '"x"', 'W/"__proto__"']);
    if (chance(0.03)) headers['content-encoding'] = pick(['gzip', 'deflate', 'br', 'x-unknown']);
    if (chance(0.55)) {
      const path = pick(GET_PATHS);
      const method = chance(0.85) ? 'GET' : pick(['POST', ...WRONG_METHODS]);
      return { method, path, headers, label: `${method} ${path}` };
    }
    const path = pick(POST_PATHS);
    const method = chance(0.9) ? 'POST' : pick(['GET', ...WRONG_METHODS]);
    const form = path === '/check' || path === '/compare' || path === '/renewal';
    const body = (form ? chance(0.8) : chance(0.15)) ? formBody() : jsonBody(path);
    const type = chance(0.7) ? (form ? 'application/x-www-form-urlencoded' : 'application/json') : pick(CONTENT_TYPES);
    if (type) headers['content-type'] = type;
    const bytes = /utf-16/.test(type) && chance(0.5) ? Buffer.from(body, 'utf16le') : Buffer.from(body);
    return { method, path, headers, body: bytes, label: `${method} ${path} [${type || 'no type'}] ${body.slice(0, 70)}` };
  };
}

export async function fuzz(ctx: Context): Promise<void> {
  const next = generator(SEED);
  const requests = Array.from({ length: COUNT }, next);
  await withServer({}, async (s) => {
    // Keep-alive, as real clients do: an answer that leaves the connection unusable shows up as a socket error.
    const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    const started = now();
    const answers = await pool(requests, 8, (r): Promise<Answer> => ask(s.port, { ...r, agent, timeoutMs: 20_000 }));
    const took = now() - started;
    agent.destroy();
    const byStatus = countBy(answers, (a) => (a.status ? String(a.status) : `no answer (${a.error})`));
    const fivexx = answers.map((a, i) => ({ a, r: requests[i]! })).filter(({ a }) => a.status >= 500);
    ctx.say(`${COUNT} requests (seed ${SEED}) in ${seconds(took)}, 8 at a time over keep-alive connections.`);
    ctx.say(`By status: ${describeCounts(byStatus)}.`);
    ctx.say(`5xx: ${fivexx.length}.`);
    for (const { a, r } of fivexx.slice(0, 8)) ctx.say(`  ${a.status} ← ${r.label.replace(/\s+/g, ' ')}`);
    const after = await checkValid(s.port);
    ctx.say(`Then: ${after.summary}`);
    ctx.check(`fuzz (${COUNT} requests): no 5xx`, `${fivexx.length} × 5xx`, fivexx.length === 0);
    ctx.check('valid requests still 200 after the fuzz', after.brief, after.ok);
  });
}
