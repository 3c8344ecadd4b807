import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../projectRoot';
import type { LicenseType } from '../data/ruleSetTypes';

/** The contract's example applicants (rules/examples/personas.json): form examples and golden-case bases. */
export interface Persona {
  id: string;
  /** The license the example is about, where it is not the nursing home administrator's. */
  license?: LicenseType;
  summary: string;
  profile: Record<string, unknown>;
}

export const personas: Persona[] = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'rules', 'examples', 'personas.json'), 'utf8'),
) as Persona[];
