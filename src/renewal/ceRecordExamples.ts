import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../projectRoot';
import type { CeRecord } from './computeCeFacts';

/** Example CE records (rules/examples/ce-records.json): the API reference's examples, and a start for a page's form. */
export interface CeRecordExample {
  id: string;
  summary: string;
  record: CeRecord;
}

export const ceRecordExamples: CeRecordExample[] = JSON.parse(
  fs.readFileSync(path.join(projectRoot, 'rules', 'examples', 'ce-records.json'), 'utf8'),
) as CeRecordExample[];
