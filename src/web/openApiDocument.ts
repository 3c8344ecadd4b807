import type { Catalog } from '../data/loadRuleSets';
import { schemas } from '../data/schemas';
import { atPointer, splitRef } from '../data/schemaRefs';
import { LICENSE_TYPES } from '../data/ruleSetTypes';
import { personas } from '../profile/personas';
import { ceRecordExamples } from '../renewal/ceRecordExamples';
import { API_BODY_LIMIT, BATCH_BODY_LIMIT, BATCH_MAX_ITEMS } from './apiRoutes';
import { GET_MAX_AGE_SECONDS } from './cacheWithRuleData';
import { JSON_LIMITS } from './jsonLimits';

/**
 * The OpenAPI 3.1 description of the API, built from the very JSON Schemas ajv enforces (rules/schema/):
 * the profile and request bodies, and the response schemas the tests check real answers against. One
 * source of truth: a field added to a schema shows up here without anyone editing this file.
 */

type Json = Record<string, unknown>;

/** Which schema file becomes which component; the others are inlined where referenced. */
const WHOLE_FILES: Record<string, string> = { 'profile.schema.json': 'Profile', 'ce-record.schema.json': 'CeRecord' };
const DEFS_FILES = ['api.schema.json', 'responses.schema.json'];
const componentName = (def: string) => def.charAt(0).toUpperCase() + def.slice(1);
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Rewrites a schema's $refs to components, inlining fragments of files that are not components. */
function bundle(node: unknown, file: string): unknown {
  if (Array.isArray(node)) return node.map((x) => bundle(x, file));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (key === '$id' || key === '$schema') continue;
    if (key === '$ref' && typeof value === 'string') {
      const { file: target, pointer } = splitRef(value);
      const targetFile = target || file;
      if (WHOLE_FILES[targetFile]) {
        out.$ref = `#/components/schemas/${WHOLE_FILES[targetFile]}${pointer}`;
      } else if (DEFS_FILES.includes(targetFile) && /^\/\$defs\/[^/]+$/.test(pointer)) {
        out.$ref = `#/components/schemas/${componentName(pointer.split('/')[2]!)}`;
      } else {
        Object.assign(out, bundle(atPointer(schemas[targetFile], pointer), targetFile));
      }
      continue;
    }
    out[key] = bundle(value, file);
  }
  return out;
}

function components(): Json {
  const out: Json = {};
  for (const [file, name] of Object.entries(WHOLE_FILES)) out[name] = bundle(schemas[file], file);
  for (const file of DEFS_FILES) {
    for (const [def, schema] of Object.entries((schemas[file]!.$defs ?? {}) as Json)) out[componentName(def)] = bundle(schema, file);
  }
  return out;
}

const VERSION_HEADER = {
  'X-Rule-Data-Version': {
    description: 'The rule data the answer came from: a content hash of every loaded rule file, then "; last-verified=" and the newest last-verified date.',
    schema: { type: 'string' },
  },
  'X-Request-Id': { description: 'The request id, as logged (the caller\'s own X-Request-Id when it is a plain token).', schema: { type: 'string' } },
};
const json = (schema: Json, example?: unknown) => ({ 'application/json': { schema, ...(example !== undefined && { example }) } });
const problemResponse = (description: string) => ({ description, headers: VERSION_HEADER, content: { 'application/problem+json': { schema: ref('Problem') } } });
const ok = (description: string, schema: Json, headers: Json = {}) => ({ description, headers: { ...VERSION_HEADER, ...headers }, content: json(schema) });
const cachedHeaders = {
  ETag: { description: 'Changes when the rule data (or the date, which sets the stale flags) changes.', schema: { type: 'string' } },
  'Cache-Control': { description: `public, max-age=${GET_MAX_AGE_SECONDS}`, schema: { type: 'string' } },
};
const ERRORS = {
  '400': problemResponse('The body is not valid JSON (the detail says at which line and column it breaks, where the parser reports it), or the address holds a malformed percent-escape.'),
  '413': problemResponse('The body is larger than the route accepts.'),
  '415': problemResponse('The body is not sent as application/json, or not in UTF-8.'),
  '422': problemResponse(
    `The body is JSON but not an object, breaks the schema (one entry per problem, with its JSON pointer), or its shape breaks the limits: nesting deeper than ${JSON_LIMITS.maxDepth}, an array longer than ${JSON_LIMITS.maxArrayLength}, more than ${JSON_LIMITS.maxKeys} values.`,
  ),
  '429': {
    ...problemResponse('Too much work asked by this client this minute; Retry-After says when to try again.'),
    headers: {
      ...VERSION_HEADER,
      'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
      'RateLimit-Policy': { description: 'Evaluations allowed per window, and the window in seconds: "600;w=60".', schema: { type: 'string' } },
      RateLimit: { description: 'Where this client stands (sent on every limited answer): "limit=600, remaining=0, reset=42".', schema: { type: 'string' } },
    },
  },
};
const example = personas[0]!;

