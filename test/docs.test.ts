import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/projectRoot';
import { fieldGroups } from '../src/profile/profileFields';
import { schemas } from '../src/data/schemas';

/** The documents a reader of the repository relies on stay true to the code and stay inside the repository. */
const read = (file: string) => fs.readFileSync(path.join(projectRoot, file), 'utf8');

describe('documentation', () => {
  it('the contract names every profile field the API takes', () => {
    const contract = read('docs/contract.md');
    const fields = fieldGroups.flatMap((g) => g.fields).map((f) => f.path);
    assert.ok(fields.length >= 20);
    for (const field of fields) assert.ok(contract.includes(`\`${field}\``), `docs/contract.md does not mention ${field}`);
  });

  it('the contract names every field of the CE record', () => {
    const contract = read('docs/contract.md');
    const record = schemas['ce-record.schema.json'] as { properties: Record<string, { properties?: object; items?: { properties?: object } }> };
    const fields = Object.entries(record.properties).flatMap(([key, s]) => {
      const parts = s.properties ?? s.items?.properties;
      return parts ? Object.keys(parts).map((part) => `${key}${s.items ? '[]' : ''}.${part}`).filter((f) => f !== 'courses[].title') : [key];
    });
    assert.ok(fields.length >= 10);
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
