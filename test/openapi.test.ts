import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { personas } from '../src/profile/personas';
import { catalog } from './support/catalog';
import { LICENSE_TYPES } from '../src/data/ruleSetTypes';
import { BATCH_MAX_ITEMS } from '../src/web/apiRoutes';

/**
 * The OpenAPI document is checked by a maintained validator of the OpenAPI 3.1 schema, and the API's real
 * answers are checked against the document's own component schemas: the description cannot drift from
 * what the server does.
 */
const app = createApp(catalog());
/**
 * One CE record for every rule set with renewal rules, naming what that rule set declares (a topic, a role,
 * an item to confirm): the first license type gives the period's end, the second leaves it to the cycle, so
 * answers with and without a known period are both checked.
 */
function renewalRecords() {
  return catalog().jurisdictions.flatMap((j) =>
    LICENSE_TYPES.flatMap((type, n) => {
      const ce = catalog().get(j.code, type)?.renewal?.ce;
      if (!ce) return [];
      const license = { jurisdiction: j.code, type, issued: '2019-05-01', ...(n === 0 && { periodEnds: '2027-04-30' }), roles: (ce.roles ?? []).slice(0, 1).map((r) => r.id) };
      const courses = [
        { title: 'Ethics and the law', hours: 6, completed: '2026-03-02', topics: [ce.topics?.[0]?.id ?? 'ethics', 'state-law'], delivery: 'in-person', approval: 'ncers' },
        { hours: 12, completed: '2026-09-14', delivery: 'self-study' },
        { hours: 3, completed: '2020-01-10', topics: ['ethics'], approval: 'board' },
      ];
      return [{ license, courses, confirmed: ce.requirements.filter((r) => r.attestable).map((r) => r.id), asOf: '2026-11-16' }];
    }),
  );
}

const post = (path: string, body: unknown) => request(app).post(path).set('Content-Type', 'application/json').send(JSON.stringify(body));

async function loadDocument() {
  const res = await request(app).get('/api/v1/openapi.json');
  assert.equal(res.status, 200);
  return res.body as { openapi: string; paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, object> } };
}

