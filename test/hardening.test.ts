import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { createLogger } from '../src/web/requestLogging';
import { clientKey } from '../src/web/rateLimit';
import { personas } from '../src/profile/personas';
import { catalog } from './support/catalog';
import { expectProblem } from './support/expectProblem';

const app = createApp(catalog());
const postTo = (target: ReturnType<typeof createApp>, path: string, body: unknown) =>
  request(target).post(path).set('Content-Type', 'application/json').send(typeof body === 'string' ? body : JSON.stringify(body));
const post = (path: string, body: unknown) => postTo(app, path, body);

describe('batch evaluations', () => {
  it('answers one evaluation or one problem per item, in order', async () => {
    const items = [
      { jurisdiction: 'TX', license: 'nha', profile: personas[0]!.profile },
      { jurisdiction: 'ZZ', license: 'nha', profile: {} },
      { jurisdiction: 'FL', license: 'ala', profile: { age: 'old' } },
      { jurisdiction: 'MN', license: 'ala', profile: {} },
      'not an object',
    ];
    const res = await post('/api/v1/evaluations/batch', { items: items.slice(0, 4) });
    assert.equal(res.status, 200);
    const [tx, zz, fl, mn] = res.body.results;
    assert.equal(tx.jurisdiction, 'TX');
    assert.deepEqual([zz.status, zz.type], [404, 'about:blank']);
    assert.equal(fl.status, 422);
    assert.deepEqual(fl.errors.map((e: { pointer: string }) => e.pointer), ['/profile/age']);
    assert.equal(mn.jurisdiction, 'MN');
    const single = await post('/api/v1/evaluations', items[0]);
    assert.deepEqual(tx, single.body, 'a batch item equals the single answer');
    // The whole batch is refused only when the envelope is wrong.
    expectProblem(await post('/api/v1/evaluations/batch', { items }), 422);
  });

  it('takes 100 items and refuses 101 or none', async () => {
    const item = { jurisdiction: 'VA', license: 'nha', profile: personas[1]!.profile };
    const full = await post('/api/v1/evaluations/batch', { items: Array(100).fill(item) });
    assert.equal(full.status, 200);
    assert.equal(full.body.results.length, 100);
    const over = expectProblem(await post('/api/v1/evaluations/batch', { items: Array(101).fill(item) }), 422);
    assert.deepEqual(over.errors!.map((e) => e.pointer), ['/items']);
    expectProblem(await post('/api/v1/evaluations/batch', { items: [] }), 422);
    expectProblem(await post('/api/v1/evaluations/batch', [item]), 422);
  });
});

