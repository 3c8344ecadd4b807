import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { coverageGaps, loadGoldenFiles, runGoldenCase } from '../tools/golden/goldenCases';
import { renewalCoverageGaps, runRenewalCase } from '../tools/golden/renewalCases';
import { projectRoot } from '../src/projectRoot';
import { LICENSE_TYPES } from '../src/data/ruleSetTypes';
import { catalog } from './support/catalog';

/**
 * The shared golden-case tester: every file in test/golden/ is a table of real profiles with the outcome
 * that jurisdiction's rules give them (see rules/schema/golden-cases.schema.json).
 */
const files = loadGoldenFiles();

describe('golden cases', () => {
  it('cover every loaded jurisdiction and license that sets requirements, each with an empty profile', () => {
    assert.deepEqual(coverageGaps(catalog(), files), []);
  });

  it('cover every rule set with renewal rules: compliant, short on total and on a topic, over a cap, first renewal or variation', () => {
    assert.deepEqual(renewalCoverageGaps(catalog(), files), []);
  });

  for (const file of files) {
    describe(`${file.jurisdiction} (${file.file})`, () => {
      for (const c of file.cases) {
        it(`${c.license}: ${c.name}`, async () => {
          assert.deepEqual(await runGoldenCase(catalog(), file.jurisdiction, c), []);
        });
      }
      for (const c of file.renewalCases ?? []) {
        it(`${c.record.license.type} renewal: ${c.name}`, async () => {
          assert.deepEqual(await runRenewalCase(catalog(), file.jurisdiction, c), []);
        });
      }
    });
  }
});

/** `npm run validate -- [codes]`, run from `root` (a copy of the repository, or the repository itself). */
function validate(args: string[], root = projectRoot) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'tools', 'validate.ts'), ...args], { cwd: projectRoot, encoding: 'utf8', timeout: 60000 });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

/** A copy of the code, the schemas and one jurisdiction's rule data and golden cases, for the tool to find at fault. */
function copyWith(code: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ltc-validate-'));
  for (const part of ['package.json', 'src', 'tools', 'rules', `states/${code}.json`, `test/golden/${code}.json`]) {
    fs.cpSync(path.join(projectRoot, part), path.join(root, part), { recursive: true });
  }
  fs.symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

const edit = (file: string, change: (data: any) => void) => {
  const data = JSON.parse(fs.readFileSync(file, 'utf8'));
  change(data);
  fs.writeFileSync(file, JSON.stringify(data));
};

describe('npm run validate (tools/validate.ts)', function () {
  this.timeout(120000);

  it('validates all rule data and runs every golden case, exit 0', () => {
    const r = validate([]);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, new RegExp(`Rule data: ${catalog().jurisdictions.length} jurisdictions, ${catalog().jurisdictions.length * LICENSE_TYPES.length} rule sets valid`));
    const cases = files.reduce((n, f) => n + f.cases.length + (f.renewalCases?.length ?? 0), 0);
    assert.match(r.out, new RegExp(`Golden cases: ${cases} passed, 0 failed`));
  });

  it('checks only the jurisdictions named, so one file can be checked while others are edited', () => {
    const r = validate(['tx', 'FL']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Rule data: 2 jurisdictions, 4 rule sets valid/);
  });

  it('names each case that fails and how, exit 1; names every rule-data problem, exit 2', () => {
    const root = copyWith('FL');
    let expected = '';
    edit(path.join(root, 'test/golden/FL.json'), (golden) => {
      const c = golden.cases[0];
      expected = c.expect.outcome === 'eligible' ? 'not-eligible' : 'eligible';
      c.expect = { outcome: expected };
    });
    const failing = validate(['FL'], root);
    assert.equal(failing.code, 1, failing.out + failing.err);
    const first = files.find((f) => f.jurisdiction === 'FL')!.cases[0]!;
    assert.ok(failing.out.includes(`FAIL test/golden/FL.json — ${first.license} — ${first.name}:\n    outcome is ${first.expect.outcome}, expected ${expected}`), failing.out);
    assert.match(failing.out, /Golden cases: \d+ passed, 1 failed/);

    edit(path.join(root, 'states/FL.json'), (rules) => {
      rules.ruleSets.nha.requirements[0].title = 5;
    });
    const invalid = validate(['FL'], root);
    assert.equal(invalid.code, 2, invalid.out + invalid.err);
    assert.match(invalid.err, /states\/FL\.json#\/ruleSets\/nha\/requirements\/0\/title: must be a string/);
    fs.rmSync(root, { recursive: true, force: true });
  });
});