/** ajv over the document's components, so `#/components/schemas/X` resolves as the document says. */
async function documentValidator() {
  const doc = await loadDocument();
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: doc.components } as object);
  return (name: string, data: unknown) => {
    const validate = ajv.getSchema(`openapi.json#/components/schemas/${name}`)!;
    assert.ok(validate, `component ${name}`);
    assert.ok(validate(data), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3), null, 1)}`);
  };
}

describe('OpenAPI description', () => {
  it('is a valid OpenAPI 3.1 document (checked by @seriousme/openapi-schema-validator)', async () => {
    const { Validator } = await import('@seriousme/openapi-schema-validator');
    const doc = await loadDocument();
    assert.equal(doc.openapi, '3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<typeof validator.validate>[0]);
    assert.ok(result.valid, JSON.stringify(result.errors, null, 1));
    assert.doesNotThrow(() => validator.resolveRefs(), 'every $ref resolves');
  });

  it('describes every API route the server has, and the server has every route it describes', async () => {
    const doc = await loadDocument();
    assert.deepEqual(Object.keys(doc.paths).sort(), [
      '/api/v1/comparisons',
      '/api/v1/evaluations',
      '/api/v1/evaluations/batch',
      '/api/v1/jurisdictions',
      '/api/v1/jurisdictions/{code}/{license}',
      '/api/v1/openapi.json',
      '/api/v1/renewal-checks',
      '/api/v1/renewal-checks/batch',
    ]);
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const method of Object.keys(methods)) {
        const res = await request(app)[method as 'get' | 'post'](path.replace('{code}', 'TX').replace('{license}', 'nha')).set('Content-Type', 'application/json').send('{}');
        assert.notEqual(res.status, 404, `${method} ${path}`);
        assert.notEqual(res.status, 405, `${method} ${path}`);
      }
    }
  });

  it('builds its request schemas from the schemas ajv enforces (a profile field is there with its help text)', async () => {
    const doc = await loadDocument();
    const profile = doc.components.schemas.Profile as { properties: Record<string, { properties?: Record<string, { description?: string }> }> };
    assert.match(profile.properties.training!.properties!.aitHours!.description ?? '', /.+/);
    assert.ok(doc.components.schemas.EvaluationRequest);
  });

  it('matches the real answers of every route, errors included', async function () {
    this.timeout(60000);
    const check = await documentValidator();
    check('JurisdictionList', (await request(app).get('/api/v1/jurisdictions')).body);
    for (const j of catalog().jurisdictions) {
      for (const license of LICENSE_TYPES) check('RuleSetDescription', (await request(app).get(`/api/v1/jurisdictions/${j.code}/${license}`)).body);
    }
    // Every example profile in every rule set, through the batch route: each result is then an Evaluation.
    const items = catalog().jurisdictions.flatMap((j) => LICENSE_TYPES.flatMap((license) => personas.map((p) => ({ jurisdiction: j.code, license, profile: p.profile }))));
    for (let i = 0; i < items.length; i += BATCH_MAX_ITEMS) {
      const res = await post('/api/v1/evaluations/batch', { items: items.slice(i, i + BATCH_MAX_ITEMS) });
      check('Batch', res.body);
      assert.ok(res.body.results.every((r: { outcome?: string }) => r.outcome), 'every item is an evaluation');
    }
    check('Evaluation', (await post('/api/v1/evaluations', { jurisdiction: 'VA', license: 'nha', profile: personas[0]!.profile })).body);
    for (const license of LICENSE_TYPES) for (const p of personas) check('Comparison', (await post('/api/v1/comparisons', { license, profile: p.profile })).body);
    const records = renewalRecords();
    assert.equal(records.length, catalog().jurisdictions.length * LICENSE_TYPES.length, 'every rule set has renewal rules');
    for (let i = 0; i < records.length; i += BATCH_MAX_ITEMS) {
      const res = await post('/api/v1/renewal-checks/batch', { items: records.slice(i, i + BATCH_MAX_ITEMS) });
      check('RenewalBatch', res.body);
      assert.ok(res.body.results.every((r: { outcome?: string }) => r.outcome), 'every record is checked');
    }
    check('RenewalResult', (await post('/api/v1/renewal-checks', records[0])).body);
    const renewalBatch = await post('/api/v1/renewal-checks/batch', { items: [records[0], { license: { jurisdiction: 'TN', type: 'nha', roles: ['pilot'] } }] });
    check('RenewalBatch', renewalBatch.body);
    check('Problem', renewalBatch.body.results[1]);
    const batch = await post('/api/v1/evaluations/batch', { items: [{ jurisdiction: 'TX', license: 'nha', profile: {} }, { jurisdiction: 'ZZ', license: 'nha', profile: {} }] });
    check('Batch', batch.body);
    check('Problem', batch.body.results[1]);
    const problems = [
      await request(app).post('/api/v1/evaluations').set('Content-Type', 'application/json').send('{"jurisdiction":'),
      await post('/api/v1/evaluations', ['not', 'an', 'object']),
      await post('/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: { age: -1, training: { aitHour: 5 } } }),
      await request(app).get('/api/v1/jurisdictions/ZZ/nha'),
      await post('/api/v1/comparisons', { license: 'dentist', profile: {} }),
      await request(app).post('/api/v1/evaluations').set('Content-Type', 'text/plain').send('{}'),
      await post('/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: {}, padding: 'x'.repeat(70_000) }),
      await request(app).delete('/api/v1/evaluations'),
      await request(app).get('/api/v1/nowhere'),
      await post('/api/v1/renewal-checks', { license: { jurisdiction: 'TN', type: 'nha' }, courses: [{ hours: 0, completed: '2026-13-01' }] }),
      await post('/api/v1/renewal-checks/batch', { items: [] }),
      await request(app).get('/api/v1/renewal-checks'),
    ];
    assert.deepEqual(problems.map((r) => r.status), [400, 422, 422, 404, 404, 415, 413, 405, 404, 422, 422, 405]);
    for (const res of problems) {
      assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
      check('Problem', JSON.parse(res.text));
    }
  });

  it('gives request examples each route accepts', async () => {
    const doc = await loadDocument();
    type Media = { example?: unknown; examples?: Record<string, { value: unknown }> };
    let tried = 0;
    for (const [path, methods] of Object.entries(doc.paths)) {
      const media = (methods as { post?: { requestBody?: { content: Record<string, Media> } } }).post?.requestBody?.content['application/json'];
      if (!media) continue;
      const bodies = [...(media.example === undefined ? [] : [media.example]), ...Object.values(media.examples ?? {}).map((x) => x.value)];
      assert.ok(bodies.length > 0, `${path} has an example`);
      for (const body of bodies) {
        const res = await post(path, body);
        assert.equal(res.status, 200, `${path}: ${res.text.slice(0, 300)}`);
        tried++;
      }
    }
    assert.ok(tried >= 7, `${tried} examples`);
  });
});

describe('API reference page', () => {
  it('serves Swagger UI from this server (no CDN), allowing only same-origin scripts on that page', async () => {
    const res = await request(app).get('/api/docs');
    assert.equal(res.status, 200);
    const scripts = [...res.text.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(scripts, ['/api/docs/assets/swagger-ui-bundle.js', '/static/api-docs.js']);
    assert.doesNotMatch(res.text, /<script>|https?:\/\/[^"]*\.js/);
    assert.match(res.headers['content-security-policy'] ?? '', /script-src 'self'/);
    for (const src of scripts) assert.equal((await request(app).get(src)).status, 200, src);
    assert.match((await request(app).get('/')).headers['content-security-policy'] ?? '', /script-src 'none'/);
  });
});
