import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { customOperators } from '../src/engine/operators';
import { compileFragment } from '../src/data/schemas';

/**
 * One shared tester for the custom operators, ESLint-style: test/operators/<name>.json holds the operator's
 * table of cases — `true`, `false` and `undecided` (present but too incomplete to say no).
 */
interface OperatorCase {
  name: string;
  fact: unknown;
  value: unknown;
}
type OperatorTable = Record<'true' | 'false' | 'undecided', OperatorCase[]>;

describe('custom operators', () => {
  for (const op of customOperators) {
    describe(op.name, () => {
      const tableFile = path.join(__dirname, 'operators', `${op.name}.json`);
      it('has metadata and a case table', () => {
        assert.ok(op.meta.title && op.meta.description, 'title and description');
        assert.ok(fs.existsSync(tableFile), `missing ${path.relative(process.cwd(), tableFile)}`);
      });
      if (!fs.existsSync(tableFile)) return;
      const table = JSON.parse(fs.readFileSync(tableFile, 'utf8')) as OperatorTable;
      const validValue = compileFragment(op.meta.valueSchema);
      for (const [expected, cases] of Object.entries(table) as [keyof OperatorTable, OperatorCase[]][]) {
        for (const c of cases) {
          it(`${expected}: ${c.name}`, () => {
            assert.ok(validValue(c.value), `the case's value breaks the operator's value schema: ${JSON.stringify(validValue.errors)}`);
            const result = op.evaluate(c.fact, c.value);
            const undecided = !result && (op.isUndecided?.(c.fact, c.value) ?? false);
            assert.equal(result ? 'true' : undecided ? 'undecided' : 'false', expected);
          });
        }
      }
    });
  }
});
