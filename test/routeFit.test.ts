import assert from 'node:assert/strict';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { personas } from '../src/profile/personas';
import { formatText } from '../src/checklist/formatChecklist';
import { evaluateProfile } from '../src/evaluateProfile';
import type { Evaluation, PathwayResult } from '../src/checklist/evaluationTypes';
import { LICENSE_TYPES } from '../src/data/ruleSetTypes';
import { catalog } from './support/catalog';
import { profileArbitrary } from './support/profileArbitrary';

/**
 * Issue 9, items 2 and 3: the best route is one the person can take. Facts about the answer a person reads,
 * checked on generated profiles against all 102 rule sets through the real engine: a route's precondition
 * is "closed" when the requirement that checks it is unmet, "theirs" when it is met.
 */
const everyRuleSet = catalog().jurisdictions.flatMap((j) => LICENSE_TYPES.map((l) => j.ruleSets[l]));
// Drawn by name, so that a counterexample reads "TX/nha" rather than the whole rule set.
const ruleSetName = fc.constantFrom(...everyRuleSet.map((rs) => `${rs.jurisdiction}/${rs.license}`));
const byName = (name: string) => {
  const [code, license] = name.split('/');
  return catalog().get(code!, license!)!;
};
const profiles = profileArbitrary(catalog());

const gate = (p: PathwayResult) => (p.entry ? p.requirements.find((r) => r.id === p.entry!.requirement)!.status : undefined);
const closed = (p: PathwayResult) => gate(p) === 'unmet';
const best = (e: Evaluation) => e.pathways.find((p) => p.id === e.bestPathway)!;
const licenseRoute = (e: Evaluation) => e.pathways.find((p) => p.id === e.bestLicenseRoute)!;

describe('routes that fit the person (fast-check, all rule sets)', function () {
  this.timeout(120_000);

  it('never makes a route the person cannot take the best one while another is open to them (1,500 profiles)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSetName, profiles, async (name, profile) => {
        const rs = byName(name);
        const e = await evaluateProfile(rs, profile);
        if (!e.bestPathway || !e.pathways.some((p) => !closed(p))) return;
        assert.ok(!closed(best(e)), `${rs.jurisdiction} ${rs.license}: best route ${e.bestPathway} asks for what the person does not hold`);
      }),
      { numRuns: 1500 },
    );
  });

  it('never makes a time-limited credential the best route while a full one is open, unless it is the only route they can already get (1,500 profiles)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSetName, profiles, async (name, profile) => {
        const rs = byName(name);
        const e = await evaluateProfile(rs, profile);
        if (!e.bestPathway || best(e).term === 'full') return;
        // The contract: an eligible pathway is the best one where there is one; a time-limited route leads only then.
        const fullEligible = e.pathways.some((p) => p.term === 'full' && p.outcome === 'eligible');
        const onlyLimitedEligible = best(e).outcome === 'eligible' && !fullEligible;
        assert.ok(onlyLimitedEligible || e.pathways.every((p) => p.term === 'time-limited' || closed(p)), `${rs.jurisdiction} ${rs.license}: ${e.bestPathway} leads`);
      }),
      { numRuns: 1500 },
    );
  });

  it('leads with the route for license holders when the person holds an active license of the kind elsewhere (every rule set with one)', async () => {
    let checked = 0;
    for (const rs of everyRuleSet) {
      const endorsement = rs.pathways.find((p) => p.term === 'full' && p.entry?.holds === 'license-elsewhere');
      if (!endorsement) continue;
      // An administrator of this license type, licensed 10 years in a state other than this one (and other than
      // any the rule names as excluded: try a few), with nothing else answered.
      for (const from of ['FL', 'OH', 'WA', 'NY']) {
        if (from === rs.jurisdiction) continue;
        const e = await evaluateProfile(rs, { credentials: { licenses: [{ type: rs.license, jurisdiction: from, active: true, years: 10 }] } });
        if (gate(e.pathways.find((p) => p.id === endorsement.id)!) !== 'met') continue;
        // A route made for license holders leads: endorsement, or a first-license route that waives parts for them.
        const first = licenseRoute(e);
        assert.equal(first.entry?.holds, 'license-elsewhere', `${rs.jurisdiction} ${rs.license}: a ${rs.license} licensed in ${from} is shown ${first.title} first`);
        assert.equal(gate(first), 'met');
        checked++;
        break;
      }
    }
    assert.ok(checked >= 50, `${checked} rule sets with a route for license holders were checked`);
  });
});

