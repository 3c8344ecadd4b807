import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { personas } from '../src/profile/personas';
import { catalog } from './support/catalog';
import { expectProblem } from './support/expectProblem';

const app = createApp(catalog());
const PILOTS = ['TX', 'FL', 'CA', 'MN', 'NY', 'VA'];

const post = (body: string | object, type = 'application/json') =>
  request(app).post('/api/v1/evaluations').set('Content-Type', type).send(typeof body === 'string' ? body : JSON.stringify(body));

describe('JSON API', () => {
  it('GET /healthz answers 200', async () => {
    const res = await request(app).get('/healthz');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { status: 'ok' });
  });

  it('GET /api/v1/jurisdictions lists each jurisdiction with title, credentialed and last-verified per license', async () => {
    const res = await request(app).get('/api/v1/jurisdictions');
    assert.equal(res.status, 200);
    const codes = res.body.jurisdictions.map((j: { code: string }) => j.code);
    for (const code of PILOTS) assert.ok(codes.includes(code), code);
    const tx = res.body.jurisdictions.find((j: { code: string }) => j.code === 'TX');
    assert.equal(tx.name, 'Texas');
    assert.equal(tx.licenses.nha.credentialed, true);
    assert.equal(tx.licenses.ala.credentialed, false);
    assert.match(tx.licenses.nha.lastVerified, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(typeof tx.licenses.nha.title, 'string');
  });

  it('GET /api/v1/jurisdictions/{code}/{license} gives the rule set in readable form', async () => {
    const res = await request(app).get('/api/v1/jurisdictions/TX/nha');
    assert.equal(res.status, 200);
    assert.equal(res.body.jurisdiction, 'TX');
    assert.ok(res.body.pathways.length >= 2);
    for (const r of res.body.requirements) {
      assert.equal(typeof r.id, 'string');
      assert.equal(typeof r.title, 'string');
      assert.equal(typeof r.attestable, 'boolean');
      assert.ok(r.sources.length > 0 && r.sources.every((s: { url: string; title: string }) => /^https?:\/\//.test(s.url) && s.title));
    }
    const ait = res.body.requirements.find((r: { id: string }) => r.id === 'internship-1000');
    assert.deepEqual(ait.fields, ['/training/aitHours']);
    assert.match(res.body.lastVerified, /^\d{4}-\d{2}-\d{2}$/);
  });

  it('answers 404 problem+json for an unknown jurisdiction or license', async () => {
    expectProblem(await request(app).get('/api/v1/jurisdictions/ZZ/nha'), 404);
    expectProblem(await request(app).get('/api/v1/jurisdictions/TX/rn'), 404);
    expectProblem(await post({ jurisdiction: 'ZZ', license: 'nha', profile: {} }), 404);
    expectProblem(await post({ jurisdiction: 'TX', license: 'dentist', profile: {} }), 404);
    expectProblem(await request(app).get('/api/v1/nothing-here'), 404);
    expectProblem(await request(app).get('/api/v2/jurisdictions'), 404);
  });

  it('POST /api/v1/evaluations answers in the contract shape, with what the rules give the new graduate in Texas', async () => {
    const res = await post({ jurisdiction: 'TX', license: 'nha', profile: personas.find((p) => p.id === 'new-graduate')!.profile });
    assert.equal(res.status, 200);
    const e = res.body;
    for (const key of ['jurisdiction', 'license', 'outcome', 'bestPathway', 'bestLicenseRoute', 'pathways', 'nextSteps', 'missing', 'ruleSet']) assert.ok(key in e, key);
    assert.deepEqual([e.jurisdiction, e.license], ['TX', 'nha']);
    // A bachelor's, 1,000 internship hours and both NAB exams: only the Texas exam and two confirmations are left.
    assert.equal(e.bestLicenseRoute, 'internship-1000');
    const route = e.pathways.find((p: { id: string }) => p.id === 'internship-1000');
    assert.equal(route.outcome, 'not-eligible');
    const byId = new Map(route.requirements.map((r: { id: string }) => [r.id, r]));
    assert.deepEqual(
      route.requirements.filter((r: { status: string }) => r.status !== 'met').map((r: { id: string; status: string }) => `${r.id}:${r.status}`),
      ['state-exam:unmet', 'infection-control-cbt:unknown', 'application:unknown'],
    );
    assert.equal((byId.get('state-exam') as { detail: string }).detail, 'State exams passed: none (needs TX).');
    assert.ok(e.nextSteps.some((s: string) => s.startsWith('Texas state examination')), e.nextSteps.join(' | '));
    assert.ok(e.missing.includes('/attestations/TX'));
    assert.equal(route.estimate.words, '2–12 months');
    for (const r of route.requirements) assert.ok(r.sources.length > 0 && r.sources.every((s: { title: string; url: string }) => s.title && /^https?:\/\//.test(s.url)), r.id);
    assert.equal(e.ruleSet.lastVerified, catalog().get('TX', 'nha')!.lastVerified);
  });

  it('gives the gap for a numeric requirement', async () => {
    const res = await post({ jurisdiction: 'TX', license: 'nha', profile: { education: { highestDegree: 'bachelor', field: 'business', accredited: true, ltcCreditHours: 12 }, training: { aitHours: 600 } } });
    const ait = res.body.pathways.flatMap((p: any) => p.requirements).find((r: any) => r.id === 'internship-1000');
    assert.equal(ait.status, 'unmet');
    assert.equal(ait.detail, '600 of 1,000 AIT hours — 400 to go.');
  });

  it('evaluates every persona in every pilot jurisdiction and license with 200', async () => {
    for (const code of PILOTS) {
      for (const license of ['nha', 'ala']) {
        for (const p of personas) {
          const res = await post({ jurisdiction: code, license, profile: p.profile });
          assert.equal(res.status, 200, `${code} ${license} ${p.id}: ${res.text}`);
        }
      }
    }
  });

  it('answers 400 for malformed JSON, saying where it breaks without echoing it', async () => {
    assert.equal(expectProblem(await post('{"jurisdiction": "TX",'), 400).detail, 'The request body is not valid JSON (it ends too soon).');
    const broken = expectProblem(await post('{"jurisdiction": "TX",\n  secret-word}'), 400);
    assert.equal(broken.detail, 'The request body is not valid JSON (it breaks at line 2, column 3).');
    // Where the parser gives no position, the answer still never repeats what was sent.
    const unexpected = expectProblem(await post('{"jurisdiction": secretword}'), 400);
    assert.match(unexpected.detail, /^The request body is not valid JSON( \(it breaks at line 1, column \d+\))?\.$/);
    assert.doesNotMatch(unexpected.detail, /secretword/);
  });

  it('answers 422 for JSON that is not an object, naming what it is', async () => {
    for (const [raw, kind] of [['"just a string"', 'a string'], ['null', 'null'], ['42', 'a number'], ['[1, 2]', 'an array']] as const) {
      const body = expectProblem(await post(raw), 422);
      assert.equal(body.detail, `The request body must be a JSON object ({ … }), not ${kind}.`, raw);
      assert.deepEqual(body.errors, [{ pointer: '', message: 'must be an object' }]);
    }
  });

  it('answers 415 for a body that is not JSON, or JSON not in UTF-8', async () => {
    expectProblem(await post('jurisdiction=TX', 'application/x-www-form-urlencoded'), 415);
    expectProblem(await post('hello', 'text/plain'), 415);
    const valid = JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile: {} });
    for (const charset of ['utf-16', 'UTF-16LE', 'utf-7', 'utf-32', 'latin1']) {
      const body = expectProblem(await post(valid, `application/json; charset=${charset}`), 415);
      assert.match(body.detail, /UTF-8 only/, charset);
    }
    for (const charset of ['utf-8', 'UTF-8', '"utf-8"']) assert.equal((await post(valid, `application/json; charset=${charset}`)).status, 200, charset);
  });

  it('answers 400 for an address with a malformed percent-escape, saying so', async () => {
    const body = expectProblem(await request(app).get('/api/v1/jurisdictions/%E0%A4%A/nha'), 400);
    assert.match(body.detail, /malformed percent-escape/);
  });

  it('answers 413 for a body over the limit', async () => {
    const big = JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile: {}, pad: 'x'.repeat(200_000) });
    expectProblem(await post(big), 413);
  });

  it('answers 422 listing every schema problem with its JSON pointer', async () => {
    const body = expectProblem(
      await post({ jurisdiction: 'TX', license: 'nha', profile: { age: 'thirty', educaton: {}, training: { aitHours: -1 }, exams: { stateExams: ['tx'] } } }),
      422,
    );
    const pointers = body.errors!.map((e) => e.pointer).sort();
    assert.deepEqual(pointers, ['/profile/age', '/profile/educaton', '/profile/exams/stateExams/0', '/profile/training/aitHours']);
    assert.ok(body.errors!.every((e) => e.message.length > 0));
  });

  it('answers 422 for a request missing its parts or with extra ones', async () => {
    const body = expectProblem(await post({ license: 'nha', extra: 1 }), 422);
    assert.deepEqual(body.errors!.map((e) => e.pointer).sort(), ['/extra', '/jurisdiction', '/profile']);
  });

  it('answers 422 for an attestation id the jurisdiction does not know', async () => {
    const body = expectProblem(await post({ jurisdiction: 'TX', license: 'nha', profile: { attestations: { TX: ['infection-control', 'application'] } } }), 422);
    assert.deepEqual(body.errors!.map((e) => e.pointer), ['/profile/attestations/TX/0']);
  });

  it('rejects prototype-polluting keys with 422 and stays healthy', async () => {
    for (const raw of [
      '{"jurisdiction":"TX","license":"nha","profile":{"__proto__":{"admin":true}}}',
      '{"jurisdiction":"TX","license":"nha","profile":{"constructor":{"prototype":{"x":1}}}}',
      '{"jurisdiction":"TX","license":"nha","profile":{"education":{"__proto__":{"highestDegree":"doctorate"}}}}',
    ]) {
      expectProblem(await post(raw), 422);
    }
    assert.equal(({} as Record<string, unknown>).admin, undefined);
    assert.equal((await request(app).get('/healthz')).status, 200);
  });

  it('never answers 500 to odd but well-formed bodies', async () => {
    const deep = '{"a":'.repeat(2000) + '1' + '}'.repeat(2000);
    for (const raw of [deep, '{"jurisdiction":"TX","license":"nha","profile":{"credentials":{"licenses":[{}]}}}', '{"jurisdiction":1,"license":[],"profile":"x"}', '1e999']) {
      const res = await post(raw);
      assert.ok(res.status >= 400 && res.status < 500, `${res.status} for ${raw.slice(0, 40)}`);
    }
  });

  it('answers 405 for a wrong method on an API route', async () => {
    const res = await request(app).get('/api/v1/evaluations');
    expectProblem(res, 405);
    assert.equal(res.headers.allow, 'POST');
  });

  it('sends security headers and never caches results', async () => {
    const res = await post({ jurisdiction: 'TX', license: 'nha', profile: {} });
    assert.match(res.headers['content-security-policy'] ?? '', /script-src 'none'/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['x-powered-by'], undefined);
  });
});

