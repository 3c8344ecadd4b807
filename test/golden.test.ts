import assert from 'node:assert/strict';
import { coverageGaps, loadGoldenFiles, runGoldenCase } from '../src/golden/goldenCases';
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
