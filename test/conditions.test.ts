import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/projectRoot';
import { runRuleSet } from '../src/engine/runRuleSet';
import type { LoadedRuleSet } from '../src/data/loadRuleSets';
import type { NamedCondition, Status } from '../src/data/ruleSetTypes';
import { validators } from '../src/data/schemas';

/**
 * One shared tester for the named conditions in rules/conditions/: each has a table in
 * test/conditions/<name>.json of profiles that meet it, miss it, and leave it unknown.
 */
const conditionDir = path.join(projectRoot, 'rules', 'conditions');
const names = fs.readdirSync(conditionDir).filter((f) => f.endsWith('.json')).map((f) => path.basename(f, '.json')).sort();

async function statusOf(condition: NamedCondition, profile: object): Promise<Status> {
  const ruleSet = {
    engineRules: [{ name: 'probe', conditions: { all: [{ condition: condition.name }] }, event: { type: 'probe' } }],
    namedConditions: [[condition.name, condition.conditions]],
  } as unknown as LoadedRuleSet;
  return (await runRuleSet(ruleSet, profile)).get('probe')!.status;
}

describe('shared named conditions', () => {
  for (const name of names) {
    describe(name, () => {
      const condition = JSON.parse(fs.readFileSync(path.join(conditionDir, `${name}.json`), 'utf8')) as NamedCondition;
      const tableFile = path.join(__dirname, 'conditions', `${name}.json`);
      it('has a title, a description and a case table with every status', () => {
        assert.ok(condition.title && condition.description);
        assert.ok(fs.existsSync(tableFile), `missing test/conditions/${name}.json`);
        const table = JSON.parse(fs.readFileSync(tableFile, 'utf8')) as Record<Status, unknown[]>;
        for (const s of ['met', 'unmet', 'unknown'] as const) assert.ok(table[s]?.length, `no ${s} case`);
      });
      if (!fs.existsSync(tableFile)) return;
      const table = JSON.parse(fs.readFileSync(tableFile, 'utf8')) as Record<Status, object[]>;
      for (const [expected, profiles] of Object.entries(table) as [Status, object[]][]) {
        profiles.forEach((profile, i) => {
          it(`${expected} #${i + 1}: ${JSON.stringify(profile)}`, async () => {
            assert.ok(validators.profile(profile), 'the case is a valid profile');
            assert.equal(await statusOf(condition, profile), expected);
          });
        });
      }
    });
  }
});
