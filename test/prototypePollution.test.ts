import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { personas } from '../src/profile/personas';
import { flatFromProfile } from '../src/profile/flatProfile';
import { readClients } from '../src/cli/batchClients';
import { safeRecord, setPath } from '../src/profile/safePath';
import { catalog } from './support/catalog';
import { watchPrototypes } from './support/prototypeGuard';
import { fieldLabel } from '../src/profile/profileFields';

/**
 * Issue 8: no request can change the process. A form, query, JSON body or CSV file that names `__proto__`,
 * `constructor`, `prototype` or an inherited method, as a jurisdiction or as a field name, must get a 200 or
 * a 4xx and must leave the shared prototypes exactly as they were, so that the next client is served as usual.
 */
const app = createApp(catalog());

const prototypes = watchPrototypes();

function assertUntouched(): void {
  assert.deepEqual(prototypes.changes(), [], 'a shared prototype gained or lost a property');
  assert.equal(({} as Record<string, unknown>).pwned, undefined);
  assert.equal(({} as Record<string, unknown>).x, undefined);
}

/** Jurisdiction values that once walked the path setter into a prototype (or threw there: a 500). */
const JURISDICTIONS = [
  '__proto__.pwned',
  '__proto__',
  'constructor.prototype',
  'constructor.prototype.pwned',
  'constructor',
  'prototype',
  'toString.x',
  'hasOwnProperty',
  '__PROTO__.PWNED',
];

/** Field names naming a prototype, as a form or a CSV header could carry them. */
const FIELD_NAMES = [
  '__proto__',
  '__proto__.x',
  '__proto__[x]',
  'constructor.prototype.x',
  'constructor[prototype][x]',
  'prototype.x',
  'toString',
  'toString.x',
  'hasOwnProperty',
  'attestations.__proto__',
  'attestations.constructor.prototype.x',
  'credentials.licenses.0.__proto__',
  'credentials.licenses.__proto__.type',
  'training.__proto__.aitHours',
  'education.constructor.prototype.x',
];

const form = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

/** Form bodies: each bad jurisdiction with and without items to confirm, and each bad field name beside a valid choice. */
const FORM_BODIES = [
  ...JURISDICTIONS.flatMap((j) => [
    form([['jurisdiction', j], ['license', 'nha'], ['attestations', 'x']]),
    form([['jurisdiction', j], ['license', 'nha'], ['attestations', 'infection-control-cbt'], ['attestations', 'pwned']]),
    form([['jurisdiction', j], ['license', 'nha']]),
    form([['jurisdiction', j], ['license', j], ['attestations', 'x']]),
  ]),
  ...FIELD_NAMES.flatMap((name) => [
    form([['jurisdiction', 'TX'], ['license', 'nha'], [name, '1']]),
    form([['jurisdiction', 'TX'], ['license', 'nha'], [name, 'x'], ['attestations', 'x']]),
    form([['jurisdiction', '__proto__.pwned'], ['license', 'nha'], [name, '5'], ['attestations', 'x']]),
  ]),
  'constructor.prototype',
  '__proto__',
  'constructor.prototype=x',
  '__proto__.pwned=x&license=nha',
];

const QUERIES = [
  ...JURISDICTIONS.map((j) => `/?${form([['jurisdiction', j], ['license', 'nha'], ['example', j]])}`),
  ...FIELD_NAMES.map((name) => `/?${form([[name, 'x'], ['jurisdiction', 'TX'], ['license', name]])}`),
  '/?__proto__[pwned]=x&constructor[prototype][pwned]=x',
];

