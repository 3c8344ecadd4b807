import type { OperatorDefinition } from './operator';
import { hasLicense } from './hasLicense';
import { confirmed } from './confirmed';
import { atLeast } from './atLeast';
import { equal, inList, notEqual, notInList } from './equality';
import { contains, doesNotContain } from './membership';
import { greaterThan, greaterThanInclusive, lessThan, lessThanInclusive } from './numeric';

/**
 * Every operator rule data may use: json-rules-engine's built-ins this project allows, then the ones it
 * adds (those with an `evaluate`). Adding one is a module in this folder, a line here, and its case table in
 * test/operators/.
 */
export const operators: readonly OperatorDefinition[] = [
  equal, notEqual, inList, notInList, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive,
  hasLicense, confirmed, atLeast,
];

const byName = new Map(operators.map((op) => [op.name, op]));
export const operatorNamed = (name: string): OperatorDefinition | undefined => byName.get(name);

/** The operators json-rules-engine does not have: the engine is given their `evaluate`. */
export const customOperators = operators.filter((op): op is OperatorDefinition & Required<Pick<OperatorDefinition, 'evaluate'>> => op.evaluate !== undefined);

export type { OperatorDefinition };
