import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/projectRoot';
import type { NamedCondition, Status } from '../src/data/ruleSetTypes';
import { validators } from '../src/data/schemas';
import { probeCondition } from './support/probeCondition';

/**
 * One shared tester for the named conditions in rules/conditions/: each has a table in
 * test/conditions/<name>.json of profiles that meet it, miss it and leave it unknown, each with the detail a
 * person reads, run through the real pipeline as the operators' tables are.
 */
const conditionDir = path.join(projectRoot, 'rules', 'conditions');
const names = fs.readdirSync(conditionDir).filter((f) => f.endsWith('.json')).map((f) => path.basename(f, '.json')).sort();

describe('shared named conditions', () => {
  for (const name of names) {
    describe(name, () => {
      const condition = JSON.parse(fs.readFileSync(path.join(conditionDir, `${name}.json`), 'utf8')) as NamedCondition;
      const tableFile = path.join(__dirname, 'conditions', `${name}.json`);
      const table = fs.existsSync(tableFile) ? (JSON.parse(fs.readFileSync(tableFile, 'utf8')) as Record<Status, { profile: object; detail: string }[]>) : undefined;
      it('has a title, a description and a case table with every status', () => {
        assert.ok(condition.title && condition.description);
        assert.ok(table, `missing test/conditions/${name}.json`);
        for (const s of ['met', 'unmet', 'unknown'] as const) assert.ok(table[s]?.length, `no ${s} case`);
      });
      for (const [expected, cases] of Object.entries(table ?? {}) as [Status, { profile: object; detail: string }[]][]) {
        for (const { profile, detail } of cases) {
          it(`${expected}: ${JSON.stringify(profile)}`, async () => {
            assert.ok(validators.profile(profile), 'the case is a valid profile');
            const result = await probeCondition({ all: [{ condition: name }] }, profile, new Map([[name, condition]]));
            assert.deepEqual({ status: result.status, detail: result.detail }, { status: expected, detail });
          });
        }
      }
    });
  }
});
