import type { OperatorDefinition } from './operator';
import type { Status } from '../../data/ruleSetTypes';
import type { Finding } from '../conditionTree';
import { number, titleOf, unitOf } from './wordingParts';

/**
 * A minimum over a range: renewal facts count hours as the least and the most a course record can give (a
 * course whose delivery or approval is not given may or may not count), so a minimum is met when even the
 * least reaches it, unmet when not even the most does, and unknown between.
 */
interface Range {
  min: number;
  max: number;
}
const isRange = (x: unknown): x is Range => typeof x === 'object' && x !== null && typeof (x as Range).min === 'number' && typeof (x as Range).max === 'number';

const figures = (f: Finding) => (isRange(f.factResult) ? f.factResult : { min: 0, max: 0 });

export const atLeast: OperatorDefinition = {
  name: 'atLeast',
  meta: {
    title: 'At least, over a range of hours',
    description:
      'Met when the least the record can count reaches the value, unmet when not even the most does, unknown between ' +
      '(courses whose delivery or approval is not given). Renewal facts only.',
    // A number, or the figure of another fact (a prorated first period's hours), which the engine resolves.
    value: { schema: { oneOf: [{ type: 'number', minimum: 0 }, { type: 'object', required: ['fact', 'path'], properties: { fact: { const: 'ce' }, path: { type: 'string' } }, additionalProperties: false }] } },
    reads: 'ce',
  },
  evaluate(factValue, value): Status {
    if (!isRange(factValue) || typeof value !== 'number') return 'unknown';
    return factValue.min >= value ? 'met' : factValue.max < value ? 'unmet' : 'unknown';
  },
  wording: {
    met: (f) => `${number(figures(f).min)} ${unitOf(f, figures(f).min)} counted (${number(Number(f.value))} needed)`,
    // Not even the most the record can count reaches it; where courses not fully described may count, the
    // figures are ranges, and the hours to go run from the least to the most.
    unmet: (f) => {
      const { min, max } = figures(f);
      const need = Number(f.value);
      const unit = unitOf(f, need);
      if (min === max) return `${number(max)} of ${number(need)} ${unit} — ${number(need - max)} to go`;
      return `${number(min)} to ${number(max)} of ${number(need)} ${unit}, depending on courses whose delivery or approval is not given — ${number(need - max)} to ${number(need - min)} to go`;
    },
    unknown: (f) => {
      // No figures at all: nothing could be counted (the renewal period is not known).
      if (!isRange(f.factResult)) return `${titleOf(f)}: not counted yet`;
      const { min, max } = figures(f);
      const counted = min === max ? number(min) : `${number(min)} to ${number(max)}`;
      // Compared with a figure the record cannot give (a prorated first period's hours where the rule has no rate).
      if (typeof f.value !== 'number') return `${titleOf(f)}: ${counted}; how many this period needs is prorated and not worked out here: ask the board`;
      return `${titleOf(f)}: ${counted} of ${number(f.value)} needed, depending on courses whose delivery or approval is not given`;
    },
  },
};
