import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { personas } from '../src/profile/personas';
import { catalog } from './support/catalog';

/**
 * The OpenAPI document is checked by a maintained validator of the OpenAPI 3.1 schema, and the API's real
 * answers are checked against the document's own component schemas: the description cannot drift from
 * what the server does.
 */
const app = createApp(catalog());
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

  it('matches the real answers of every route, errors included', async () => {
    const check = await documentValidator();
    check('JurisdictionList', (await request(app).get('/api/v1/jurisdictions')).body);
    for (const j of catalog().jurisdictions) {
      for (const license of ['nha', 'ala']) check('RuleSetDescription', (await request(app).get(`/api/v1/jurisdictions/${j.code}/${license}`)).body);
    }
    for (const p of personas) {
      check('Evaluation', (await post('/api/v1/evaluations', { jurisdiction: 'VA', license: 'nha', profile: p.profile })).body);
      check('Comparison', (await post('/api/v1/comparisons', { license: 'ala', profile: p.profile })).body);
    }
    const batch = await post('/api/v1/evaluations/batch', { items: [{ jurisdiction: 'TX', license: 'nha', profile: {} }, { jurisdiction: 'ZZ', license: 'nha', profile: {} }] });
    check('Batch', batch.body);
    check('Problem', (await post('/api/v1/evaluations', { jurisdiction: 'TX', license: 'nha', profile: { age: -1 } })).body);
    check('Problem', (await request(app).get('/api/v1/jurisdictions/ZZ/nha')).body);
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
