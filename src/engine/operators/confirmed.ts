import type { OperatorDefinition } from './operator';

export const confirmed: OperatorDefinition = {
  name: 'confirmed',
  meta: {
    title: 'The applicant confirmed the item is done',
    description:
      'True when the list of confirmed items (profile attestations for the jurisdiction) holds the requirement id. ' +
      'A profile only lists what is done, so an item not listed is unknown, never unmet. ' +
      'The loader writes this condition for every attestable requirement; rule data does not use it directly.',
    valueSchema: { type: 'string' },
  },
  evaluate(factValue, value) {
    return Array.isArray(factValue) && factValue.includes(value);
  },
  isUndecided() {
    return true;
  },
};