const profileWith = (key: string) => `{"${key}":{"pwned":true},"constructor":{"prototype":{"pwned":true}}}`;
const EVALUATION_BODIES = [
  ...JURISDICTIONS.map((j) => `{"jurisdiction":${JSON.stringify(j)},"license":"nha","profile":{"attestations":{${JSON.stringify(j)}:["x"]}}}`),
  ...JURISDICTIONS.map((j) => `{"jurisdiction":"TX","license":${JSON.stringify(j)},"profile":{}}`),
  `{"jurisdiction":"TX","license":"nha","profile":${profileWith('__proto__')}}`,
  '{"jurisdiction":"TX","license":"nha","profile":{"attestations":{"__proto__":["pwned"],"constructor":["pwned"],"toString":["x"]}}}',
  '{"jurisdiction":"TX","license":"nha","profile":{"education":{"__proto__":{"pwned":true}},"credentials":{"licenses":[{"__proto__":{"pwned":true}}]}}}',
  '{"__proto__":{"pwned":true},"jurisdiction":"TX","license":"nha","profile":{}}',
  '{"constructor":{"prototype":{"pwned":true}},"jurisdiction":"TX","license":"nha","profile":{}}',
  '{"__proto__":{"pwned":true}}',
];
const BATCH_BODIES = [
  `{"items":[${EVALUATION_BODIES.join(',')}]}`,
  '{"__proto__":{"pwned":true},"items":[{"jurisdiction":"TX","license":"nha","profile":{}}]}',
  '{"items":{"__proto__":[]}}',
  '{"items":[{"__proto__":{"pwned":true}}]}',
];
const COMPARISON_BODIES = [
  ...JURISDICTIONS.map((j) => `{"license":${JSON.stringify(j)},"profile":{}}`),
  ...JURISDICTIONS.map((j) => `{"license":"nha","profile":{},"jurisdictions":[${JSON.stringify(j)}]}`),
  `{"license":"nha","profile":${profileWith('__proto__')}}`,
  '{"license":"nha","profile":{"attestations":{"__proto__":["pwned"],"constructor":["x"]}}}',
  '{"__proto__":{"pwned":true},"license":"nha","profile":{}}',
  '{"license":"nha","profile":{},"jurisdictions":{"__proto__":["TX"]}}',
];

const json = (path: string, body: string) => request(app).post(path).set('Content-Type', 'application/json').send(body);
const formPost = (path: string, body: string) => request(app).post(path).type('form').send(body);

/** Sends each request, gathering every answer that is not a 200 or a 4xx. */
async function badAnswers(sends: [string, () => Promise<request.Response>][]): Promise<string[]> {
  const bad: string[] = [];
  for (const [what, send] of sends) {
    const res = await send();
    if (!(res.status === 200 || (res.status >= 400 && res.status < 500))) bad.push(`${res.status} for ${what}`);
  }
  return bad;
}

describe('no request can change the process (issue 8)', function () {
  this.timeout(60000);

  // A failing run must not poison the test files that run after this one in the same process.
  after(() => prototypes.restore());

  it('answers prototype-named jurisdictions and field names on POST /check and POST /compare with 200 or 4xx', async () => {
    const bad = await badAnswers(FORM_BODIES.flatMap((body) => ['/check', '/compare'].map((path): [string, () => Promise<request.Response>] => [`POST ${path} ${body}`, () => formPost(path, body)])));
    assert.deepEqual(bad, []);
    assertUntouched();
  });

  it('answers a bad jurisdiction on the form with the form again (422), asking to choose from the lists', async () => {
    for (const j of JURISDICTIONS) {
      const res = await formPost('/check', form([['jurisdiction', j], ['license', 'nha'], ['attestations', 'x']]));
      assert.equal(res.status, 422, `${j}: ${res.status}`);
      assert.ok(res.text.includes('Choose a jurisdiction and license type from the lists.'), j);
    }
    assertUntouched();
  });

  it('answers prototype-named query strings on GET / with 200 or 4xx', async () => {
    const bad = await badAnswers(QUERIES.map((q): [string, () => Promise<request.Response>] => [`GET ${q}`, () => request(app).get(q)]));
    assert.deepEqual(bad, []);
    assertUntouched();
  });

  it('answers JSON bodies with "__proto__" and "constructor" keys and values on every API route with 200 or 4xx', async () => {
    const sends: [string, () => Promise<request.Response>][] = [
      ...EVALUATION_BODIES.map((b): [string, () => Promise<request.Response>] => [`evaluations ${b}`, () => json('/api/v1/evaluations', b)]),
      ...BATCH_BODIES.map((b): [string, () => Promise<request.Response>] => [`batch ${b.slice(0, 120)}`, () => json('/api/v1/evaluations/batch', b)]),
      ...COMPARISON_BODIES.map((b): [string, () => Promise<request.Response>] => [`comparisons ${b}`, () => json('/api/v1/comparisons', b)]),
    ];
    assert.deepEqual(await badAnswers(sends), []);
    assertUntouched();
  });

  it('lists a CSV row with a prototype-named jurisdiction or column as the row\'s problems', () => {
    const csv = [
      'client,jurisdiction,license,__proto__.x,constructor.prototype.x,__proto__,training.aitHours',
      'Ann,__proto__.pwned,nha,1,2,3,600',
      'Bo,constructor.prototype,nha,1,2,3,600',
      'Cy,TX,nha,1,2,3,600',
    ].join('\n');
    const entries = readClients('x.csv', csv, catalog());
    assert.deepEqual(entries.map((e) => e.client), ['Ann', 'Bo', 'Cy']);
    for (const e of entries.slice(0, 2)) {
      assert.equal(e.request, undefined, e.client);
      assert.ok(e.problems.some((p) => p.pointer === 'column jurisdiction'), `${e.client}: ${JSON.stringify(e.problems)}`);
    }
    assert.deepEqual(entries[2]!.problems, [], 'unknown columns are left out, as the form leaves unknown inputs out');
    assert.deepEqual(JSON.parse(JSON.stringify(entries[2]!.request)), { jurisdiction: 'TX', license: 'nha', profile: { training: { aitHours: 600 } } });
    assertUntouched();
  });

  it('leaves the shared prototypes unchanged and still answers valid requests afterwards', async () => {
    assertUntouched();
    const profile = personas[0]!.profile;
    const evaluation = await json('/api/v1/evaluations', JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile }));
    assert.equal(evaluation.status, 200, evaluation.text);
    assert.equal(evaluation.body.jurisdiction, 'TX');
    assert.ok(['eligible', 'needs-information', 'not-eligible'].includes(evaluation.body.outcome));
    assert.ok(Array.isArray(evaluation.body.pathways) && evaluation.body.pathways.length > 0);

    const comparison = await json('/api/v1/comparisons', JSON.stringify({ license: 'nha', profile }));
    assert.equal(comparison.status, 200, comparison.text);
    assert.equal(comparison.body.results.length, catalog().jurisdictions.length);

    const batch = await json('/api/v1/evaluations/batch', JSON.stringify({ items: [{ jurisdiction: 'TX', license: 'nha', profile }, { jurisdiction: 'FL', license: 'ala', profile }] }));
    assert.equal(batch.status, 200, batch.text);
    assert.deepEqual(batch.body.results.map((r: { jurisdiction: string }) => r.jurisdiction), ['TX', 'FL']);

    const page = await request(app).post('/check').type('form').send({ ...flatFromProfile(profile), jurisdiction: 'TX', license: 'nha' });
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(`<h1>Texas: ${catalog().get('TX', 'nha')!.title}</h1>`));
    const home = await request(app).get('/?jurisdiction=TX');
    assert.equal(home.status, 200);
    assert.doesNotMatch(home.text, /pwned/);
    assertUntouched();
  });
});

