import type { OperatorDefinition } from './operator';
import type { Finding } from '../conditionTree';
import { alternatives, fieldQuestion, labelOf, titleOf } from './wordingParts';

/** The answer as the form words it: yes or no for a question, else the option's label. */
const answer = (f: Finding) => `${titleOf(f)}: ${typeof f.factResult === 'boolean' ? (f.factResult ? 'yes' : 'no') : labelOf(f, f.factResult)}`;

/** A single-valued field compared with one value or a list of them; unmet says what was wanted or refused. */
function comparison(name: string, title: string, kind: 'scalar' | 'scalar-list', unmetNote: (f: Finding) => string): OperatorDefinition {
  return {
    name,
    meta: { title, description: `json-rules-engine built-in: the field's answer ${title.toLowerCase()}.`, value: { fieldKind: kind } },
    wording: {
      met: answer,
      // A yes/no question's answer says it all: "Background check cleared: no".
      unmet: (f) => (typeof f.factResult === 'boolean' ? answer(f) : `${answer(f)} (${unmetNote(f)})`),
      unknown: fieldQuestion,
    },
  };
}

export const equal = comparison('equal', 'Equals the value', 'scalar', (f) => `needs ${labelOf(f, f.value)}`);
export const notEqual = comparison('notEqual', 'Differs from the value', 'scalar', (f) => `must not be ${labelOf(f, f.value)}`);
export const inList = comparison('in', 'Is one of the values', 'scalar-list', (f) => `needs ${alternatives(f, f.value)}`);
export const notInList = comparison('notIn', 'Is none of the values', 'scalar-list', (f) => `must not be ${alternatives(f, f.value)}`);
