import type { Outcome, PathwayOutcome } from '../data/ruleSetTypes';

/**
 * The outcomes, best first, each with the words and icon every rendering uses and the exit code of the
 * CLI's `check`: the one place that says what an outcome is called, how it looks and how it sorts.
 */
export const OUTCOMES: readonly { id: Outcome; word: string; icon: string; exitCode: number }[] = [
  { id: 'eligible', word: 'Eligible', icon: '✓', exitCode: 0 },
  { id: 'needs-information', word: 'More information needed', icon: '?', exitCode: 10 },
  { id: 'not-eligible', word: 'Not eligible yet', icon: '✗', exitCode: 11 },
  { id: 'no-credential', word: 'No credential issued', icon: '–', exitCode: 12 },
];

const byId = <K extends 'word' | 'icon' | 'exitCode'>(key: K) =>
  Object.fromEntries(OUTCOMES.map((o) => [o.id, o[key]])) as Record<Outcome, (typeof OUTCOMES)[number][K]>;

export const OUTCOME_WORDS = byId('word');
/** Icons beside the words, never instead of them. */
export const OUTCOME_ICONS = byId('icon');
export const OUTCOME_EXIT_CODES = byId('exitCode');
/** Best first: eligible, then needs information, then not eligible, then no credential. */
export const outcomeRank = (o: Outcome | PathwayOutcome) => OUTCOMES.findIndex((x) => x.id === o);
