import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../../src/projectRoot';

/**
 * A rule-data folder holding the real named conditions and a small fictional jurisdiction
 * (test/fixtures/example-jurisdiction.json, filed as DC), changed by `mutate` first.
 */
export function fixtureRoot(mutate: (example: any, dir: string) => void = () => undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltc-rules-'));
  fs.cpSync(path.join(projectRoot, 'rules', 'conditions'), path.join(dir, 'rules', 'conditions'), { recursive: true });
  fs.copyFileSync(path.join(projectRoot, 'rules', 'estimates.json'), path.join(dir, 'rules', 'estimates.json'));
  fs.mkdirSync(path.join(dir, 'states'));
  const example = JSON.parse(fs.readFileSync(path.join(projectRoot, 'test', 'fixtures', 'example-jurisdiction.json'), 'utf8'));
  mutate(example, dir);
  fs.writeFileSync(path.join(dir, 'states', 'DC.json'), JSON.stringify(example, null, 2));
  return dir;
}
