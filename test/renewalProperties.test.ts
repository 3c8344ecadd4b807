import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LoadedRuleSet } from '../src/data/loadRuleSets';
import { LICENSE_TYPES, type CeApproval, type CeDelivery } from '../src/data/ruleSetTypes';
import { addDays, daysBetween } from '../src/renewal/renewalPeriod';
import { CE_TOPICS, SHARED_ROLES } from '../src/renewal/ceFactFields';
import { evaluateRenewal } from '../src/renewal/evaluateRenewal';
import { validateCeRecord } from '../src/renewal/validateCeRecord';
import { renewalOutcomeRank } from '../src/renewal/renewalOutcomes';
import type { CeCourse, CeRecord } from '../src/renewal/computeCeFacts';
import type { RenewalResult } from '../src/renewal/renewalTypes';
import { catalog } from './support/catalog';

/**
 * Property-based tests of the renewal check (fast-check) on the real rule sets, through evaluateRenewal:
 * facts that hold whatever a state's rules say, never a second working-out of the answer. Adding a course
 * never undoes compliance; a course outside the period changes nothing; a live course turned self-study
 * never helps. Records are generous (many approved courses on the rule set's topics) so that compliant
 * ones are common enough to test the first fact on.
 */
const AS_OF = '2026-11-16';
const TODAY = '2026-12-02';
const DELIVERIES: CeDelivery[] = ['in-person', 'live-online', 'self-study'];
const APPROVALS: CeApproval[] = ['ncers', 'board', 'college', 'other-state-board', 'government', 'other'];

const ruleSets: LoadedRuleSet[] = catalog().jurisdictions.flatMap((j) => LICENSE_TYPES.flatMap((l) => catalog().get(j.code, l) ?? [])).filter((rs) => (rs.renewal?.ce?.requirements.length ?? 0) > 0);

const topicsOf = (rs: LoadedRuleSet) => [...CE_TOPICS, ...(rs.renewal!.ce!.topics ?? [])].map((t) => t.id);
const rolesOf = (rs: LoadedRuleSet) => [...SHARED_ROLES, ...(rs.renewal!.ce!.roles ?? [])].map((r) => r.id);

/** A course of this rule set's vocabulary, completed `daysBefore` the check (never after it). */
function courseArbitrary(rs: LoadedRuleSet, daysBefore: fc.Arbitrary<number>, approvals: CeApproval[] = APPROVALS): fc.Arbitrary<CeCourse> {
  return fc.record(
    {
      title: fc.constantFrom('Ethics update', 'Infection control', 'Leadership day', 'Dementia care'),
      hours: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0.5, 1.5, 2.5)),
      completed: daysBefore.map((d) => addDays(AS_OF, -d)),
      topics: fc.uniqueArray(fc.constantFrom(...topicsOf(rs)), { maxLength: 3 }),
      delivery: fc.constantFrom(...DELIVERIES),
      approval: fc.constantFrom(...approvals),
    },
    { requiredKeys: ['hours', 'completed'] },
  );
}

/** Courses on every topic the rule set knows, ten topics a course, approved as it asks, plus some more. */
function generousCourses(rs: LoadedRuleSet): fc.Arbitrary<CeCourse[]> {
  const accepted = rs.renewal!.ce!.approvals?.accepted ?? APPROVALS;
  const topics = topicsOf(rs);
  const chunks = Array.from({ length: Math.ceil(topics.length / 10) }, (_, i) => topics.slice(i * 10, i * 10 + 10));
  const recent = fc.integer({ min: 0, max: 200 });
  const covering = fc.tuple(...chunks.map((chunk) => fc.record({ hours: fc.integer({ min: 4, max: 12 }), completed: recent.map((d) => addDays(AS_OF, -d)), delivery: fc.constantFrom<CeDelivery>('in-person', 'live-online') }).map((c) => ({ ...c, topics: chunk, approval: accepted[0]! }))));
  return fc.tuple(covering, fc.array(courseArbitrary(rs, recent, accepted), { minLength: 2, maxLength: 8 })).map(([a, b]) => [...a, ...b]);
}

/**
 * A record of one rule set whose current period ends on a given day (so it is known: from a month ago, late,
 * to ten months ahead, within the shortest cycle), with its items confirmed.
 */
function recordArbitrary(courses: (rs: LoadedRuleSet) => fc.Arbitrary<CeCourse[]>): fc.Arbitrary<CeRecord> {
  return fc.constantFrom(...ruleSets).chain((rs) =>
    fc
      .record({
        periodEnds: fc.integer({ min: -30, max: 300 }).map((d) => addDays(AS_OF, d)),
        issued: fc.option(fc.integer({ min: 400, max: 9000 }).map((d) => addDays(AS_OF, -d)), { nil: undefined }),
        roles: fc.subarray(rolesOf(rs), { maxLength: 2 }),
        courses: courses(rs),
      })
      .map(({ periodEnds, issued, roles, courses: list }) => ({
        license: { jurisdiction: rs.jurisdiction, type: rs.license, periodEnds, ...(issued && { issued }), roles },
        courses: list,
        confirmed: rs.renewal!.ce!.requirements.filter((r) => r.attestable).map((r) => r.id),
        asOf: AS_OF,
      })),
  );
}

