import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/**
 * The one way the app sets up ajv over rules/schema/: used to compile validators at run time (src/data/schemas.ts)
 * and to write them as code at build time (writePrebuiltValidators.ts), so both check exactly alike.
 * `source` keeps each function's code, which ajv's standalone output needs.
 */
export function createCompiler(schemas: Record<string, object>, { source = false } = {}): Ajv2020 {
  // The schemas themselves are checked against the JSON Schema meta-schema by the tests (test/schemas.test.ts),
  // not at every start-up.
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true, validateSchema: false, code: { source } });
  addFormats(ajv);
  // Display hints read by the form and the checklist wording; ajv only needs to know they are not typos.
  ajv.addVocabulary(['x-unit', 'x-labels', 'x-item']);
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  return ajv;
}
