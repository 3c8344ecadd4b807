import assert from 'node:assert/strict';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { evaluateProfile } from '../src/evaluateProfile';
import type { LoadedRuleSet } from '../src/data/loadRuleSets';
import type { Evaluation, PathwayResult } from '../src/checklist/evaluationTypes';
import { loadGoldenFiles, profileOf } from '../tools/golden/goldenCases';
import { catalog } from './support/catalog';
import {
  answerArbitrary,
  hasAnswer,
  optionalAnswers,
  profileArbitrary,
  ruleSetArbitrary,
  schemaAt,
  setAnswer,
  withoutAnswers,
  type Profile,
} from './support/profileArbitrary';
import { watchPrototypes } from './support/prototypeGuard';

/**
 * Property-based tests (fast-check): generated profiles, valid and not, against every rule set, checked
 * against facts that hold whatever the rules say, never against a second working-out of the answer: a
 * route meeting every requirement is eligible, taking an answer away never settles a requirement the other
 * way, answering what is asked settles it. A failure prints the smallest case that breaks the property,
 * and the seed to replay it.
 */
const app = createApp(catalog());
const post = (body: string) => request(app).post('/api/v1/evaluations').set('Content-Type', 'application/json').send(body);
const profiles = profileArbitrary(catalog());
const ruleSets = ruleSetArbitrary(catalog());
const ruleSetOf = ({ jurisdiction, license }: { jurisdiction: string; license: string }) => catalog().get(jurisdiction, license)!;
const requirementsOf = (e: Evaluation) => e.pathways.flatMap((p) => p.requirements);
/** The items a person confirms (attestations) are asked for as a list that may already hold some. */
const isConfirmationList = (pointer: string) => /^\/attestations\/[A-Z]{2}$/.test(pointer);

const allMet = (p: PathwayResult) => p.requirements.every((r) => r.status === 'met');
const someUnmet = (p: PathwayResult) => p.requirements.some((r) => r.status === 'unmet');

/** A route's estimate: a range from now, and for a route already open, only the board's processing left. */
function assertEstimate(p: PathwayResult, ruleSet: LoadedRuleSet): void {
  const { minMonths, maxMonths, parts } = p.estimate;
  assert.ok(minMonths >= 0 && (maxMonths === null || minMonths <= maxMonths), `${p.id}: ${minMonths}–${maxMonths} months`);
  for (const part of parts) assert.ok(part.minMonths >= 0 && (part.maxMonths === null || part.minMonths <= part.maxMonths), `${p.id}, ${part.title}: ${part.minMonths}–${part.maxMonths}`);
  if (p.outcome === 'eligible') {
    const processing = ruleSet.assumptions.assumptions.licenseIssue!.months!;
    assert.ok(maxMonths !== null && maxMonths <= processing.max, `eligible ${p.id}: ${minMonths}–${maxMonths} months, more than the board's ${processing.max}`);
    assert.equal(p.estimate.band, 'now', p.id);
    assert.deepEqual(parts.flatMap((part) => part.requirement ?? []), [], `eligible ${p.id} has no step of its own left`);
  }
}

/** What the public contract says of every evaluation, each fact checked on its own. */
function assertContractFacts(e: Evaluation, profile: Profile, ruleSet: LoadedRuleSet): void {
  for (const p of e.pathways) {
    // A route meeting every requirement is eligible, and then so is the evaluation; one not met, and it is not.
    if (allMet(p)) assert.deepEqual([p.outcome, e.outcome], ['eligible', 'eligible'], `${p.id} meets every requirement`);
    if (someUnmet(p)) assert.equal(p.outcome, 'not-eligible', `${p.id} has a requirement not met`);
    assertEstimate(p, ruleSet);
  }
  if (e.outcome === 'eligible') assert.ok(allMet(e.pathways.find((p) => p.id === e.bestPathway)!), 'the best pathway of an eligible evaluation meets every requirement');
  if (e.pathways.length > 0 && e.pathways.every(someUnmet)) assert.equal(e.outcome, 'not-eligible', 'every route has a requirement not met');
  for (const pointer of e.missing) {
    // Asked for: a field of the profile (or the part of a listed license left open) that was not answered.
    assert.ok(schemaAt(pointer), `${pointer} is asked for but is no field of the profile schema`);
    assert.ok(!hasAnswer(profile, pointer) || isConfirmationList(pointer), `${pointer} is asked for but was answered`);
  }
}