describe('the safe path setter', () => {
  const prototypes = watchPrototypes();
  after(() => prototypes.restore());

  it('refuses __proto__, constructor and prototype segments, changing nothing', () => {
    for (const path of ['__proto__.pwned', 'constructor.prototype.pwned', 'a.prototype', 'a.__proto__.b', 'constructor', 'a..b', '']) {
      const target: Record<string, unknown> = {};
      assert.equal(setPath(target, path, 1), false, path);
      assert.deepEqual(Reflect.ownKeys(target), [], path);
    }
    assert.deepEqual(prototypes.changes(), []);
  });

  it('walks own properties only, defining values on new null-prototype objects', () => {
    const target: Record<string, unknown> = {};
    assert.equal(setPath(target, 'toString.x', 1), true);
    assert.equal(setPath(target, 'hasOwnProperty', 2), true);
    assert.equal(Object.getPrototypeOf(target.toString), null, 'a new object shadows the inherited method');
    assert.equal((target.toString as unknown as Record<string, unknown>).x, 1);
    assert.equal(target.hasOwnProperty, 2);
    assert.equal(setPath({ a: 'text' }, 'a.b', 1), false, 'never writes into a value that is not an object');
    assert.deepEqual(prototypes.changes(), []);
  });

  it('copies only safe keys onto a null-prototype record', () => {
    const copy = safeRecord(Object.entries(JSON.parse('{"__proto__":{"pwned":1},"constructor":1,"prototype":1,"age":"30"}') as Record<string, unknown>));
    assert.equal(Object.getPrototypeOf(copy), null);
    assert.deepEqual(Object.keys(copy), ['age']);
  });
});

describe('labels from pointers', () => {
  it('names only a list item\'s own parts: a prototype-named part is left as the pointer, not read from Object.prototype', () => {
    assert.equal(fieldLabel('/credentials/licenses/1/years'), 'License 2, years held');
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(fieldLabel(`/credentials/licenses/0/${name}`), `/credentials/licenses/0/${name}`);
    }
  });
});
