import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../projectRoot';

/** The contract's example applicants (rules/examples/personas.json): form examples and golden-case bases. */
export interface Persona {
  id: string;
  summary: string;
  profile: Record<string, unknown>;
}

export const personas: Persona[] = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'rules', 'examples', 'personas.json'), 'utf8'),
) as Persona[];