describe('Renewal checks API', () => {
  const check = (body: string | object, path = '/api/v1/renewal-checks') =>
    request(app).post(path).set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
  const license = { jurisdiction: 'TN', type: 'nha' };
  /** Tennessee counts CE by calendar year: 18 approved hours, 27 for preceptors, due December 31. */
  const preceptor = {
    license: { ...license, issued: '2011-09-01', roles: ['preceptor'] },
    courses: [
      { title: 'Leading quality improvement', hours: 8, completed: '2026-02-10', topics: ['leadership'], delivery: 'in-person', approval: 'ncers' },
      { title: 'Resident rights', hours: 6, completed: '2026-05-22', topics: ['resident-rights'], delivery: 'live-online', approval: 'board' },
      { title: 'Finance for administrators', hours: 6, completed: '2026-09-30', topics: ['finance'], delivery: 'self-study', approval: 'ncers' },
      { title: 'Survey readiness', hours: 5, completed: '2025-11-03', delivery: 'in-person', approval: 'board' },
    ],
    asOf: '2026-11-16',
  };

  it('POST /api/v1/renewal-checks gives the outcome, the deadline with days left, the hours to go and why each course counted or not', async () => {
    const res = await check(preceptor);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.headers['cache-control'], 'no-store');
    const r = res.body;
    assert.equal(r.outcome, 'not-yet-compliant');
    assert.deepEqual(r.period, { starts: '2026-01-01', countsFrom: '2026-01-01', ends: '2026-12-31', daysLeft: 45, endFrom: 'cycle' });
    const [total] = r.requirements;
    assert.equal(total.status, 'unmet');
    assert.deepEqual(total.hours, { counted: 20, mayCount: 20, needed: 27, toGo: 7 });
    assert.equal(total.detail, '20 of 27 hours — 7 to go.');
    assert.ok(total.sources.length > 0 && total.sources.every((s: { title: string; url: string }) => s.title && /^https?:\/\//.test(s.url)));
    assert.deepEqual(r.courses.map((c: { counts: string; countedHours: number }) => [c.counts, c.countedHours]), [['yes', 8], ['yes', 6], ['yes', 6], ['no', 0]]);
    assert.deepEqual(r.courses[3].reasons, ['completed 2025-11-03, outside the period that counts (2026-01-01 to 2026-12-31)']);
    assert.ok(r.nextSteps.some((s: string) => /20 of 27 hours — 7 to go/.test(s)), r.nextSteps.join(' | '));
    assert.ok(r.rules.some((x: { title: string; sources: unknown[] }) => x.title === 'Renewal period' && x.sources.length > 0));
    assert.deepEqual(r.ruleDataVersion, catalog().version);
  });

  it('answers compliant once the hours are there, and asks what would settle a course of unknown approval', async () => {
    const notPreceptor = { ...license, issued: '2011-09-01' };
    const done = await check({ ...preceptor, license: notPreceptor });
    assert.equal(done.body.outcome, 'compliant');
    assert.deepEqual(done.body.requirements[0].hours, { counted: 20, mayCount: 20, needed: 18, toGo: 0 });
    const unsaid = { title: 'Leading quality improvement', hours: 8, completed: '2026-02-10', delivery: 'in-person' };
    const open = await check({ ...preceptor, license: notPreceptor, courses: [unsaid, ...preceptor.courses.slice(1)] });
    assert.equal(open.body.outcome, 'needs-information');
    assert.equal(open.body.courses[0].counts, 'maybe');
    assert.deepEqual(open.body.requirements[0].hours, { counted: 12, mayCount: 20, needed: 18, toGo: 6 });
    assert.deepEqual(open.body.missing, ['/courses/0/approval']);
  });

  it('answers 422 with a problem per course and field, in plain words', async () => {
    const body = expectProblem(
      await check({
        license: { ...license, roles: ['precepter'] },
        courses: [
          { title: 'Ethics', hours: 2, completed: '2026-02-01', topics: ['ethic'] },
          { hours: 0, completed: '2026-12-01', delivery: 'webinar' },
          { hours: 3, completed: '2026-02-30' },
        ],
        confirmed: ['state-course'],
        asOf: '2026-11-16',
        notes: 'x',
      }),
      422,
    );
    const byPointer = Object.fromEntries(body.errors!.map((e) => [e.pointer, e.message]));
    assert.deepEqual(Object.keys(byPointer), [
      '/confirmed/0',
      '/courses/0/topics/0',
      '/courses/1/completed',
      '/courses/1/delivery',
      '/courses/1/hours',
      '/courses/2/completed',
      '/license/roles/0',
      '/notes',
    ]);
    assert.match(byPointer['/courses/0/topics/0']!, /^"ethic" is not a topic .* know; the topics are ethics \(Ethics and professional standards\); /);
    assert.equal(byPointer['/courses/1/completed'], 'a course cannot be completed after the day of the check (2026-11-16)');
    assert.equal(byPointer['/courses/1/hours'], 'must be more than 0');
    assert.equal(byPointer['/courses/2/completed'], 'must be a calendar date written YYYY-MM-DD, e.g. 2026-03-31');
    assert.match(byPointer['/license/roles/0']!, /^"precepter" is not a role .*; the roles are preceptor \(/);
    assert.match(byPointer['/confirmed/0']!, /^"state-course" is not an item of Tennessee's .* renewal rules/);
    assert.equal(byPointer['/notes'], 'is not a known field');
  });

  it('answers 422 at /license/jurisdiction for a jurisdiction it has no rules for, and never 500 for odd bodies', async () => {
    const body = expectProblem(await check({ license: { jurisdiction: 'tn', type: 'nha' } }), 422);
    assert.deepEqual(body.errors!.map((e) => e.pointer), ['/license/jurisdiction']);
    for (const raw of ['{}', '{"license":null}', '{"license":{"jurisdiction":"TN","type":"nha"},"courses":"all"}', '{"license":{"jurisdiction":"TN","type":"nha"},"courses":[null,{"topics":[1]}]}', '{"license":{"__proto__":{"x":1}}}']) {
      const res = await check(raw);
      assert.equal(res.status, 422, `${res.status} for ${raw}`);
    }
  });

  it('POST /api/v1/renewal-checks/batch answers each record in order, a bad one with its own problem', async () => {
    const res = await check({ items: [preceptor, { license: { ...license, roles: ['pilot'] } }, { license: { jurisdiction: 'CA', type: 'ala' } }] }, '/api/v1/renewal-checks/batch');
    assert.equal(res.status, 200, res.text);
    const [first, bad, third] = res.body.results;
    assert.equal(first.outcome, 'not-yet-compliant');
    assert.deepEqual([bad.status, bad.errors.map((e: { pointer: string }) => e.pointer)], [422, ['/license/roles/0']]);
    assert.equal(third.jurisdiction, 'CA');
    assert.deepEqual(res.body.ruleDataVersion, catalog().version);
    const tooMany = expectProblem(await check({ items: Array.from({ length: 101 }, () => preceptor) }, '/api/v1/renewal-checks/batch'), 422);
    assert.deepEqual(tooMany.errors!.map((e) => e.pointer), ['/items']);
    expectProblem(await check({ records: [] }, '/api/v1/renewal-checks/batch'), 422);
  });

  it('counts a renewal batch by its records against the rate limit', async () => {
    const limited = createApp(catalog(), { rateLimitPerMinute: 10 });
    const batch = (n: number) => request(limited).post('/api/v1/renewal-checks/batch').set('Content-Type', 'application/json').send(JSON.stringify({ items: Array(n).fill(preceptor) }));
    assert.equal((await batch(6)).status, 200);
    assert.match(expectProblem(await batch(6), 429).detail, /This request asks for 6/);
  });

  it('answers 405 for other methods on the renewal routes', async () => {
    for (const path of ['/api/v1/renewal-checks', '/api/v1/renewal-checks/batch']) {
      const res = await request(app).get(path);
      expectProblem(res, 405);
      assert.equal(res.headers.allow, 'POST');
    }
  });
});
