import type { Outcome, PathwayOutcome } from '../data/ruleSetTypes';
import { outcomeTable } from '../outcomeTable';

/**
 * The outcomes, best first, each with the words and icon every rendering uses and the exit code of the
 * CLI's `check`: the one place that says what an outcome is called, how it looks and how it sorts.
 */
const table = outcomeTable<Outcome>([
  { id: 'eligible', word: 'Eligible', icon: '✓', exitCode: 0 },
  { id: 'needs-information', word: 'More information needed', icon: '?', exitCode: 10 },
  { id: 'not-eligible', word: 'Not eligible yet', icon: '✗', exitCode: 11 },
  { id: 'no-credential', word: 'No credential issued', icon: '–', exitCode: 12 },
]);

export const OUTCOMES = table.rows;
export const OUTCOME_WORDS = table.words;
export const OUTCOME_ICONS = table.icons;
export const OUTCOME_EXIT_CODES = table.exitCodes;
/** Best first: eligible, then needs information, then not eligible, then no credential. */
export const outcomeRank = (o: Outcome | PathwayOutcome) => table.rank(o);
