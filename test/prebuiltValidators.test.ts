import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { createCompiler } from '../src/data/schemaCompiler';
import { loadRuleSets } from '../src/data/loadRuleSets';
import { CHECKED_FILE, checkedAtBuild, loadPrebuilt, PREBUILT_FILES, schemas, toProblems, validators, type PrebuiltValidators, type ValidatorName } from '../src/data/schemas';
import { writePrebuiltValidators } from '../src/data/writePrebuiltValidators';
import { personas } from '../src/profile/personas';
import { projectRoot } from '../src/projectRoot';

/**
 * The built app loads validators written at build time (ajv's standalone code) instead of compiling the
 * schemas; the tests run from src/, where they are compiled. Both must find the same problems, and the
 * written ones must never be used for schema files other than those they were written from.
 */

const made: string[] = [];
/** A folder the written module can be loaded from: it requires ajv's runtime parts from node_modules. */
function buildDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltc-prebuilt-'));
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  made.push(dir);
  return dir;
}

const read = (...parts: string[]) => JSON.parse(fs.readFileSync(path.join(projectRoot, ...parts), 'utf8'));
const example = () => read('test', 'fixtures', 'example-jurisdiction.json');
const profile = personas[0]!.profile;

/** Valid and broken documents for each validator: every kind of problem the rule data and requests can have. */
const documents: Record<ValidatorName, unknown[]> = {
  jurisdictionFile: [
    example(),
    read('states', 'TX.json'),
    { ...example(), citation: 'x' },
    { ...example(), jurisdiction: 'XX', name: 7 },
    (() => {
      const x = example();
      x.ruleSets.nha.lastVerified = '2025-13-45';
      x.ruleSets.nha.sources[0].url = 'not a url';
      delete x.ruleSets.nha.pathways;
      x.ruleSets.nha.requirements[0].category = 'nonsense';
      return x;
    })(),
  ],
  namedCondition: [...fs.readdirSync(path.join(projectRoot, 'rules', 'conditions')).map((f) => read('rules', 'conditions', f)), { name: 'x', conditions: { all: [{ fact: 'nope' }] } }],
  estimates: [read('rules', 'estimates.json'), { assumptions: { x: {} } }],
  ceRecord: [
    { license: { jurisdiction: 'TN', type: 'nha', issued: '2015-03-01', roles: ['preceptor'] }, courses: [{ title: 'Ethics', hours: 2, completed: '2026-02-01', topics: ['ethics'], delivery: 'in-person', approval: 'ncers' }], asOf: '2026-06-01' },
    { license: { jurisdiction: 'tn', type: 'doctor' }, courses: [{ hours: -1, completed: '2026-02-30', delivery: 'radio' }], extra: 1 },
  ],
  goldenCases: [read('test', 'golden', 'TX.json'), { cases: [{ profile: { nope: 1 } }] }],
  profile: [...personas.map((p) => p.profile), { education: { highestDegree: 'phd', ltcCreditHours: -1 }, extra: true }, { credentials: { licenses: [{ type: 'doctor' }] } }, []],
  evaluationRequest: [{ jurisdiction: 'TX', license: 'nha', profile }, { jurisdiction: 'tx', license: 'nha' }, { jurisdiction: 'tx', license: 'doctor', profile: { training: { aitHours: 'many' }, nope: 1 } }, null],
  comparisonRequest: [{ license: 'ala', profile }, { license: 'ala', profile: { exams: { nabCore: 'yes' } }, jurisdictions: ['TX', 'ZZ', 'TX'] }],
  batchRequest: [{ items: [{ jurisdiction: 'TX', license: 'nha', profile }] }, { items: [] }, { items: [{ license: 'nha', profile: { nope: 1 } }, 'x'] }],
  renewalBatchRequest: [{ items: [{ license: { jurisdiction: 'TN', type: 'nha' } }] }, { items: [] }, { items: ['x'], extra: 1 }],
};

const verdict = (validate: ValidateFunction, doc: unknown) => (validate(doc) ? 'valid' : toProblems(validate.errors));

describe('validators written at build time', function () {
  this.timeout(60_000);
  let written: PrebuiltValidators;
  let dir: string;

  before(() => {
    dir = buildDir();
    writePrebuiltValidators(dir);
    const [requests, ruleData] = [loadPrebuilt(dir, 'requests'), loadPrebuilt(dir, 'ruleData')];
    assert.ok(requests && ruleData, 'the modules just written are used');
    written = { ...requests, ...ruleData };
  });
  after(() => made.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  for (const name of Object.keys(documents) as ValidatorName[]) {
    it(`${name}: the same verdict and problems as compiled at run time`, () => {
      const docs = documents[name];
      assert.ok(docs.some((d) => validators[name](d)) && docs.some((d) => !validators[name](d)), 'both valid and invalid documents are tried');
      for (const doc of docs) assert.deepEqual(verdict(written[name]!, doc), verdict(validators[name], doc));
    });
  }

  it('holds the schema fragments the rule data is checked with, each checking as compiled at run time', () => {
    const texts = Object.keys(written.fragments!);
    assert.ok(texts.length > 5, `${texts.length} fragments`);
    const ajv = createCompiler(schemas);
    const values = ['bachelor', 'TX', 3, true, ['TX', 'FL'], ['master', 'doctor'], { types: ['nha'], minYears: 2 }, { types: ['doctor'] }, {}];
    for (const text of texts) {
      const compiled = ajv.compile(JSON.parse(text) as object);
      for (const value of values) assert.deepEqual(verdict(written.fragments![text]!, value), verdict(compiled, value), `${text} on ${JSON.stringify(value)}`);
    }
  });

  it('stamps the rule data it checked whole, for these schema files only', () => {
    assert.equal(checkedAtBuild(dir), loadRuleSets({ alreadyChecked: false }).contentHash);
    const stamp = JSON.parse(fs.readFileSync(path.join(dir, CHECKED_FILE), 'utf8'));
    const other = buildDir();
    fs.writeFileSync(path.join(other, CHECKED_FILE), JSON.stringify({ ...stamp, schemaHash: 'written-from-other-schemas' }));
    assert.equal(checkedAtBuild(other), undefined);
  });

  for (const part of Object.keys(PREBUILT_FILES) as (keyof typeof PREBUILT_FILES)[]) {
    it(`${part}: is not used once a schema file differs from those it was written from`, () => {
      const file = path.join(dir, PREBUILT_FILES[part]);
      const code = fs.readFileSync(file, 'utf8').replace(/exports\.schemaHash = "[0-9a-f]+"/, 'exports.schemaHash = "written-from-other-schemas"');
      const other = buildDir();
      fs.writeFileSync(path.join(other, PREBUILT_FILES[part]), code);
      assert.equal(loadPrebuilt(other, part), undefined);
    });
  }
});
