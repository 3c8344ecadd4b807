import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/projectRoot';
import { fieldGroups } from '../src/profile/profileFields';

/** The documents a reader of the repository relies on stay true to the code and stay inside the repository. */
const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8');

describe('documentation', () => {
  it('the contract names every profile field the API takes', () => {
    const contract = read('docs/contract.md');
    const fields = fieldGroups.flatMap((g) => g.fields).map((f) => f.path);
    assert.ok(fields.length >= 20);
    for (const field of fields) assert.ok(contract.includes(`\`${field}\``), `docs/contract.md does not mention ${field}`);
  });

  it('links only to files in the repository, each of which exists', () => {
    for (const doc of ['README.md', 'docs/contract.md', 'docs/researching-a-jurisdiction.md', 'docs/units-audit.md']) {
      const text = read(doc);
      assert.doesNotMatch(text, /\.\.\/shared|\]\(\.\.\//, `${doc} sends readers outside the repository`);
      for (const [, target] of text.matchAll(/\]\(((?!https?:|#)[^)]+)\)/g)) {
        assert.ok(fs.existsSync(path.join(projectRoot, path.dirname(doc), target!)), `${doc} links to missing ${target}`);
      }
    }
  });
});
