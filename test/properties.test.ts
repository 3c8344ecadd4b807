import assert from 'node:assert/strict';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { evaluateProfile } from '../src/evaluateProfile';
import { fieldGroups, fieldLabel } from '../src/profile/profileFields';
import { NO_LICENSES } from '../src/profile/flatProfile';
import type { Evaluation } from '../src/checklist/evaluationTypes';
import { catalog } from './support/catalog';
import { profileArbitrary, ruleSetArbitrary } from './support/profileArbitrary';
import { watchPrototypes } from './support/prototypeGuard';

/**
 * Property-based tests (fast-check): thousands of generated profiles, valid and not, against every rule set.
 * A failure prints the smallest profile that breaks the property, and the seed to replay it.
 */
const app = createApp(catalog());
const post = (body: string) => request(app).post('/api/v1/evaluations').set('Content-Type', 'application/json').send(body);
const profiles = profileArbitrary(catalog());
const ruleSets = ruleSetArbitrary(catalog());

function pointerIn(profile: unknown, pointer: string): boolean {
  let node = profile;
  for (const key of pointer.split('/').slice(1)) {
    if (!node || typeof node !== 'object' || !(key in node)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return true;
}

/** The contract's outcome rules, checked on an answer against its own requirement statuses. */
function assertConsistent(e: Evaluation, profile: object): void {
  for (const p of e.pathways) {
    const statuses = p.requirements.map((r) => r.status);
    const expected = statuses.includes('unmet') ? 'not-eligible' : statuses.includes('unknown') ? 'needs-information' : 'eligible';
    assert.equal(p.outcome, expected, `pathway ${p.id}`);
    assert.deepEqual(p.counts, { met: statuses.filter((s) => s === 'met').length, unmet: statuses.filter((s) => s === 'unmet').length, unknown: statuses.filter((s) => s === 'unknown').length });
  }
  const outcomes = e.pathways.map((p) => p.outcome);
  const overall = outcomes.length === 0 ? 'no-credential' : outcomes.includes('eligible') ? 'eligible' : outcomes.includes('needs-information') ? 'needs-information' : 'not-eligible';
  assert.equal(e.outcome, overall);
  const best = e.pathways.find((p) => p.id === e.bestPathway);
  if (e.outcome === 'eligible') assert.equal(best?.outcome, 'eligible');
  if (e.pathways.length) assert.ok(best, 'a best pathway is named');
  for (const pointer of e.missing) {
    assert.notEqual(fieldLabel(pointer), pointer, `${pointer} is a profile field, or a part of one item of a list field`);
    // Asked for: a field not answered, or the part of a listed license left open (its status, its years);
    // or a jurisdiction's confirmed items, which list what is done (an item not listed stays open).
    const confirmations = /^\/attestations\/[A-Z]{2}$/.test(pointer);
    assert.ok(!pointerIn(profile, pointer) || confirmations, `${pointer} is asked for but was answered`);
  }
}

describe('properties over generated profiles (fast-check)', function () {
  this.timeout(120000);

  it('every valid profile gets 200 from the API, with outcomes consistent with its requirement statuses (2,000 profiles)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSets, profiles, async ({ jurisdiction, license }, profile) => {
        const res = await post(JSON.stringify({ jurisdiction, license, profile }));
        assert.equal(res.status, 200, res.text);
        assertConsistent(res.body as Evaluation, profile);
      }),
      { numRuns: 2000 },
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

  function corrupt(profile: Record<string, unknown>, { path, value }: { path: string; value: unknown }): Record<string, unknown> {
    const copy = structuredClone(profile);
    const keys = path.split('.');
    let node = copy;
    for (const key of keys.slice(0, -1)) node = (node[key] && typeof node[key] === 'object' ? node[key] : (node[key] = {})) as Record<string, unknown>;
    node[keys.at(-1)!] = value;
    return copy;
  }

  it('every invalid body gets a 4xx problem+json, never a 5xx (1,500 bodies)', async () => {
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
      { numRuns: 1500 },
    );
  });

  /** Names that reach a prototype, or an inherited method, when a path setter follows them. */
  const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
  /** Every input name the form has, licenses rows included. */
  const formNames = [
    'jurisdiction',
    'license',
    'sort',
    NO_LICENSES,
    ...fieldGroups.flatMap((g) => g.fields).flatMap((f) =>
      f.kind === 'licenses' ? [0, 1, 2].flatMap((i) => ['type', 'jurisdiction', 'active', 'years'].map((part) => `${f.path}.${i}.${part}`)) : [f.path],
    ),
  ];
  const attestableIds = [...new Set(catalog().jurisdictions.flatMap((j) => Object.values(j.ruleSets).flatMap((rs) => rs.requirements.filter((r) => r.attestable).map((r) => r.id))))];
  const codes = catalog().jurisdictions.map((j) => j.code);
  const segment = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom(...new Set(formNames.flatMap((n) => n.split('.')))), fc.string({ maxLength: 8 }));
  const dotted = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('.'));
  const formKey = fc.oneof(
    fc.constantFrom(...formNames),
    dotted,
    fc.tuple(fc.constantFrom(...formNames), fc.constantFrom(...PROTOTYPE_NAMES)).map(([name, p]) => `${name}.${p}`),
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
  /**
   * A form body as the wire carries it: often led by a jurisdiction (known, prototype-named or any), a license
   * and items to confirm, the inputs that once built an object path, then any inputs.
   */
  const formBodies = fc
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

  for (const route of ['/check', '/compare']) {
    it(`every form body posted to ${route}, whatever its names and values, gets 200 or 4xx and leaves the prototypes alone (500 bodies)`, async () => {
      const prototypes = watchPrototypes();
      await fc.assert(
        fc.asyncProperty(formBodies, async (body) => {
          const res = await request(app).post(route).type('form').send(body);
          // Put back what a body changed before judging it, so that the next run (and shrinking) starts clean.
          const changes = prototypes.changes();
          prototypes.restore();
          assert.deepEqual(changes, [], `the prototypes changed after ${body}`);
          assert.ok(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ${body}`);
        }),
        { numRuns: 500 },
      );
    });
  }

  /** One step of progress: an exam passed, AIT hours or experience months added. */
  const progress = fc.oneof(
    fc.record({ kind: fc.constant('exam' as const), exam: fc.constantFrom('nabCore', 'nabNha', 'nabRcal', 'nabHcbs') }),
    fc.record({ kind: fc.constant('stateExam' as const), code: fc.constantFrom(...catalog().jurisdictions.map((j) => j.code)) }),
    fc.record({ kind: fc.constant('ait' as const), hours: fc.integer({ min: 1, max: 3000 }) }),
    fc.record({ kind: fc.constant('experience' as const), field: fc.constantFrom('ltcManagementMonths', 'managementMonths', 'assistedLivingMonths', 'healthcareMonths'), months: fc.integer({ min: 1, max: 120 }) }),
  );

  function advance(profile: Record<string, any>, step: fc.Arbitrary<unknown> extends never ? never : any): Record<string, any> {
    const next = structuredClone(profile);
    if (step.kind === 'exam') next.exams = { ...next.exams, [step.exam]: true };
    if (step.kind === 'stateExam') next.exams = { ...next.exams, stateExams: [...new Set([...(next.exams?.stateExams ?? []), step.code])] };
    if (step.kind === 'ait') next.training = { ...next.training, aitHours: Math.min((next.training?.aitHours ?? 0) + step.hours, 100_000) };
    if (step.kind === 'experience') next.experience = { ...next.experience, [step.field]: Math.min((next.experience?.[step.field] ?? 0) + step.months, 1200) };
    return next;
  }

  it('progress never hurts: one more exam, more AIT hours or more experience keeps eligible eligible and met met (2,000 cases)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSets, profiles, progress, async ({ jurisdiction, license }, profile, step) => {
        const ruleSet = catalog().get(jurisdiction, license)!;
        const before = await evaluateProfile(ruleSet, profile);
        const after = await evaluateProfile(ruleSet, advance(profile, step));
        if (before.outcome === 'eligible') assert.equal(after.outcome, 'eligible', `${jurisdiction} ${license} after ${JSON.stringify(step)}`);
        const statusAfter = new Map(after.pathways.flatMap((p) => p.requirements).map((r) => [r.id, r.status]));
        for (const r of before.pathways.flatMap((p) => p.requirements)) {
          if (r.status === 'met') assert.equal(statusAfter.get(r.id), 'met', `${jurisdiction} ${license} ${r.id} after ${JSON.stringify(step)}`);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
