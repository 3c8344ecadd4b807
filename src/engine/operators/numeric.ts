import type { OperatorDefinition } from './operator';
import type { Finding } from '../conditionTree';
import { fieldQuestion, number, reads, titleOf, unitOf } from './wordingParts';

/** How far a number is from a minimum: "600 of 1,000 AIT hours, 400 to go". */
export interface Gap {
  /** JSON pointer of the profile field. */
  field: string;
  have: number;
  need: number;
  remaining: number;
  unit: string;
  /** The minimum is strict ("more than 0 months"): at the bound it is not yet reached. */
  strict?: true;
}

/** The gap of a numeric minimum's finding (greaterThan, greaterThanInclusive), or undefined for any other. */
export function gapOf(f: Finding): Gap | undefined {
  // Under a `not` a minimum is a limit not to reach, not a gap to close.
  if (f.negated || !f.operator.startsWith('greaterThan') || typeof f.factResult !== 'number' || typeof f.value !== 'number') return undefined;
  const field = reads(f).pointer;
  return {
    field,
    have: f.factResult,
    need: f.value,
    remaining: Math.max(0, f.value - f.factResult),
    unit: unitOf(f),
    ...(f.operator === 'greaterThan' && { strict: true }),
  };
}

/** Whether the gap is still open: below the minimum, or at a strict one. */
export const gapOpen = (g: Gap) => g.remaining > 0 || (g.strict === true && g.have <= g.need);

export function describeGap(g: Gap): string {
  if (g.strict) return gapOpen(g) ? `${number(g.have)} ${g.unit}; more than ${number(g.need)} needed` : `${number(g.have)} ${g.unit} (more than ${number(g.need)} needed)`;
  return g.remaining > 0
    ? `${number(g.have)} of ${number(g.need)} ${g.unit} — ${number(g.remaining)} to go`
    : `${number(g.have)} ${g.unit} (${number(g.need)} needed)`;
}

const gapWords = (f: Finding) => {
  const gap = gapOf(f);
  return gap ? describeGap(gap) : `${titleOf(f)}: ${String(f.factResult)}`;
};

/** A minimum: the person's figure against it, and what is left to go. */
function minimum(name: 'greaterThan' | 'greaterThanInclusive', title: string): OperatorDefinition {
  return {
    name,
    meta: { title, description: `json-rules-engine built-in: ${title.toLowerCase()} the value. Worded as a minimum with what is left to go.`, value: { fieldKind: 'number' } },
    wording: { met: gapWords, unmet: gapWords, unknown: fieldQuestion },
  };
}

/** A maximum: the person's figure against the limit. */
function maximum(name: 'lessThan' | 'lessThanInclusive', title: string, limit: (v: string) => string): OperatorDefinition {
  const words = (f: Finding) => `${titleOf(f)}: ${String(f.factResult)} (${limit(number(Number(f.value)))})`;
  return {
    name,
    meta: { title, description: `json-rules-engine built-in: ${title.toLowerCase()} the value.`, value: { fieldKind: 'number' } },
    wording: { met: words, unmet: words, unknown: fieldQuestion },
  };
}

export const greaterThan = minimum('greaterThan', 'More than');
export const greaterThanInclusive = minimum('greaterThanInclusive', 'At least');
export const lessThan = maximum('lessThan', 'Less than', (v) => `must be under ${v}`);
export const lessThanInclusive = maximum('lessThanInclusive', 'At most', (v) => `must be at most ${v}`);