/** A record's rule set: found from the record, so that a failing case prints the record alone. */
const ruleSetOf = (record: CeRecord) => catalog().get(record.license.jurisdiction, record.license.type)!;
const named = (record: CeRecord) => `${record.license.jurisdiction} ${record.license.type}`;

async function check(record: CeRecord): Promise<RenewalResult> {
  assert.deepEqual(validateCeRecord(record, catalog(), TODAY), [], 'the generated record is valid');
  return evaluateRenewal(ruleSetOf(record), record, TODAY);
}

/** What a licensee is told of each requirement: its status and hours. */
const answerOf = (r: RenewalResult) => ({ outcome: r.outcome, requirements: r.requirements.map((q) => ({ id: q.id, status: q.status, hours: q.hours })) });

describe('renewal properties over generated CE records (fast-check)', function () {
  this.timeout(30_000);

  it('adding a course never turns a compliant record into anything else', async () => {
    let compliant = 0;
    await fc.assert(
      fc.asyncProperty(
        recordArbitrary(generousCourses).chain((record) => courseArbitrary(ruleSetOf(record), fc.integer({ min: 0, max: 2000 })).map((extra) => ({ record, extra }))),
        async ({ record, extra }) => {
          const before = await check(record);
          if (before.outcome !== 'compliant') return;
          compliant++;
          const after = await check({ ...record, courses: [...record.courses!, extra] });
          assert.equal(after.outcome, 'compliant', `${named(record)}: ${after.requirements.filter((q) => q.status !== 'met').map((q) => `${q.id}: ${q.detail}`).join('; ')}`);
        },
      ),
      { numRuns: 1000 },
    );
    assert.ok(compliant >= 100, `only ${compliant} of 1,000 records were compliant: the property was hardly tested`);
  });

  it('a course completed outside the period never changes the answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        recordArbitrary((rs) => fc.array(courseArbitrary(rs, fc.integer({ min: 0, max: 900 })), { maxLength: 8 })),
        fc.integer({ min: 1, max: 2000 }),
        fc.boolean(),
        async (record, daysOut, late) => {
          const rs = ruleSetOf(record);
          const before = await check(record);
          const { countsFrom, ends } = before.period!;
          // Before the period's first day, or (a period already over) between its end and the check.
          const over = daysBetween(ends, AS_OF);
          const completed = over > 0 && late ? addDays(ends, 1 + (daysOut % over)) : addDays(countsFrom, -daysOut);
          if (completed > AS_OF) return;
          // Approved as the rules want, so that only its date can keep it out.
          const approval = rs.renewal?.ce?.approvals?.accepted[0] ?? 'ncers';
          const outside = { title: 'Outside the period', hours: 8, completed, topics: topicsOf(rs).slice(0, 3), delivery: 'in-person' as const, approval };
          const after = await check({ ...record, courses: [...record.courses!, outside] });
          assert.deepEqual(answerOf(after), answerOf(before));
          assert.equal(after.courses.at(-1)!.counts, 'no');
          assert.match(after.courses.at(-1)!.reasons[0]!, /outside the period/);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('moving a course from live to self-study never helps: the outcome never improves, no hours to go shrink', async () => {
    await fc.assert(
      fc.asyncProperty(recordArbitrary((rs) => fc.array(courseArbitrary(rs, fc.integer({ min: 0, max: 400 })), { minLength: 1, maxLength: 8 })), fc.nat(), async (record, pick) => {
        const live = record.courses!.flatMap((c, i) => (c.delivery === 'in-person' || c.delivery === 'live-online' ? [i] : []));
        if (live.length === 0) return;
        const moved = live[pick % live.length]!;
        const before = await check(record);
        const after = await check({ ...record, courses: record.courses!.map((c, i) => (i === moved ? { ...c, delivery: 'self-study' as const } : c)) });
        assert.ok(renewalOutcomeRank(after.outcome) >= renewalOutcomeRank(before.outcome), `${named(record)}: ${before.outcome} → ${after.outcome}`);
        before.requirements.forEach((q, i) => {
          const then = after.requirements[i]!.hours;
          if (q.hours && then) assert.ok(then.toGo >= q.hours.toGo, `${named(record)} ${q.id}: ${q.hours.toGo} → ${then.toGo} hours to go`);
        });
      }),
      { numRuns: 1000 },
    );
  });
});