describe('the advice over all 102 rule sets (fast-check)', function () {
  this.timeout(180_000);
  const fullInitial = (rs: (typeof everyRuleSet)[number]) => rs.pathways.some((p) => p.term === 'full' && p.kind === 'initial');

  it('a profile holding no license, no HSE and no role an endorsement asks for never gets an endorsement or time-limited route as its best route to a license (1,500 profiles)', async () => {
    await fc.assert(
      fc.asyncProperty(ruleSetName, profiles, async (name, generated) => {
        const rs = byName(name);
        // A role held elsewhere (Indiana's hospital executive) is what some endorsements recognise: not confirmed here.
        const roles = new Set(rs.pathways.flatMap((p) => (p.kind === 'endorsement' && p.entry ? [p.entry.requirement] : [])));
        const attested = (generated as { attestations?: Record<string, string[]> }).attestations;
        const attestations = attested && Object.fromEntries(Object.entries(attested).map(([code, ids]) => [code, ids.filter((id) => !roles.has(id))]));
        const profile = { ...generated, ...(attestations && { attestations }), credentials: { hse: false, licenses: [] } };
        const e = await evaluateProfile(rs, profile);
        if (!fullInitial(rs)) return;
        const first = licenseRoute(e);
        assert.deepEqual([first.kind, first.term], ['initial', 'full'], `${rs.jurisdiction} ${rs.license}: ${first.title}`);
      }),
      { numRuns: 1500 },
    );
  });

  it('doing more (more AIT hours or months of experience already counted, an exam passed) never lengthens any route\'s estimate (2,000 cases)', async () => {
    const hours = ['aitHours', 'alaCourseHours'] as const;
    const months = ['ltcManagementMonths', 'managementMonths', 'assistedLivingMonths', 'healthcareMonths'] as const;
    const exams = ['nabCore', 'nabNha', 'nabRcal', 'nabHcbs'] as const;
    const step = fc.oneof(
      fc.record({ kind: fc.constant('training' as const), field: fc.constantFrom(...hours), more: fc.integer({ min: 1, max: 2000 }) }),
      fc.record({ kind: fc.constant('experience' as const), field: fc.constantFrom(...months), more: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('exams' as const), field: fc.constantFrom(...exams), more: fc.constant(1) }),
    );
    const end = (max: number | null) => max ?? Infinity;
    await fc.assert(
      fc.asyncProperty(ruleSetName, profiles, step, async (name, profile, s) => {
        const rs = byName(name);
        const group = (profile[s.kind] ?? {}) as Record<string, unknown>;
        const now = group[s.field];
        // More of what is already counted; answering a blank is not doing more (a blank may have been done).
        fc.pre(s.kind === 'exams' ? now === false : typeof now === 'number');
        const value = s.kind === 'exams' ? true : Math.min((now as number) + s.more, s.kind === 'training' ? 100_000 : 1200);
        const before = await evaluateProfile(rs, profile);
        const after = await evaluateProfile(rs, { ...profile, [s.kind]: { ...group, [s.field]: value } });
        for (const p of before.pathways) {
          const q = after.pathways.find((x) => x.id === p.id)!;
          const where = `${rs.jurisdiction} ${rs.license} ${p.id} after ${s.field} ${String(now)} → ${String(value)}: ${p.estimate.words} became ${q.estimate.words}`;
          assert.ok(q.estimate.minMonths <= p.estimate.minMonths + 1e-9, where);
          assert.ok(end(q.estimate.maxMonths) <= end(p.estimate.maxMonths) + 1e-9, where);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the commonest people get the route they can start', () => {
  it('a nursing graduate with no answer about licenses is shown the Ohio first-license route, and asked the license question first', async () => {
    const oh = catalog().get('OH', 'nha')!;
    const graduate = { education: { highestDegree: 'bachelor' as const, field: 'nursing' as const, accredited: true } };
    const e = await evaluateProfile(oh, graduate);
    const bestRoute = best(e);
    assert.equal(bestRoute.kind, 'initial', `best route: ${bestRoute.title}`);
    assert.equal(bestRoute.entry, undefined);
    const question = oh.pathways.find((p) => p.entry?.holds === 'license-elsewhere')!.entry!.question;
    assert.deepEqual(e.entryQuestions.map((q) => q.question), [question]);
    const page = (await request(createApp(catalog())).post('/check').type('form').send({ jurisdiction: 'OH', license: 'nha', 'education.highestDegree': 'bachelor', 'education.field': 'nursing', 'education.accredited': 'yes' })).text;
    const questions = /<section aria-labelledby="questions-title">[\s\S]*?<\/section>/.exec(page)![0];
    assert.match(questions, new RegExp(`<li><a href="#f-credentials-licenses-0-type">${question.replace(/[?]/g, '\\?')}</a></li>`));
    assert.ok(questions.indexOf(question) < questions.indexOf('</li>'), 'the license question is asked first');
  });

  it('the registered-nurse and new-graduate examples never get a route for administrators licensed elsewhere as best, in any jurisdiction', async () => {
    for (const id of ['director-of-nursing', 'new-graduate', 'career-changer', 'assisted-living-manager']) {
      const persona = personas.find((p) => p.id === id)!;
      for (const rs of everyRuleSet) {
        const e = await evaluateProfile(rs, persona.profile);
        if (!e.bestPathway) continue;
        const b = best(e);
        assert.ok(!(b.entry?.holds === 'license-elsewhere' && gate(b) !== 'met'), `${id} in ${rs.jurisdiction} ${rs.license}: ${b.title}`);
      }
    }
  });
});

describe('a license holder in their own jurisdiction', () => {
  it('is told they are licensed there already, with the renewal terms, on the page, in the CLI and the API', async () => {
    const moving = personas.find((p) => p.id === 'moving-administrator')!;
    const [home] = (moving.profile.credentials as { licenses: { jurisdiction: string }[] }).licenses;
    const here = await evaluateProfile(catalog().get(home!.jurisdiction, 'nha')!, moving.profile);
    const elsewhere = await evaluateProfile(catalog().get('TX', 'nha')!, moving.profile);
    assert.deepEqual([here.alreadyLicensed, elsewhere.alreadyLicensed], [true, false]);
    // A license listed without saying it is active does not count as held.
    const unsure = await evaluateProfile(catalog().get('FL', 'nha')!, { credentials: { licenses: [{ type: 'nha', jurisdiction: 'FL' }] } });
    assert.equal(unsure.alreadyLicensed, false);

    const app = createApp(catalog());
    const api = (await request(app).post('/api/v1/evaluations').set('Content-Type', 'application/json').send({ jurisdiction: home!.jurisdiction, license: 'nha', profile: moving.profile })).body;
    assert.equal(api.alreadyLicensed, true);
    const page = (await request(app).post('/check').type('form').send({ jurisdiction: home!.jurisdiction, license: 'nha', 'credentials.licenses.0.type': 'nha', 'credentials.licenses.0.jurisdiction': home!.jurisdiction, 'credentials.licenses.0.active': 'yes', 'credentials.licenses.0.years': '5' })).text;
    assert.match(page, new RegExp(`You already hold an active ${here.title} license from ${here.jurisdictionName}\\.`));
    assert.match(page, /<h2 id="renewal-title">Keeping the credential<\/h2>/);
    assert.ok(formatText(here, '2026-12-02').includes(`You already hold an active ${here.title} license from ${here.jurisdictionName}: what is left is renewing it.`));
  });
});