export function openApiDocument(catalog: Catalog, version: string): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'LTC Licensure Checker API',
      version,
      summary: 'Checks an applicant profile against US long-term-care administrator licensure rules, with cited sources.',
      description: [
        `Rule data for ${catalog.jurisdictions.length} jurisdictions (nursing home administrator \`nha\`, assisted living administrator \`ala\`), version ${catalog.version.hash}, last verified ${catalog.version.lastVerified}.`,
        'Every profile field is optional: an absent field means "not known yet", so requirements that depend on it are `unknown`, never `unmet`. Unknown fields are rejected.',
        `Bodies are limited to ${API_BODY_LIMIT} (${BATCH_BODY_LIMIT} for a batch); a larger body is answered 413. The rate limit counts work per client, in evaluations a minute: a request counts one, a batch one per item, a comparison one per jurisdiction it evaluates (429 with Retry-After; the RateLimit and RateLimit-Policy headers say where a client stands). Errors are RFC 9457 problem details.`,
        'A licensee\'s continuing-education record (`CeRecord`) is checked against the renewal rules of its license\'s rule set at `/api/v1/renewal-checks`: the outcome, the deadline and days left, per requirement the hours counted and still to go, and per course whether it counted and why.',
        'Not legal advice: confirm each requirement with the licensing agency.',
      ].join('\n\n'),
    },
    servers: [{ url: '/' }],
    paths: {
      '/api/v1/jurisdictions': {
        get: {
          operationId: 'listJurisdictions',
          summary: 'Every jurisdiction with, per license type, its title, credential, last-verified date and confidence',
          responses: { '200': ok('The jurisdictions.', ref('JurisdictionList'), cachedHeaders), '304': { description: 'Not modified (If-None-Match matched the ETag).' } },
        },
      },
      '/api/v1/jurisdictions/{code}/{license}': {
        get: {
          operationId: 'describeRuleSet',
          summary: 'One rule set in readable form: pathways, requirements with their sources, renewal, unverified facts',
          parameters: [
            { name: 'code', in: 'path', required: true, schema: { type: 'string', examples: ['TX'] }, description: 'USPS code or DC (case-insensitive).' },
            { name: 'license', in: 'path', required: true, schema: { enum: [...LICENSE_TYPES] } },
          ],
          responses: {
            '200': ok('The rule set.', ref('RuleSetDescription'), cachedHeaders),
            '304': { description: 'Not modified.' },
            '404': problemResponse('No such jurisdiction or license type.'),
          },
        },
      },
      '/api/v1/evaluations': {
        post: {
          operationId: 'evaluateProfile',
          summary: 'Evaluate one profile against one jurisdiction and license',
          requestBody: { required: true, content: json(ref('EvaluationRequest'), { jurisdiction: 'TX', license: 'nha', profile: example.profile }) },
          responses: { '200': ok('The checklist.', ref('Evaluation')), '404': problemResponse('No such jurisdiction or license type.'), ...ERRORS },
        },
      },
      '/api/v1/evaluations/batch': {
        post: {
          operationId: 'evaluateBatch',
          summary: `Evaluate up to ${BATCH_MAX_ITEMS} profiles; one evaluation or one problem per item, in order`,
          requestBody: {
            required: true,
            content: json(ref('BatchRequest'), { items: personas.slice(0, 2).map((p) => ({ jurisdiction: 'FL', license: 'nha', profile: p.profile })) }),
          },
          responses: { '200': ok('One entry per item.', ref('Batch')), ...ERRORS },
        },
      },
      '/api/v1/comparisons': {
        post: {
          operationId: 'compareJurisdictions',
          summary: 'Evaluate one profile for one license in many jurisdictions (all, by default)',
          requestBody: { required: true, content: json(ref('ComparisonRequest'), { license: 'nha', profile: example.profile, jurisdictions: ['TX', 'FL'] }) },
          responses: { '200': ok('One row per jurisdiction, in the order asked.', ref('Comparison')), '404': problemResponse('No such license type or jurisdiction.'), ...ERRORS },
        },
      },
      '/api/v1/renewal-checks': {
        post: {
          operationId: 'checkRenewal',
          summary: 'Check a CE record against the renewal rules of its license (jurisdiction and type)',
          description:
            'Answers compliant, not-yet-compliant, needs-information or no-ce-rules, with the renewal period and its deadline, each requirement (hours counted, needed and to go, with citations), each course (counted or not, and why), the rules in words, and the JSON pointers of what would settle what is unknown. A record the schema refuses, or that names a topic, role or confirmed item the rule set does not know, or a course completed after the day of the check, is answered 422 with one entry per problem and its pointer (`/courses/2/topics/0`).',
          requestBody: {
            required: true,
            content: {
              'application/json': {
                schema: ref('RenewalCheckRequest'),
                examples: Object.fromEntries(ceRecordExamples.map((x) => [x.id, { summary: x.summary, value: x.record }])),
              },
            },
          },
          responses: { '200': ok('The renewal check.', ref('RenewalResult')), ...ERRORS },
        },
      },
      '/api/v1/renewal-checks/batch': {
        post: {
          operationId: 'checkRenewalBatch',
          summary: `Check up to ${BATCH_MAX_ITEMS} CE records; one renewal check or one problem per item, in order`,
          requestBody: { required: true, content: json(ref('RenewalBatchRequest'), { items: ceRecordExamples.map((x) => x.record) }) },
          responses: { '200': ok('One entry per item.', ref('RenewalBatch')), ...ERRORS },
        },
      },
      '/api/v1/openapi.json': {
        get: { operationId: 'openApi', summary: 'This description', responses: { '200': { description: 'OpenAPI 3.1 document', content: { 'application/json': {} } } } },
      },
    },
    components: { schemas: components() },
  };
}
