import assert from 'node:assert/strict';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { evaluateProfile } from '../src/evaluateProfile';
import { fieldAt } from '../src/profile/profileFields';
import type { Evaluation } from '../src/checklist/evaluationTypes';
import { catalog } from './support/catalog';
import { profileArbitrary, ruleSetArbitrary } from './support/profileArbitrary';

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
    assert.ok(fieldAt(pointer), `${pointer} is a profile field`);
    // Asked for: a field not answered; the licenses list when a license in it leaves "active" or "years" open;
    // or a jurisdiction's confirmed items, which list what is done (an item not listed stays open).
    const licenses = (profile as { credentials?: { licenses?: { active?: boolean; years?: number }[] } }).credentials?.licenses;
    const openLicense = pointer === '/credentials/licenses' && (licenses ?? []).some((l) => l.active === undefined || l.years === undefined);
    const confirmations = /^\/attestations\/[A-Z]{2}$/.test(pointer);
    assert.ok(!pointerIn(profile, pointer) || openLicense || confirmations, `${pointer} is asked for but was answered`);
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
