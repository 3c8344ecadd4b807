import type { OperatorDefinition } from './operator';
import { hasLicense } from './hasLicense';
import { confirmed } from './confirmed';

/** Operators this project adds to json-rules-engine's built-ins. */
export const customOperators: OperatorDefinition[] = [hasLicense, confirmed];

/** json-rules-engine built-ins that rule data may use, with the shape of field each needs. */
export const builtInOperators: Record<string, 'scalar' | 'scalar-list' | 'array' | 'number'> = {
  equal: 'scalar',
  notEqual: 'scalar',
  in: 'scalar-list',
  notIn: 'scalar-list',
  contains: 'array',
  doesNotContain: 'array',
  lessThan: 'number',
  lessThanInclusive: 'number',
  greaterThan: 'number',
  greaterThanInclusive: 'number',
};

export type { OperatorDefinition };