describe('properties over generated profiles (fast-check)', function () {
  this.timeout(60000);

  it('every valid profile gets 200 from the API, and an answer that keeps to the contract (600 profiles)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSets, profiles, async (rs, profile) => {
        const res = await post(JSON.stringify({ ...rs, profile }));
        assert.equal(res.status, 200, res.text);
        assertContractFacts(res.body as Evaluation, profile, ruleSetOf(rs));
      }),
      { numRuns: 600 },
    );
  });

  it('taking answers away never turns met into not met or the reverse, only into unknown: requirements, routes and outcome (800 cases)', async () => {
    // A profile and some of its answers to take away; the same, read the other way, is adding answers.
    const cases = fc.tuple(ruleSets, profiles).chain(([rs, profile]) => fc.record({ rs: fc.constant(rs), profile: fc.constant(profile), removed: fc.subarray(optionalAnswers(profile)) }));
    await fc.assert(
      fc.asyncProperty(cases, async ({ rs, profile, removed }) => {
        const ruleSet = ruleSetOf(rs);
        const before = await evaluateProfile(ruleSet, profile);
        const after = await evaluateProfile(ruleSet, withoutAnswers(profile, removed));
        const statusAfter = new Map(requirementsOf(after).map((r) => [r.id, r.status]));
        for (const r of requirementsOf(before)) {
          const now = statusAfter.get(r.id)!;
          assert.ok(now === r.status || now === 'unknown', `${r.id}: ${r.status} became ${now} without ${removed.join(', ')}`);
        }
        const outcomeAfter = new Map(after.pathways.map((p) => [p.id, p.outcome]));
        for (const p of before.pathways) {
          const now = outcomeAfter.get(p.id)!;
          assert.ok(now === p.outcome || now === 'needs-information', `route ${p.id}: ${p.outcome} became ${now} without ${removed.join(', ')}`);
        }
        assert.ok(after.outcome === before.outcome || after.outcome === 'needs-information', `${before.outcome} became ${after.outcome} without ${removed.join(', ')}`);
      }),
      { numRuns: 800 },
    );
  });

  it('answering what an evaluation asks settles every requirement but the ones to confirm and the unverified (400 profiles)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSets, profiles, fc.gen(), async (rs, profile, answer) => {
        const ruleSet = ruleSetOf(rs);
        const answered = structuredClone(profile);
        let e = await evaluateProfile(ruleSet, answered);
        // A list of licenses given brings its own questions (each license's status and years): a few rounds.
        for (let round = 0; round < 3; round++) {
          const questions = e.missing.filter((pointer) => !isConfirmationList(pointer));
          if (questions.length === 0) break;
          for (const pointer of questions) setAnswer(answered, pointer, answer(answerArbitrary, pointer));
          e = await evaluateProfile(ruleSet, answered);
        }
        const open = requirementsOf(e).filter((r) => r.status === 'unknown' && r.verified && !r.attestable);
        assert.deepEqual(open.map((r) => `${r.id}: ${r.detail}`), [], JSON.stringify(answered));
        assertContractFacts(e, answered, ruleSet);
      }),
      { numRuns: 400 },
    );
  });

  /** The golden cases' eligible profiles: checked by hand against each jurisdiction's sources. */
  const eligibleCases = loadGoldenFiles().flatMap((file) =>
    file.cases
      .filter((c) => c.expect.outcome === 'eligible')
      .map((c) => ({
        name: `${file.jurisdiction} ${c.license}: ${c.name}`,
        rs: { jurisdiction: file.jurisdiction, license: c.license },
        profile: profileOf(c),
        routes: Object.entries(c.expect.pathways ?? {}).flatMap(([id, outcome]) => (outcome === 'eligible' ? [id] : [])),
      })),
  );

  /** The profile with the answers it lacks taken from another: what it says stays as it is. */
  function withAnswersFrom(profile: Profile, other: Profile): Profile {
    const out = structuredClone(profile);
    for (const [key, value] of Object.entries(other)) {
      const own = out[key];
      const bothObjects = [own, value].every((v) => v && typeof v === 'object' && !Array.isArray(v));
      if (!Object.hasOwn(out, key)) out[key] = structuredClone(value);
      else if (bothObjects) out[key] = withAnswersFrom(own as Profile, value as Profile);
    }
    return out;
  }

  it(`a golden case's eligible profile stays eligible by the same routes whatever else the person answers (${eligibleCases.length} cases, 600 runs)`, async () => {
    assert.ok(eligibleCases.length > 100, `${eligibleCases.length} eligible golden cases`);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...eligibleCases), profiles, async ({ name, rs, profile, routes }, other) => {
        const ruleSet = ruleSetOf(rs);
        const more = withAnswersFrom(profile, other);
        const e = await evaluateProfile(ruleSet, more);
        assert.equal(e.outcome, 'eligible', name);
        for (const id of routes) assert.equal(e.pathways.find((p) => p.id === id)?.outcome, 'eligible', `${name}: route ${id}`);
        assertContractFacts(e, more, ruleSet);
      }),
      { numRuns: 600 },
    );
  });

  /** The same object with its keys, at every depth, in the reverse order; lists keep theirs. */
  const reversedKeys = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(reversedKeys) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) : value;

  it('an evaluation depends on the answers only: the same again, and the same whatever the order of their keys (200 profiles)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSets, profiles, async (rs, profile) => {
        const ruleSet = ruleSetOf(rs);
        const first = await evaluateProfile(ruleSet, profile);
        assert.deepEqual(await evaluateProfile(ruleSet, profile), first);
        assert.deepEqual(await evaluateProfile(ruleSet, reversedKeys(profile) as Profile), first);
      }),
      { numRuns: 200 },
    );
  });

  /** One step of progress: an exam passed, AIT hours or experience months added. */
  const progress = fc.oneof(
    fc.record({ kind: fc.constant('exam' as const), exam: fc.constantFrom('nabCore', 'nabNha', 'nabRcal', 'nabHcbs') }),
    fc.record({ kind: fc.constant('stateExam' as const), code: fc.constantFrom(...catalog().jurisdictions.map((j) => j.code)) }),
    fc.record({ kind: fc.constant('ait' as const), hours: fc.integer({ min: 1, max: 3000 }) }),
    fc.record({ kind: fc.constant('experience' as const), field: fc.constantFrom('ltcManagementMonths', 'managementMonths', 'assistedLivingMonths', 'healthcareMonths'), months: fc.integer({ min: 1, max: 120 }) }),
  );
  type Progress = typeof progress extends fc.Arbitrary<infer T> ? T : never;

  function advance(profile: Record<string, any>, step: Progress): Record<string, any> {
    const next = structuredClone(profile);
    if (step.kind === 'exam') next.exams = { ...next.exams, [step.exam]: true };
    if (step.kind === 'stateExam') next.exams = { ...next.exams, stateExams: [...new Set([...(next.exams?.stateExams ?? []), step.code])] };
    if (step.kind === 'ait') next.training = { ...next.training, aitHours: Math.min((next.training?.aitHours ?? 0) + step.hours, 100_000) };
    if (step.kind === 'experience') next.experience = { ...next.experience, [step.field]: Math.min((next.experience?.[step.field] ?? 0) + step.months, 1200) };
    return next;
  }

  it('progress never hurts: one more exam, more AIT hours or more experience keeps eligible eligible and met met (800 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSets, profiles, progress, async (rs, profile, step) => {
        const ruleSet = ruleSetOf(rs);
        const before = await evaluateProfile(ruleSet, profile);
        const after = await evaluateProfile(ruleSet, advance(profile, step));
        const where = `${rs.jurisdiction} ${rs.license} after ${JSON.stringify(step)}`;
        if (before.outcome === 'eligible') assert.equal(after.outcome, 'eligible', where);
        const statusAfter = new Map(requirementsOf(after).map((r) => [r.id, r.status]));
        for (const r of requirementsOf(before)) if (r.status === 'met') assert.equal(statusAfter.get(r.id), 'met', `${r.id} ${where}`);
      }),
      { numRuns: 800 },
    );
  });

  /** Ways to make a valid request invalid, each surely invalid. */
  const corruption = fc.oneof(
    fc.record({ path: fc.constantFrom('age', 'education.ltcCreditHours', 'training.aitHours', 'experience.healthcareMonths'), value: fc.constantFrom(-1, 1e9, 'ten', true, null, [], {}) }),
    fc.record({ path: fc.constantFrom('education.highestDegree', 'education.field', 'credentials.licenses'), value: fc.constantFrom('phd', 3, 'x', { type: 'nha' }) }),
    fc.record({ path: fc.constantFrom('exams.nabCore', 'credentials.hse', 'background.checkCleared'), value: fc.constantFrom('yes', 1, 'true') }),
    // (undefined would vanish in JSON, leaving a valid profile)
    fc.record({ path: fc.constantFrom('educaton', 'exams.stateExam', 'surname', 'education.gpa'), value: fc.anything().filter((v) => v !== undefined) }),
    fc.record({ path: fc.constantFrom('exams.stateExams', 'attestations'), value: fc.constantFrom(['ZZ'], ['tx'], { ZZ: ['x'] }, { TX: ['no-such-item'] }, 'TX') }),
  );

  function corrupt(profile: Profile, { path, value }: { path: string; value: unknown }): Profile {
    const copy = structuredClone(profile);
    const keys = path.split('.');
    let node = copy;
    for (const key of keys.slice(0, -1)) node = (node[key] && typeof node[key] === 'object' ? node[key] : (node[key] = {})) as Profile;
    node[keys.at(-1)!] = value;
    return copy;
  }

  it('every invalid body gets a 4xx problem+json, never a 5xx (800 bodies)', async () => {
    const bodies = fc.oneof(
      fc.tuple(ruleSets, profiles, corruption).map(([rs, profile, c]) => JSON.stringify({ ...rs, profile: corrupt(profile, c) })),
      fc.anything().map((x) => JSON.stringify(x) ?? 'undefined'),
      fc.string(),
      fc.tuple(ruleSets, profiles, fc.constantFrom('__proto__', 'constructor', 'prototype')).map(
        ([rs, profile, key]) => `{"jurisdiction":"${rs.jurisdiction}","license":"${rs.license}","profile":${JSON.stringify(profile).replace(/^\{/, `{"${key}":{"isAdmin":true},`).replace(',}', '}')}}`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await post(body);
        assert.ok(res.status >= 400 && res.status < 500, `${res.status} for ${body.slice(0, 200)}`);
        assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
        assert.equal(JSON.parse(res.text).status, res.status);
      }),
      { numRuns: 800 },
    );
  });

  /** Names that reach a prototype, or an inherited method, when a path setter follows them. */
  const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
  const attestableIds = [...new Set(catalog().jurisdictions.flatMap((j) => Object.values(j.ruleSets).flatMap((rs) => rs.requirements.filter((r) => r.attestable).map((r) => r.id))))];
  const codes = catalog().jurisdictions.map((j) => j.code);

  /** Every input name the pages' forms have: the profile form with a jurisdiction's items, and the comparison's controls. */
  let formNames: Promise<string[]> | undefined;
  const namesIn = (page: string) => [...page.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]!);
  const pageFormNames = () =>
    (formNames ??= Promise.all([request(app).get('/?jurisdiction=TX&license=nha'), request(app).post('/compare').type('form').send({ license: 'nha' })]).then((pages) => [
      ...new Set(pages.flatMap((p) => namesIn(p.text))),
    ]));

  /**
   * A form body as the wire carries it: often led by a jurisdiction (known, prototype-named or any), a license
   * and items to confirm, the inputs that once built an object path, then any inputs.
   */
  function formBodies(names: string[]) {
    const segment = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom(...new Set(names.flatMap((n) => n.split('.')))), fc.string({ maxLength: 8 }));
    const dotted = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));
    const formKey = fc.oneof(
      fc.constantFrom(...names),
      dotted,
      fc.tuple(fc.constantFrom(...names), fc.constantFrom(...PROTOTYPE_NAMES)).map(([name, p]) => `${name}.${p}`),
      fc.string({ maxLength: 12 }),
    );
    const prototypePath = fc.constantFrom('__proto__.x', '__proto__', 'constructor.prototype', 'constructor.prototype.x', 'prototype', 'toString.x', ...PROTOTYPE_NAMES);
    const formValue = fc.oneof(
      fc.constantFrom(...codes, 'nha', 'ala', 'yes', 'no', 'none', '1,000', '-1', '1e9', 'TX, FL', ...attestableIds),
      prototypePath,
      dotted,
      fc.string({ maxLength: 12 }),
      fc.integer({ min: -10, max: 5000 }).map(String),
    );
    return fc
      .tuple(
        fc.option(
          fc.tuple(fc.oneof(fc.constantFrom(...codes), prototypePath, formValue), fc.oneof(fc.constantFrom('nha', 'ala'), formValue), fc.array(fc.oneof(fc.constantFrom(...attestableIds), formValue), { maxLength: 2 })),
          { nil: undefined },
        ),
        fc.array(fc.tuple(formKey, formValue), { maxLength: 12 }),
      )
      .map(([lead, pairs]) => {
        const [jurisdiction, license, attested] = lead ?? [];
        const leading = lead ? [['jurisdiction', jurisdiction!], ['license', license!], ...attested!.map((id) => ['attestations', id])] : [];
        return new URLSearchParams([...leading, ...pairs]).toString();
      });
  }

  for (const route of ['/check', '/compare']) {
    it(`every form body posted to ${route}, whatever its names and values, gets 200 or 4xx and leaves the prototypes alone (250 bodies)`, async () => {
      const names = await pageFormNames();
      assert.ok(names.includes('training.aitHours') && names.includes('credentials.licenses.0.type') && names.includes('attestations') && names.includes('sort'), names.join(' '));
      const prototypes = watchPrototypes();
      await fc.assert(
        fc.asyncProperty(formBodies(names), async (body) => {
          const res = await request(app).post(route).type('form').send(body);
          // Put back what a body changed before judging it, so that the next run (and shrinking) starts clean.
          const changes = prototypes.changes();
          prototypes.restore();
          assert.deepEqual(changes, [], `the prototypes changed after ${body}`);
          assert.ok(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ${body}`);
        }),
        { numRuns: 250 },
      );
    });
  }
});
