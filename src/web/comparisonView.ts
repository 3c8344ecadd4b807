import type { ComparisonRow } from '../compareJurisdictions';
import { OUTCOME_ICONS, OUTCOME_WORDS } from '../checklist/formatChecklist';
import { TILE_GRID } from './tileGrid';

/** The comparison page's model: a tile map, a legend and a table sortable by a column, all without scripts. */

const OUTCOME_ORDER = ['eligible', 'needs-information', 'not-eligible', 'no-credential'] as const;

const byName = (a: ComparisonRow, b: ComparisonRow) => a.name.localeCompare(b.name, 'en');
const rank = (r: ComparisonRow) => OUTCOME_ORDER.indexOf(r.outcome);
const leftCount = (r: ComparisonRow) => r.unmet.length * 1000 + r.unknown.length;

/** Table columns a reader can sort by, each with the order it gives. */
const SORTS = {
  jurisdiction: { label: 'Jurisdiction', compare: byName },
  outcome: { label: 'Outcome', compare: (a: ComparisonRow, b: ComparisonRow) => rank(a) - rank(b) || leftCount(a) - leftCount(b) || byName(a, b) },
  left: { label: 'What is left', compare: (a: ComparisonRow, b: ComparisonRow) => leftCount(a) - leftCount(b) || rank(a) - rank(b) || byName(a, b) },
} as const;
export type SortKey = keyof typeof SORTS;
export const isSortKey = (s: unknown): s is SortKey => typeof s === 'string' && Object.hasOwn(SORTS, s);

function whatIsLeft(r: ComparisonRow): string[] {
  if (r.outcome === 'no-credential') return ['No credential or qualifications for this role.'];
  if (r.outcome === 'eligible') return ['Nothing: every requirement of this route is met.'];
  return [
    ...r.unmet.map((u) => `Not met: ${u.title} — ${u.detail}`),
    ...(r.unknown.length ? [`Unknown: ${r.unknown.map((u) => u.title).join('; ')}`] : []),
  ];
}

export function comparisonView(results: ComparisonRow[], sort: SortKey) {
  const rows = [...results].sort(SORTS[sort].compare).map((r) => ({
    ...r,
    icon: OUTCOME_ICONS[r.outcome],
    outcomeText: OUTCOME_WORDS[r.outcome],
    left: whatIsLeft(r),
  }));
  const tiles = results
    .filter((r) => TILE_GRID[r.jurisdiction])
    .map((r) => {
      const [row, column] = TILE_GRID[r.jurisdiction]!;
      return { ...r, row, column, icon: OUTCOME_ICONS[r.outcome], outcomeText: OUTCOME_WORDS[r.outcome] };
    });
  const legend = OUTCOME_ORDER.map((o) => ({
    outcome: o,
    icon: OUTCOME_ICONS[o],
    word: OUTCOME_WORDS[o],
    count: results.filter((r) => r.outcome === o).length,
  }));
  const columns = Object.entries(SORTS).map(([key, s]) => ({ key, label: s.label, sorted: key === sort }));
  return { rows, tiles, legend, columns, staleCount: results.filter((r) => r.stale).length };
}
