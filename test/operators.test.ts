import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { operators, type OperatorDefinition } from '../src/engine/operators';
import type { CeRecord } from '../src/renewal/computeCeFacts';
import { validators } from '../src/data/schemas';
import type { CeCondition, Status, TopCondition } from '../src/data/ruleSetTypes';
import { probeCondition, probeRenewalCondition, renewalRuleProblems, ruleDataProblems } from './support/probeCondition';

/**
 * One shared tester for every operator, as ESLint's RuleTester: test/operators/<name>.json holds the
 * operator's `valid` cases, each a profile (or, for an operator on renewal facts, a CE record) run through
 * the real pipeline (engine, fold, wording) with the requirement's status and detail as a person reads them, and its `invalid` cases, conditions the rule-data
 * checks refuse, with the problems the loader reports.
 */
interface ValidCase {
  name: string;
  /** A leaf on `path` with `value`, or, for the operator the loader writes itself, an attestable requirement. */
  path?: string;
  value?: unknown;
  attestable?: true;
  /** The applicant profile, or for an operator on renewal facts, the CE record (courses, roles…). */
  profile?: object;
  record?: Omit<CeRecord, 'license'> & { license?: Partial<CeRecord['license']> };
  status: Status;
  detail: string;
}
interface InvalidCase {
  name: string;
  path: string;
  value: unknown;
  problems: string[];
}

const leaf = (operator: string, c: { path?: string; value?: unknown }): TopCondition => ({ all: [{ fact: 'profile', path: c.path!, operator, value: c.value }] });
const ceLeaf = (operator: string, c: { path?: string; value?: unknown }): CeCondition => ({ all: [{ fact: 'ce', path: c.path!, operator, value: c.value }] });

/** A case through the pipeline its operator belongs to: licensure on a profile, or renewal on a CE record. */
async function run(op: OperatorDefinition, c: ValidCase) {
  if (op.meta.reads === 'ce') {
    assert.deepEqual(renewalRuleProblems(ceLeaf(op.name, c)), [], 'the renewal-rule checks accept the condition');
    return probeRenewalCondition(ceLeaf(op.name, c), c.record ?? {});
  }
  assert.ok(validators.profile(c.profile), 'the case is a valid profile');
  if (!c.attestable) assert.deepEqual(ruleDataProblems(leaf(op.name, c)), [], 'the rule-data checks accept the condition');
  return probeCondition(c.attestable ? undefined : leaf(op.name, c), c.profile!);
}
const problemsOf = (op: OperatorDefinition, c: InvalidCase) => (op.meta.reads === 'ce' ? renewalRuleProblems(ceLeaf(op.name, c)) : ruleDataProblems(leaf(op.name, c)));

describe('operators', () => {
  for (const op of operators) {
    describe(op.name, () => {
      const tableFile = path.join(__dirname, 'operators', `${op.name}.json`);
      const table = fs.existsSync(tableFile) ? (JSON.parse(fs.readFileSync(tableFile, 'utf8')) as { valid: ValidCase[]; invalid: InvalidCase[] }) : undefined;
      it('has metadata and a case table reaching every status, with cases the loader refuses', () => {
        assert.ok(op.meta.title && op.meta.description, 'title and description');
        assert.ok(table, `missing ${path.relative(process.cwd(), tableFile)}`);
        for (const s of ['met', 'unmet', 'unknown'] as const) {
          // The operator the loader writes for attestable items never answers unmet: an item not confirmed is unknown.
          if (!(s === 'unmet' && op.meta.internal)) assert.ok(table.valid.some((c) => c.status === s), `no ${s} case`);
        }
        assert.ok(table.invalid.length > 0, 'no invalid case');
      });
      for (const c of table?.valid ?? []) {
        it(`${c.status}: ${c.name}`, async () => {
          const result = await run(op, c);
          assert.deepEqual({ status: result.status, detail: result.detail }, { status: c.status, detail: c.detail });
        });
      }
      for (const c of table?.invalid ?? []) {
        it(`refused: ${c.name}`, () => {
          assert.deepEqual(problemsOf(op, c).map((p) => `${p.pointer}: ${p.reason}`), c.problems);
        });
      }
    });
  }
});
