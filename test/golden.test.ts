import assert from 'node:assert/strict';
import { LICENSE_TYPES } from '../src/data/ruleSetTypes';
import { loadGoldenFiles, runGoldenCase } from '../src/golden/goldenCases';
import { catalog } from './support/catalog';

/**
 * The shared golden-case tester: every file in test/golden/ is a table of real profiles with the outcome
 * that jurisdiction's rules give them (see rules/schema/golden-cases.schema.json).
 */
const files = loadGoldenFiles();

describe('golden cases', () => {
  it('cover every loaded jurisdiction and license that sets requirements', () => {
    const gaps: string[] = [];
    for (const j of catalog().jurisdictions) {
      for (const license of LICENSE_TYPES) {
        const cases = files.filter((f) => f.jurisdiction === j.code).flatMap((f) => f.cases.filter((c) => c.license === license));
        const rs = j.ruleSets[license];
        if (rs.requirements.length === 0) continue;
        if (cases.length === 0) gaps.push(`${j.code} ${license}: no cases`);
        else if (!cases.some((c) => c.profile !== undefined && Object.keys(c.profile).length === 0 && !c.persona)) gaps.push(`${j.code} ${license}: no empty-profile case`);
      }
    }
    assert.deepEqual(gaps, []);
  });

  for (const file of files) {
    describe(`${file.jurisdiction} (${file.file})`, () => {
      for (const c of file.cases) {
        it(`${c.license}: ${c.name}`, async () => {
          assert.deepEqual(await runGoldenCase(catalog(), file.jurisdiction, c), []);
        });
      }
    });
  }
});
