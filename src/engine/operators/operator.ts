import type { Status } from '../../data/ruleSetTypes';
import type { Finding } from '../conditionTree';

/**
 * An operator rule data may use, shaped like an ESLint rule: its metadata, its logic and its wording sit
 * together in one module, and test/operators/<name>.json is its case table, run through the engine, the fold
 * and the wording by test/operators.test.ts. The registry (./index.ts) is the one list: the loader checks
 * rule data against it, the engine takes the custom ones from it, and the fold and the checklist word findings
 * with it.
 */
export interface OperatorDefinition {
  name: string;
  meta: {
    title: string;
    description: string;
    /**
     * What the operator needs of the value a condition gives it, checked when rule data loads: a JSON
     * Schema of its own, or, for json-rules-engine's built-ins, the kind of profile field it compares with
     * (the field's own schema then checks the value).
     */
    value:
      | { schema: object }
      | { fieldKind: 'scalar' | 'scalar-list' | 'list' | 'number' };
    /** The one profile path this operator reads, when it is tied to one. */
    path?: string;
    /** Written by the loader itself, never by rule data (the rule-data schema does not list it). */
    internal?: true;
    /** The fact it reads where that is not the applicant profile: `ce`, the renewal facts of a course record. */
    reads?: 'ce';
  };
  /**
   * Three-valued: met, unmet, or unknown when the fact is present but too incomplete to say no (a license
   * whose years are not given). Only operators this project adds have one: json-rules-engine evaluates its
   * built-ins itself, and a built-in leaf is unknown only when its fact is missing.
   */
  evaluate?(factValue: unknown, value: unknown): Status;
  /**
   * The finding in words, for each status: met and unmet say what the answer is against what is needed;
   * unknown names the questions still open (the checklist puts them after "Not answered yet:").
   */
  wording: Record<Status, (finding: Finding) => string>;
  /**
   * Where the fact is answered but incomplete, the parts still missing, as JSON pointers below the field
   * (e.g. `/0/active`): what to ask for, rather than the whole field again.
   */
  missingParts?(factValue: unknown, value: unknown): string[];
}
