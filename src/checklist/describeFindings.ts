import type { Finding } from '../engine/foldConditions';
import { fieldAt, fieldLabel } from '../profile/profileFields';
import { customOperators } from '../engine/operators';
import type { Gap } from './evaluationTypes';
import { pointerOf } from '../words';

const NUMERIC = new Set(['greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive']);
// One formatter for all: toLocaleString builds a new one per call, which dominated a checklist's cost.
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const number = (n: number) => numberFormat.format(n);

function label(pointer: string, value: unknown): string {
  const option = fieldAt(pointer)?.options?.find((o) => o.value === value);
  return option?.label ?? String(value);
}

/** How far a numeric minimum is from being reached ("600 of 1,000 AIT hours — 400 to go"). */
export function gapOf(f: Finding): Gap | undefined {
  if (!f.operator.startsWith('greaterThan') || typeof f.factResult !== 'number' || typeof f.value !== 'number') return undefined;
  const field = pointerOf(f.path);
  return {
    field,
    have: f.factResult,
    need: f.value,
    remaining: Math.max(0, f.value - f.factResult),
    unit: fieldAt(field)?.unit ?? f.path,
    ...(f.operator === 'greaterThan' && { strict: true }),
  };
}

/** Whether the gap is still open: below the minimum, or at a strict one ("more than 0 months"). */
export const gapOpen = (g: Gap) => g.remaining > 0 || (g.strict === true && g.have <= g.need);

export function describeGap(g: Gap): string {
  if (g.strict) return gapOpen(g) ? `${number(g.have)} ${g.unit}; more than ${number(g.need)} needed` : `${number(g.have)} ${g.unit} (more than ${number(g.need)} needed)`;
  return g.remaining > 0
    ? `${number(g.have)} of ${number(g.need)} ${g.unit} — ${number(g.remaining)} to go`
    : `${number(g.have)} ${g.unit} (${number(g.need)} needed)`;
}

/** One answered finding in words, from the field's own title and labels. */
export function describeFinding(f: Finding): string {
  const pointer = pointerOf(f.path);
  const field = fieldAt(pointer);
  const title = field?.title ?? f.path;
  const gap = gapOf(f);
  if (gap) return describeGap(gap);
  if (NUMERIC.has(f.operator)) return `${title}: ${String(f.factResult)} (limit ${String(f.value)})`;
  if (f.operator === 'hasLicense') {
    return f.status === 'met'
      ? 'holds an active license of the required kind'
      : f.status === 'unknown'
        ? 'a matching license is listed without its status or years'
        : 'no active license of the kind this route asks for';
  }
  if (f.operator === 'contains' || f.operator === 'doesNotContain') {
    return `${title}: ${Array.isArray(f.factResult) && f.factResult.length ? f.factResult.join(', ') : 'none'} (needs ${String(f.value)})`;
  }
  if (typeof f.factResult === 'boolean') return `${title}: ${f.factResult ? 'yes' : 'no'}`;
  const wanted = Array.isArray(f.value) ? f.value : [f.value];
  return f.status === 'met'
    ? `${title}: ${label(pointer, f.factResult)}`
    : `${title}: ${label(pointer, f.factResult)} (needs ${wanted.map((v) => label(pointer, v)).join(' or ')})`;
}

/** The profile questions behind pointers, by their titles ("License 1, active and in good standing"). */
export function questionTitles(pointers: string[]): string[] {
  return pointers.map(fieldLabel);
}

/**
 * The pointers of what a finding still waits for: the field when it is not answered, or, when it is answered
 * but incomplete, the parts its operator says are missing (a listed license's status or years).
 */
export function missingOf(f: Finding): string[] {
  const field = pointerOf(f.path);
  const parts = f.factResult === undefined ? [] : (partsFor.get(f.operator)?.(f.factResult, f.value) ?? []);
  return parts.length ? parts.map((p) => `${field}${p}`) : [field];
}
const partsFor = new Map(customOperators.flatMap((op) => (op.missingParts ? [[op.name, op.missingParts] as const] : [])));
