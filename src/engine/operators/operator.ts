/**
 * A custom json-rules-engine operator, shaped like an ESLint rule: its metadata (title, docs, the schema of
 * the value rule data may give it) sits next to its logic, and test/operators.test.ts runs its case table.
 */
export interface OperatorDefinition {
  name: string;
  meta: {
    title: string;
    description: string;
    /** The one profile path this operator reads, when it is tied to one. */
    path?: string;
    /** JSON Schema for the `value` a condition gives it, checked when rule data loads. */
    valueSchema: object;
  };
  evaluate(factValue: unknown, value: unknown): boolean;
  /**
   * Three-valued refinement: true when the fact is present but too incomplete to say no (e.g. a license
   * whose years are not given). The fold then reports the condition unknown instead of unmet.
   */
  isUndecided?(factValue: unknown, value: unknown): boolean;
  /**
   * Where the fact is answered but incomplete (undecided), the parts still missing, as JSON pointers below
   * the field (e.g. `/0/active`): what to ask for, rather than the whole field again.
   */
  missingParts?(factValue: unknown, value: unknown): string[];
}
