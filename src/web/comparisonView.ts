import type { ComparisonRow } from '../compareJurisdictions';
import { OUTCOME_ICONS, OUTCOME_WORDS, OUTCOMES, outcomeRank } from '../checklist/outcomes';
import { compareEstimates, type EstimateBand } from '../estimate/estimateRoute';
import { TILE_GRID } from './tileGrid';

/** The comparison page's model: a tile map, a legend and a table sortable by a column, all without scripts. */


/** The map's time colours, soonest first, each with its words for the legend and an icon beside them. */
const BANDS: { band: EstimateBand | 'none'; word: string; icon: string }[] = [
  { band: 'now', word: 'Eligible now', icon: '✓' },
  { band: 'under-6', word: 'Under 6 months', icon: '<6' },
  { band: '6-12', word: '6 to 12 months', icon: '6–12' },
  { band: 'over-12', word: 'Over 12 months', icon: '>12' },
  { band: 'unknown', word: 'Not known yet', icon: '?' },
  { band: 'none', word: 'No credential', icon: '–' },
];
const bandOf = (r: ComparisonRow) => r.estimate?.band ?? 'none';
const bandInfo = (r: ComparisonRow) => BANDS.find((b) => b.band === bandOf(r))!;

const byName = (a: ComparisonRow, b: ComparisonRow) => a.name.localeCompare(b.name, 'en');
const rank = (r: ComparisonRow) => outcomeRank(r.outcome);
const leftCount = (r: ComparisonRow) => r.unmet.length * 1000 + r.unknown.length;
/** Rows without a route to a license (no credential) go last. */
const soonest = (a: ComparisonRow, b: ComparisonRow) =>
  (a.estimate && b.estimate ? compareEstimates(a.estimate, b.estimate) : Number(!a.estimate) - Number(!b.estimate)) || rank(a) - rank(b) || byName(a, b);

/** Table columns a reader can sort by, in the table's order, each with the order it gives. */
const SORTS = {
  jurisdiction: { label: 'Jurisdiction', compare: byName },
  soonest: { label: 'Time to a license', compare: soonest },
  outcome: { label: 'Outcome', compare: (a: ComparisonRow, b: ComparisonRow) => rank(a) - rank(b) || leftCount(a) - leftCount(b) || byName(a, b) },
  left: { label: 'What is left', compare: (a: ComparisonRow, b: ComparisonRow) => leftCount(a) - leftCount(b) || rank(a) - rank(b) || byName(a, b) },
} as const;
export type SortKey = keyof typeof SORTS;
export const DEFAULT_SORT: SortKey = 'soonest';
export const isSortKey = (s: unknown): s is SortKey => typeof s === 'string' && Object.hasOwn(SORTS, s);

/** What the map's colours show: the time to a license (the default) or the outcome. */
export type MapColour = 'time' | 'outcome';
export const isMapColour = (s: unknown): s is MapColour => s === 'time' || s === 'outcome';

function whatIsLeft(r: ComparisonRow): string[] {
  if (r.outcome === 'no-credential') return ['No credential or qualifications for this role.'];
  if (r.unmet.length === 0 && r.unknown.length === 0) return ['Nothing: every requirement of this route is met.'];
  return [
    ...r.unmet.map((u) => `Not met: ${u.title} — ${u.detail}`),
    ...(r.unknown.length ? [`Unknown: ${r.unknown.map((u) => u.title).join('; ')}`] : []),
  ];
}

export function comparisonView(results: ComparisonRow[], sort: SortKey, colour: MapColour = 'time') {
  const rows = [...results].sort(SORTS[sort].compare).map((r) => ({
    ...r,
    icon: OUTCOME_ICONS[r.outcome],
    outcomeText: OUTCOME_WORDS[r.outcome],
    time: !r.estimate ? '—' : r.estimate.band !== 'now' ? r.estimate.words : r.estimate.maxMonths === 0 ? 'Eligible now' : `Eligible now; ${r.estimate.words} for the board`,
    left: whatIsLeft(r),
  }));
  const tiles = results
    .filter((r) => TILE_GRID[r.jurisdiction])
    .map((r) => {
      const [row, column] = TILE_GRID[r.jurisdiction]!;
      const band = bandInfo(r);
      const shown = colour === 'time' ? { swatch: `band-${band.band}`, icon: band.icon, text: `${band.word}${r.estimate && r.estimate.band !== 'now' ? ` (${r.estimate.words})` : ''}` } : { swatch: `outcome-${r.outcome}`, icon: OUTCOME_ICONS[r.outcome], text: OUTCOME_WORDS[r.outcome] };
      return { ...r, row, column, ...shown };
    });
  const legend =
    colour === 'time'
      ? BANDS.map((b) => ({ band: b.band, swatch: `band-${b.band}`, icon: b.icon, word: b.word, count: results.filter((r) => bandOf(r) === b.band).length })).filter((b) => b.count > 0 || b.band !== 'none')
      : OUTCOMES.map(({ id, icon, word }) => ({ swatch: `outcome-${id}`, icon, word, count: results.filter((r) => r.outcome === id).length }));
  const columns = Object.entries(SORTS).map(([key, s]) => ({ key, label: s.label, sorted: key === sort }));
  return { rows, tiles, legend, columns, sort, colour, otherColour: colour === 'time' ? 'outcome' : 'time', staleCount: results.filter((r) => r.stale).length };
}