describe('rule-data version and caching', () => {
  const version = `${catalog().version.hash}; last-verified=${catalog().version.lastVerified}`;

  it('names the rule-data version on every answer: pages, API results, problems', async () => {
    for (const res of [
      await request(app).get('/'),
      await request(app).get('/api/v1/jurisdictions'),
      await post('/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: {} }),
      await post('/api/v1/evaluations', '{'),
      await request(app).get('/no-such-page'),
    ]) {
      assert.equal(res.headers['x-rule-data-version'], version, res.request.url);
    }
    const body = (await post('/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: {} })).body;
    assert.deepEqual(body.ruleDataVersion, catalog().version);
    assert.match(body.ruleDataVersion.hash, /^[0-9a-f]{16}$/);
  });

  it('lets GET answers be cached, revalidated by ETag, and never caches a posted result', async () => {
    for (const path of ['/api/v1/jurisdictions', '/api/v1/jurisdictions/TX/nha', '/api/v1/openapi.json', '/jurisdictions', '/jurisdictions/TX/ala', '/coverage']) {
      const first = await request(app).get(path);
      assert.match(first.headers['cache-control'] ?? '', /^public, max-age=\d+$/, path);
      const etag = first.headers.etag!;
      assert.ok(etag.includes(catalog().version.hash), path);
      const again = await request(app).get(path).set('If-None-Match', etag);
      assert.equal(again.status, 304, path);
    }
    assert.equal((await post('/api/v1/comparisons', { license: 'nha', profile: {} })).headers['cache-control'], 'no-store');
  });
});

describe('limits on what a client can send', () => {
  it('refuses bodies nested too deep or with very long arrays, before any validation, with 422', async () => {
    const deep = (n: number) => '{"jurisdiction":"TX","license":"nha","profile":' + '{"a":'.repeat(n) + '1' + '}'.repeat(n) + '}';
    const tooDeep = expectProblem(await post('/api/v1/evaluations', deep(40)), 422);
    assert.match(tooDeep.detail, /nests deeper than 16 levels/);
    const longArray = expectProblem(await post('/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: { x: Array(5000).fill(0) } }), 422);
    assert.match(longArray.detail, /array longer than 1000/);
    // Deep enough to overflow a recursive walker: still a clean 4xx.
    const res = await post('/api/v1/evaluations', deep(60_000));
    assert.ok(res.status >= 400 && res.status < 500, String(res.status));
  });

  it('refuses __proto__, constructor and prototype keys anywhere in a profile', async () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const raw = `{"jurisdiction":"TX","license":"nha","profile":{"education":{"${key}":{"highestDegree":"doctorate"}}}}`;
      const body = expectProblem(await post('/api/v1/evaluations', raw), 422);
      assert.ok(body.errors!.some((e) => e.pointer.startsWith('/profile/education')), key);
    }
  });

  it('limits each client to the configured work a minute, answering 429 problem+json with Retry-After', async () => {
    const limited = createApp(catalog(), { rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) assert.equal((await request(limited).get('/api/v1/jurisdictions')).status, 200);
    const res = await request(limited).get('/api/v1/jurisdictions');
    const body = expectProblem(res, 429);
    assert.match(body.detail, /at most 3 evaluations a minute/);
    assert.ok(Number(res.headers['retry-after']) >= 1 && Number(res.headers['retry-after']) <= 60);
    assert.equal((await request(limited).get('/healthz')).status, 200, 'health checks are never limited');
    assert.equal((await request(limited).post('/check').type('form').send({ license: 'nha' })).status, 429, 'pages are limited too');
  });
});

describe('the rate limit counts work, not requests', () => {
  const item = { jurisdiction: 'TX', license: 'nha', profile: {} };
  const limitOf = (res: request.Response) => Object.fromEntries((res.headers.ratelimit ?? '').split(', ').map((kv: string) => kv.split('=')).map(([k, v]: string[]) => [k, Number(v)]));

  it('counts a batch by its items and says so in the RateLimit headers', async () => {
    const limited = createApp(catalog(), { rateLimitPerMinute: 100 });
    const first = await postTo(limited, '/api/v1/evaluations/batch', { items: Array(60).fill(item) });
    assert.equal(first.status, 200);
    assert.equal(first.headers['ratelimit-policy'], '100;w=60');
    assert.deepEqual({ ...limitOf(first), reset: undefined }, { limit: 100, remaining: 40, reset: undefined });
    const second = await postTo(limited, '/api/v1/evaluations/batch', { items: Array(60).fill(item) });
    const body = expectProblem(second, 429);
    assert.match(body.detail, /a batch counts each item/);
    assert.match(body.detail, /This request asks for 60/);
    assert.equal(limitOf(second).remaining, 0);
    // A refused request is counted too, so a client cannot probe the limit for free: the reset says when to return.
    expectProblem(await request(limited).get('/api/v1/jurisdictions'), 429);
    assert.ok(limitOf(second).reset >= 1 && limitOf(second).reset <= 60);
  });

  it('counts a comparison by the jurisdictions it evaluates, on the API and the form', async () => {
    const limited = createApp(catalog(), { rateLimitPerMinute: 50 });
    const named = await postTo(limited, '/api/v1/comparisons', { license: 'nha', profile: {}, jurisdictions: ['TX', 'FL', 'OH'] });
    assert.equal(named.status, 200);
    assert.equal(limitOf(named).remaining, 47);
    expectProblem(await postTo(limited, '/api/v1/comparisons', { license: 'nha', profile: {} }), 429);
    const form = createApp(catalog(), { rateLimitPerMinute: 60 });
    assert.equal((await request(form).post('/compare').type('form').send({ license: 'nha' })).status, 200);
    assert.equal(limitOf(await request(form).get('/')).remaining, 60 - catalog().jurisdictions.length - 1);
    assert.equal((await request(form).post('/compare').type('form').send({ license: 'nha' })).status, 429);
  });

  it('counts IPv6 clients by their /56 network, so that rotating addresses does not escape it', () => {
    assert.equal(clientKey('2001:db8:1:ff00::1'), clientKey('2001:db8:1:ff12:abcd::9'));
    assert.notEqual(clientKey('2001:db8:1:ff00::1'), clientKey('2001:db8:1:0100::1'));
    assert.equal(clientKey('::ffff:192.0.2.7'), '192.0.2.7');
    assert.notEqual(clientKey('192.0.2.7'), clientKey('192.0.2.8'));
  });
});

describe('readiness', () => {
  it('answers /healthz and /readyz, and keeps answering requests while /readyz says 503', async () => {
    const readiness = { ready: true };
    const gated = createApp(catalog(), { readiness });
    assert.equal((await request(gated).get('/readyz')).status, 200);
    readiness.ready = false;
    assert.equal((await request(gated).get('/readyz')).status, 503);
    assert.equal((await request(gated).get('/healthz')).status, 200, 'the process is still alive');
    assert.equal((await postTo(gated, '/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: {} })).status, 200, 'still taking requests');
  });
});

describe('request logs', () => {
  it('are JSON lines with a request id, method, path, status and time, and never any profile content', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(...String(chunk).trim().split('\n')), done()) });
    const logged = createApp(catalog(), { logger: createLogger('info', sink) });
    const profile = { age: 57, education: { highestDegree: 'master', field: 'gerontology', ltcCreditHours: 31.5 }, training: { aitHours: 4321 } };
    const ok = await postTo(logged, '/api/v1/evaluations', { jurisdiction: 'OR', license: 'nha', profile });
    const bad = await postTo(logged, '/api/v1/evaluations', { jurisdiction: 'OR', license: 'nha', profile: { secretField: 'Jane Q. Applicant' } });
    await request(logged).post('/check').type('form').send({ jurisdiction: 'OR', license: 'nha', 'training.aitHours': '4321', age: '57' });
    const page = await request(logged).get('/?example=new-graduate').set('X-Request-Id', 'client-chosen-id-1');
    await new Promise((r) => setImmediate(r));
    assert.ok(lines.length >= 4, lines.join('\n'));
    const entries = lines.map((l) => JSON.parse(l) as { req?: { id: string; method: string; path: string }; res?: { statusCode: number }; responseTime?: number });
    const requests = entries.filter((e) => e.req);
    assert.deepEqual(requests.map((e) => e.res?.statusCode), [200, 422, 200, 200]);
    assert.deepEqual(requests.map((e) => e.req!.id), [ok.headers['x-request-id'], bad.headers['x-request-id'], requests[2]!.req!.id, 'client-chosen-id-1']);
    assert.equal(page.headers['x-request-id'], 'client-chosen-id-1');
    assert.ok(requests.every((e) => typeof e.responseTime === 'number'));
    const all = lines.join('\n');
    for (const secret of ['4321', 'gerontology', 'Jane Q. Applicant', 'secretField', 'highestDegree', 'aitHours', 'new-graduate', '31.5']) {
      assert.ok(!all.includes(secret), `the log holds "${secret}"`);
    }
  });

  it('write a warning out at once, and flushing leaves no listeners behind on the log stream', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ltc-log-')), 'log');
    // The batched, asynchronous stream the server writes standard output through, here to a file; it has no
    // timer of its own, so only the warning's flush can write a line that is far short of a batch.
    const out = pino.destination({ dest: file, sync: false, minLength: 4096, mkdir: true });
    await new Promise((r) => out.once('ready', r));
    const logger = createLogger('info', out);
    const before = [out.listenerCount('drain'), out.listenerCount('error')];
    logger.warn('a worker stopped');
    for (let waited = 0; fs.readFileSync(file, 'utf8') === '' && waited < 1000; waited += 10) await new Promise((r) => setTimeout(r, 10));
    assert.match(fs.readFileSync(file, 'utf8'), /a worker stopped/);
    // Back to back, as under load: each warning flushes while the last write is still going.
    for (let i = 0; i < 50; i++) logger.warn({ n: i }, 'slow client');
    assert.deepEqual([out.listenerCount('drain'), out.listenerCount('error')], before);
    await new Promise((r) => {
      out.once('close', r);
      out.end();
    });
    assert.equal(fs.readFileSync(file, 'utf8').trim().split('\n').length, 51);
  });
});

describe('small things a client can send', () => {
  it('answers a page address with a malformed percent-escape with a 400 page that says so', async () => {
    const res = await request(app).get('/jurisdictions/%E0%A4%A/nha');
    assert.equal(res.status, 400);
    assert.match(res.text, /malformed percent-escape/);
    assert.doesNotMatch(res.text, /JSON/);
  });

  it('answers form data with a malformed percent-escape with a 400 page that says so', async () => {
    for (const path of ['/check', '/compare', '/renewal']) {
      const res = await request(app).post(path).type('form').send('jurisdiction=%E0%A4%A&license=nha');
      assert.equal(res.status, 400, path);
      assert.match(res.text, /form data has a malformed percent-escape/);
    }
  });

  it('serves only the files the API reference page uses from swagger-ui-dist', async () => {
    for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js']) assert.equal((await request(app).get(`/api/docs/assets/${file}`)).status, 200, file);
    for (const file of ['package.json', 'README.md', 'index.html', 'swagger-ui.js', 'absolute-path.js', 'oauth2-redirect.html']) {
      expectProblem(await request(app).get(`/api/docs/assets/${file}`), 404);
    }
  });
});
