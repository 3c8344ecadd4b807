import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type Ajv2020 from 'ajv/dist/2020';
import { projectRoot } from '../projectRoot';

/** rules/schema/ is the single source of truth for what a profile, a request and a rule file may hold. */
export const schemaDir = path.join(projectRoot, 'rules', 'schema');
const BASE = 'https://ltc-licensure-checker.example/schema/';

function readSchemaTexts(): [string, string][] {
  return fs
    .readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((file) => [file, fs.readFileSync(path.join(schemaDir, file), 'utf8')]);
}

const texts = readSchemaTexts();
export const schemas: Record<string, Record<string, unknown>> = Object.fromEntries(texts.map(([file, text]) => [file, JSON.parse(text)]));

/** What the schema files hold, as read now: validators written at build time are used only for the same. */
export const schemaHash = texts.reduce((h, [file, text]) => h.update(file).update('\0').update(text).update('\0'), createHash('sha256')).digest('hex');

/** Each validator the app uses, by the schema it checks against (a file, or a definition in one). */
export const VALIDATED_SCHEMAS = {
  profile: 'profile.schema.json',
  jurisdictionFile: 'jurisdiction.schema.json',
  namedCondition: 'condition.schema.json',
  goldenCases: 'golden-cases.schema.json',
  estimates: 'estimates.schema.json',
  ceRecord: 'ce-record.schema.json',
  evaluationRequest: 'api.schema.json#/$defs/evaluationRequest',
  comparisonRequest: 'api.schema.json#/$defs/comparisonRequest',
  batchRequest: 'api.schema.json#/$defs/batchRequest',
  renewalBatchRequest: 'api.schema.json#/$defs/renewalBatchRequest',
} as const;
export type ValidatorName = keyof typeof VALIDATED_SCHEMAS;
export const schemaId = (name: ValidatorName) => `${BASE}${VALIDATED_SCHEMAS[name]}`;

/**
 * The modules `npm run build` writes beside this one in dist/ (writePrebuiltValidators.ts), never in src/:
 * the validators of requests, which every server loads, and those of rule data with the schema fragments
 * its cross-checks ask for, loaded only when rule data is checked (four times the size).
 */
export const PREBUILT_FILES = { requests: 'prebuiltRequestValidators.js', ruleData: 'prebuiltRuleDataValidators.js' } as const;
export type PrebuiltPart = keyof typeof PREBUILT_FILES;
const RULE_DATA_VALIDATORS: readonly ValidatorName[] = ['jurisdictionFile', 'namedCondition', 'estimates', 'goldenCases'];
export const partOf = (name: ValidatorName): PrebuiltPart => (RULE_DATA_VALIDATORS.includes(name) ? 'ruleData' : 'requests');

export type PrebuiltValidators = Partial<Record<ValidatorName, ValidateFunction>> & {
  schemaHash: string;
  /** Schema fragments the rule data needed at build time, by their JSON text (in the rule-data part). */
  fragments?: Record<string, ValidateFunction>;
};

/**
 * A part of the validators written at build time, when `dir` (dist/) has it and it was written from
 * exactly the schema files read now: a schema edited since the build is compiled afresh, never checked
 * with old code.
 */
export function loadPrebuilt(dir: string, part: PrebuiltPart): PrebuiltValidators | undefined {
  const file = path.join(dir, PREBUILT_FILES[part]);
  if (!fs.existsSync(file)) return undefined;
  const loaded = require(file) as PrebuiltValidators;
  return loaded.schemaHash === schemaHash ? loaded : undefined;
}

/**
 * Where the build writes the validators and its stamp: dist/data (writePrebuiltValidators). Only built code
 * reads them, found by the project's folder rather than its own, since the bundles `npm start` and the CLI
 * run (dist/bundle/) hold this module too. Code run from src/ (tsx, the tests) compiles the schemas as read.
 */
const builtDir = path.join(projectRoot, 'dist');
const builtDataDir = __dirname.startsWith(builtDir + path.sep) ? path.join(builtDir, 'data') : undefined;

/** What the build writes beside the validators once the repository's rule data passed every check with them. */
export const CHECKED_FILE = 'checkedRuleData.json';
export interface CheckedStamp {
  schemaHash: string;
  /** The catalog's contentHash. */
  ruleData: string;
}

/**
 * The contentHash of the rule data the build checked whole against these very schema files, if any: none in
 * src/, nor once a schema is edited after the build.
 */
export function checkedAtBuild(dir = builtDataDir): string | undefined {
  if (dir === undefined) return undefined;
  const file = path.join(dir, CHECKED_FILE);
  if (!fs.existsSync(file)) return undefined;
  const stamp = JSON.parse(fs.readFileSync(file, 'utf8')) as CheckedStamp;
  return stamp.schemaHash === schemaHash ? stamp.ruleData : undefined;
}

const prebuiltHere = new Map<PrebuiltPart, PrebuiltValidators | undefined>();
function prebuilt(part: PrebuiltPart): PrebuiltValidators | undefined {
  if (!prebuiltHere.has(part)) prebuiltHere.set(part, builtDataDir === undefined ? undefined : loadPrebuilt(builtDataDir, part));
  return prebuiltHere.get(part);
}

let compiler: Ajv2020 | undefined;
/** ajv itself, loaded only when something must be compiled in this process. */
function runtimeCompiler(): Ajv2020 {
  const { createCompiler } = require('./schemaCompiler') as typeof import('./schemaCompiler');
  return (compiler ??= createCompiler(schemas));
}

function validatorFor(name: ValidatorName): ValidateFunction {
  const validate = prebuilt(partOf(name))?.[name] ?? runtimeCompiler().getSchema(schemaId(name));
  if (!validate) throw new Error(`Schema ${VALIDATED_SCHEMAS[name]} not found in ${schemaDir}`);
  return validate;
}

/** Each validator is loaded on first use: the server never needs the golden-case one, for instance. */
export const validators = {} as Record<ValidatorName, ValidateFunction>;
for (const name of Object.keys(VALIDATED_SCHEMAS) as ValidatorName[]) {
  let fn: ValidateFunction | undefined;
  Object.defineProperty(validators, name, { enumerable: true, get: () => (fn ??= validatorFor(name)) });
}

const fragments = new Map<string, ValidateFunction>();

/** A validator for a schema fragment (one profile field, an operator's value) against the loaded schemas. */
export function compileFragment(schema: object): ValidateFunction {
  const text = JSON.stringify(schema);
  let validate = fragments.get(text);
  if (!validate) fragments.set(text, (validate = prebuilt('ruleData')?.fragments?.[text] ?? runtimeCompiler().compile(schema)));
  return validate;
}

/** The JSON text of every fragment asked for in this process: what the build writes out for the rule data. */
export const fragmentsAskedFor = (): string[] => [...fragments.keys()];

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
