import type { RenewalOutcome } from './renewalTypes';
import { outcomeTable } from '../outcomeTable';

/**
 * The renewal check's outcomes, best first, each with the words and icon every rendering uses and the exit
 * code of the CLI's `renewal`, on the convention of `check` (src/checklist/outcomes.ts): 0 when all is done,
 * 10 when more information is needed, 11 when something is not met, 12 when there is nothing to check against.
 */
const table = outcomeTable<RenewalOutcome>([
  { id: 'compliant', word: 'Compliant', icon: '✓', exitCode: 0 },
  { id: 'needs-information', word: 'More information needed', icon: '?', exitCode: 10 },
  { id: 'not-yet-compliant', word: 'Not yet compliant', icon: '✗', exitCode: 11 },
  { id: 'no-ce-rules', word: 'No renewal CE rules found', icon: '–', exitCode: 12 },
]);

export const RENEWAL_OUTCOME_WORDS = table.words;
export const RENEWAL_OUTCOME_ICONS = table.icons;
export const RENEWAL_EXIT_CODES = table.exitCodes;
/** Best first: compliant, then needs information, then not yet compliant, then no rules to check against. */
export const renewalOutcomeRank = table.rank;
