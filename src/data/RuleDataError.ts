import { counted } from '../words';

/** A problem found in one file of rule data, pointed into it. */
export interface PointedProblem {
  /** JSON pointer into the checked file. */
  pointer: string;
  reason: string;
}

export interface RuleDataProblem {
  /** The file, relative to the project root. */
  file: string;
  /** JSON pointer into the file. */
  pointer: string;
  reason: string;
}

/** Invalid rule data: the app refuses to start rather than serve half a rule set. */
export class RuleDataError extends Error {
  constructor(readonly problems: RuleDataProblem[]) {
    super(
      `Invalid rule data (${counted(problems.length, 'problem')}):\n` +
        problems.map((p) => `  ${p.file}#${p.pointer}: ${p.reason}`).join('\n'),
    );
    this.name = 'RuleDataError';
  }
}
