import fs from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { projectRoot } from '../projectRoot';

/** rules/schema/ is the single source of truth for what a profile, a request and a rule file may hold. */
export const schemaDir = path.join(projectRoot, 'rules', 'schema');
const BASE = 'https://ltc-licensure-checker.example/schema/';

function readSchemas(): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const file of fs.readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json')).sort()) {
    out[file] = JSON.parse(fs.readFileSync(path.join(schemaDir, file), 'utf8')) as Record<string, unknown>;
  }
  return out;
}

export const schemas = readSchemas();

// The schemas themselves are checked against the JSON Schema meta-schema by the tests (test/schemas.test.ts);
// doing it again at every start-up cost 60 ms of a 500 ms cold start.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, validateSchema: false });
addFormats(ajv);
// Display hints read by the form and the checklist wording; ajv only needs to know they are not typos.
ajv.addVocabulary(['x-unit', 'x-labels', 'x-item']);
for (const schema of Object.values(schemas)) ajv.addSchema(schema);

function compiled(file: string, pointer = ''): ValidateFunction {
  const validate = ajv.getSchema(`${BASE}${file}${pointer ? `#${pointer}` : ''}`);
  if (!validate) throw new Error(`Schema ${file}${pointer} not found in ${schemaDir}`);
  return validate;
}

/** Each validator is compiled on first use: the server never needs the golden-case one, for instance. */
function lazily<T extends Record<string, () => ValidateFunction>>(builders: T): { [K in keyof T]: ValidateFunction } {
  const out = {} as { [K in keyof T]: ValidateFunction };
  for (const [name, build] of Object.entries(builders)) {
    let fn: ValidateFunction | undefined;
    Object.defineProperty(out, name, { enumerable: true, get: () => (fn ??= build()) });
  }
  return out;
}

export const validators = lazily({
  profile: () => compiled('profile.schema.json'),
  jurisdictionFile: () => compiled('jurisdiction.schema.json'),
  namedCondition: () => compiled('condition.schema.json'),
  goldenCases: () => compiled('golden-cases.schema.json'),
  estimates: () => compiled('estimates.schema.json'),
  evaluationRequest: () => compiled('api.schema.json', '/$defs/evaluationRequest'),
  comparisonRequest: () => compiled('api.schema.json', '/$defs/comparisonRequest'),
  batchRequest: () => compiled('api.schema.json', '/$defs/batchRequest'),
});

/** Compiles a schema fragment (e.g. one profile field, an operator's value) against the loaded schemas. */
export function compileFragment(schema: object): ValidateFunction {
  return ajv.compile(schema);
}

export interface Problem {
  /** JSON pointer into the checked document. */
  pointer: string;
  message: string;
}

/** ajv's errors as one plain-language problem each, pointed at the offending value. */
export function toProblems(errors: ErrorObject[] | null | undefined): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const e of errors ?? []) {
    let pointer = e.instancePath;
    let message = e.message ?? 'is invalid';
    const params = e.params as Record<string, unknown>;
    switch (e.keyword) {
      case 'additionalProperties':
        pointer += `/${String(params.additionalProperty)}`;
        message = 'is not a known field';
        break;
      case 'required':
        pointer += `/${String(params.missingProperty)}`;
        message = 'is required';
        break;
      case 'enum': {
        const allowed = params.allowedValues as unknown[];
        message =
          allowed.length > 12
            ? `${JSON.stringify(e.data)} is not one of the ${allowed.length} allowed values`
            : `must be one of: ${allowed.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      }
      case 'type':
        message = params.type === 'integer' ? 'must be a whole number' : `must be ${params.type === 'array' || params.type === 'object' ? 'an' : 'a'} ${String(params.type)}`;
        break;
      case 'minimum':
        message = `must be at least ${String(params.limit)}`;
        break;
      case 'maximum':
        message = `must be at most ${String(params.limit)}`;
        break;
      case 'const':
        message = `must be ${JSON.stringify(params.allowedValue)}`;
        break;
      case 'propertyNames':
        pointer += `/${String(params.propertyName)}`;
        message = 'is not a jurisdiction code (use the two-letter USPS code in upper case, or DC)';
        break;
      case 'if':
      case 'anyOf':
      case 'oneOf':
        continue; // the branch errors beside it say what is wrong
      default:
        break;
    }
    const key = `${pointer} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ pointer: pointer || '/', message });
  }
  return problems;
}
