import type { OperatorDefinition } from './operator';
import type { Finding } from '../conditionTree';
import { fieldQuestion, titleOf } from './wordingParts';

/** A list entry by the title its rule set gives it (a renewal role), else as it is. */
const item = (f: Finding, v: unknown) => f.labels?.get(String(v)) ?? String(v);
const entries = (f: Finding) => (Array.isArray(f.factResult) && f.factResult.length ? f.factResult.map((v) => item(f, v)).join(', ') : 'none');

/** A list field holding, or not holding, one value. */
function membership(name: string, title: string, note: (item: string) => string): OperatorDefinition {
  return {
    name,
    meta: { title, description: `json-rules-engine built-in: the list field ${title.toLowerCase()}.`, value: { fieldKind: 'list' } },
    wording: {
      met: (f) => `${titleOf(f)}: ${entries(f)}`,
      unmet: (f) => `${titleOf(f)}: ${entries(f)} (${note(item(f, f.value))})`,
      unknown: fieldQuestion,
    },
  };
}

export const contains = membership('contains', 'Includes the value', (item) => `needs ${item}`);
export const doesNotContain = membership('doesNotContain', 'Does not include the value', (item) => `must not include ${item}`);
