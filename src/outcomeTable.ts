/** An outcome as every rendering shows it: its words, its icon (beside the words, never instead) and the CLI's exit code. */
export interface OutcomeRow<T extends string> {
  id: T;
  word: string;
  icon: string;
  exitCode: number;
}

/**
 * A list of outcomes, best first, looked up by id: the one shape both the applicant check's and the renewal
 * check's outcomes take.
 */
export function outcomeTable<T extends string>(rows: readonly OutcomeRow<T>[]) {
  const byId = <K extends 'word' | 'icon' | 'exitCode'>(key: K) => Object.fromEntries(rows.map((o) => [o.id, o[key]])) as Record<T, OutcomeRow<T>[K]>;
  return { rows, words: byId('word'), icons: byId('icon'), exitCodes: byId('exitCode'), rank: (o: T) => rows.findIndex((x) => x.id === o) };
}
