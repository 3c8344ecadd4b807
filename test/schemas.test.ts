import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { schemas } from '../src/data/schemas';

/** The app skips meta-schema validation at start-up (it costs a tenth of a cold start): it is done here. */
describe('rules/schema files', () => {
  for (const [file, schema] of Object.entries(schemas)) {
    it(`${file} is a valid JSON Schema (draft 2020-12)`, () => {
      const ajv = new Ajv2020({ strict: false });
      assert.ok(ajv.validateSchema(schema), JSON.stringify(ajv.errors, null, 1));
    });
  }
});
