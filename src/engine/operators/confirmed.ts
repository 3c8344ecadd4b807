import type { OperatorDefinition } from './operator';

export const confirmed: OperatorDefinition = {
  name: 'confirmed',
  meta: {
    title: 'The applicant confirmed the item is done',
    description:
      'Met when the list of confirmed items (profile attestations for the jurisdiction) holds the requirement id. ' +
      'A profile only lists what is done, so an item not listed is unknown, never unmet. ' +
      'The loader writes this condition for every attestable requirement; rule data does not use it directly.',
    value: { schema: { type: 'string' } },
    internal: true,
  },
  evaluate: (factValue, value) => (Array.isArray(factValue) && factValue.includes(value) ? 'met' : 'unknown'),
  wording: {
    met: () => 'you confirmed it is done',
    // Never reached: an item not confirmed is unknown. Worded all the same, as every status is.
    unmet: () => 'not confirmed',
    unknown: () => 'your confirmation that it is done',
  },
};
