import assert from 'node:assert/strict';
import request from 'supertest';
import { spawnSync } from 'node:child_process';
import { evaluateProfile } from '../src/evaluateProfile';
import { createApp } from '../src/web/createApp';
import { projectRoot } from '../src/projectRoot';
import { catalog } from './support/catalog';
import { cliCommand } from './support/builtApp';
import { bachelorRequirement, fictionalRuleSet } from './support/fictionalRuleSet';

/**
 * Issue 9, item 4: the time to a license, through the real pipeline (engine, fold, estimate, wording). The
 * expected figures come from rules/estimates.json and plain arithmetic (1,000 hours at 40 a week is 1,000 ÷
 * (40 × 52 ÷ 12) months), not from the estimator's code.
 */
const assumptions = catalog().assumptions;
const months = (id: string) => assumptions.assumptions[id]!.months!;
const exams = ['examApproval', 'examPreparation', 'examSitting'].map(months);
const examMin = exams.reduce((a, r) => a + r.min, 0);
const examMax = exams.reduce((a, r) => a + r.max, 0);
const issue = months('licenseIssue');
const fullTimeMonth = 40 * (52 / 12);
const close = (actual: number | null, expected: number, what: string) => assert.ok(actual !== null && Math.abs(actual - expected) < 0.11, `${what}: ${actual} ≠ ${expected}`);

const rule = { fact: 'profile' as const };
const ruleSet = fictionalRuleSet({
  requirements: [
    bachelorRequirement,
    { id: 'residency', title: '6-month residency', category: 'training', description: 'Six months full time.', sources: ['rule-1'], remedy: 'Serve it.',
      conditions: { all: [{ ...rule, path: 'training.aitHours', operator: 'greaterThanInclusive', value: 1040 }] },
      conversion: { text: '6 months of full-time residency, counted as 1,040 AIT hours at 40 hours a week', assumption: 'fullTimeWeek' } },
    { id: 'experience', title: 'A year of management', category: 'experience', description: 'Twelve months.', sources: ['rule-1'], remedy: 'Work a year.',
      conditions: { all: [{ ...rule, path: 'experience.ltcManagementMonths', operator: 'greaterThanInclusive', value: 12 }] } },
    { id: 'course', title: '100-hour course', category: 'training', description: 'A course.', sources: ['rule-1'], remedy: 'Take it.', attestable: true, takes: { hours: 100 } },
    { id: 'site', title: 'Approved site', category: 'training', description: 'The residency site is approved.', sources: ['rule-1'], remedy: 'Ask.', attestable: true, takes: { months: 0 } },
    { id: 'practice', title: 'Practice elsewhere', category: 'experience', description: 'Untimed practice.', sources: ['rule-1'], remedy: 'Practise.', attestable: true },
    { id: 'exam', title: 'National exam', category: 'exam', description: 'Pass it.', sources: ['rule-1'], remedy: 'Pass it.',
      conditions: { all: [{ ...rule, path: 'exams.nabCore', operator: 'equal', value: true }] } },
    { id: 'state-exam', title: 'State exam', category: 'exam', description: 'Pass it.', sources: ['rule-1'], remedy: 'Pass it.',
      conditions: { all: [{ ...rule, path: 'exams.stateExams', operator: 'contains', value: 'DC' }] } },
    { id: 'form', title: 'Board form', category: 'application', description: 'A form.', sources: ['rule-1'], remedy: 'File the form.', attestable: true },
    { id: 'secret', title: 'Unpublished program', category: 'training', description: 'Unclear.', sources: ['rule-1'], remedy: 'Ask.', unverified: 'terms not published' },
  ],
  pathways: [
    { id: 'residency-route', title: 'Degree and residency', kind: 'initial', term: 'full', requires: ['degree', 'residency', 'site', 'exam', 'state-exam', 'form'] },
    { id: 'experience-route', title: 'Degree, residency and a year', kind: 'initial', term: 'full', requires: ['degree', 'residency', 'experience', 'exam', 'form'] },
    { id: 'course-route', title: 'Course', kind: 'initial', term: 'full', requires: ['course', 'exam', 'form'] },
    { id: 'practice-route', title: 'Practice', kind: 'initial', term: 'full', requires: ['practice', 'form'] },
    { id: 'secret-route', title: 'Unpublished', kind: 'initial', term: 'full', requires: ['secret', 'form'] },
  ],
});
const route = async (profile: object, id: string) => (await evaluateProfile(ruleSet, profile)).pathways.find((p) => p.id === id)!;
const graduate = { education: { highestDegree: 'bachelor' }, training: { aitHours: 0 }, exams: { nabCore: false, stateExams: [] }, attestations: { DC: ['form'] } };

describe('time to a license', () => {
  it('paces hours still to do at 40 a week, then adds the exams once and the board\'s processing', async () => {
    const r = await route(graduate, 'residency-route');
    const residency = 1040 / fullTimeMonth;
    close(r.estimate.minMonths, residency + examMin + issue.min, 'shortest');
    close(r.estimate.maxMonths, residency + examMax + issue.max, 'longest');
    assert.equal(r.estimate.parts.filter((p) => p.title === 'Preparing for the exams').length, 1, 'two exams, one exam step');
    assert.deepEqual(r.estimate.assumptions.map((a) => a.id).sort(), ['examApproval', 'examPreparation', 'examSitting', 'fullTimeWeek', 'licenseIssue']);
    assert.match(r.requirements.find((x) => x.id === 'residency')!.detail, /0 of 1,040 AIT hours — 1,040 to go\. How it is counted: 6 months of full-time residency, counted as 1,040 AIT hours at 40 hours a week\./);
  });

  it('takes twice as long on hours at 20 hours a week, and says so', async () => {
    const r = await route({ ...graduate, training: { aitHours: 0, hoursPerWeek: 20 } }, 'residency-route');
    close(r.estimate.minMonths, (2 * 1040) / fullTimeMonth + examMin + issue.min, 'shortest at 20 hours a week');
    assert.equal(r.estimate.hoursPerWeek, 20);
    assert.ok(r.estimate.parts.some((p) => p.basis === '1,040 hours at 20 hours a week'));
  });

  it('lets training and experience overlap at best and follow each other at worst', async () => {
    const r = await route({ ...graduate, experience: { ltcManagementMonths: 0 } }, 'experience-route');
    close(r.estimate.minMonths, Math.max(12, 1040 / fullTimeMonth) + examMin + issue.min, 'shortest: the longer of the two');
    close(r.estimate.maxMonths, 12 + 1040 / fullTimeMonth + examMax + issue.max, 'longest: one after the other');
  });

  it('adds a degree still to earn from the one held, by the assumptions of rules/estimates.json', async () => {
    const r = await route({ ...graduate, education: { highestDegree: 'high-school' } }, 'residency-route');
    const degree = [months('earnAssociate'), months('earnBachelor')];
    close(r.estimate.minMonths, degree[0]!.min + degree[1]!.min + 1040 / fullTimeMonth + examMin + issue.min, 'shortest');
    assert.ok(r.estimate.band === 'over-12');
  });

  it('counts what is unanswered as maybe done: the shortest time drops, the longest keeps the whole step', async () => {
    const r = await route({ ...graduate, training: {} }, 'residency-route');
    close(r.estimate.minMonths, examMin + issue.min, 'shortest, the residency perhaps done');
    close(r.estimate.maxMonths, 1040 / fullTimeMonth + examMax + issue.max, 'longest, the residency still to do');
  });

  it('times what the profile cannot measure by the rule data\'s own length, and a qualifying item as none', async () => {
    const course = await route({ exams: { nabCore: true } }, 'course-route');
    close(course.estimate.maxMonths, 100 / fullTimeMonth + issue.max, 'the 100-hour course, unconfirmed');
    const residency = await route({ ...graduate, training: { aitHours: 1040 } }, 'residency-route');
    assert.ok(!residency.estimate.parts.some((p) => p.requirement === 'site'), 'the approved site adds no step');
  });

  it('says "at least" where a step has no stated length, and names what rests on an unverified requirement', async () => {
    const practice = await route({}, 'practice-route');
    assert.equal(practice.estimate.maxMonths, null);
    assert.match(practice.estimate.words, /^at least|^length not known/);
    assert.equal(practice.estimate.band, 'unknown');
    const secret = await route({}, 'secret-route');
    assert.deepEqual(secret.estimate.unverified, ['Unpublished program']);
  });

  it('puts an eligible route in the "now" band, with only the board\'s processing ahead', async () => {
    const r = await route({ education: { highestDegree: 'bachelor' }, training: { aitHours: 1040 }, exams: { nabCore: true, stateExams: ['DC'] }, attestations: { DC: ['form', 'site'] } }, 'residency-route');
    assert.equal(r.outcome, 'eligible');
    assert.equal(r.estimate.band, 'now');
    close(r.estimate.maxMonths, issue.max, 'processing only');
  });
});

describe('the weekly hours, where people give them', () => {
  const profile = { education: { highestDegree: 'bachelor', accredited: true, field: 'business' }, training: { aitHours: 600 } };
  it('the API takes them in the profile and paces the estimate by them', async () => {
    const app = createApp(catalog());
    const post = (p: object) => request(app).post('/api/v1/evaluations').set('Content-Type', 'application/json').send({ jurisdiction: 'TX', license: 'nha', profile: p });
    const full = (await post(profile)).body;
    const half = (await post({ ...profile, training: { ...profile.training, hoursPerWeek: 20 } })).body;
    const best = (e: { bestLicenseRoute: string; pathways: { id: string; estimate: { minMonths: number; hoursPerWeek: number } }[] }) => e.pathways.find((p) => p.id === e.bestLicenseRoute)!.estimate;
    assert.equal(best(full).hoursPerWeek, 40);
    assert.equal(best(half).hoursPerWeek, 20);
    assert.ok(best(half).minMonths > best(full).minMonths, 'fewer hours a week, longer');
    assert.equal((await post({ ...profile, training: { hoursPerWeek: 0 } })).status, 422);
  });

  it('the form asks for them and the result page says what pace it used', async () => {
    const app = createApp(catalog());
    const form = (await request(app).get('/')).text;
    assert.match(form, /name="training\.hoursPerWeek"/);
    const page = (await request(app).post('/check').type('form').send({ jurisdiction: 'TX', license: 'nha', 'education.highestDegree': 'bachelor', 'education.accredited': 'yes', 'education.field': 'business', 'training.aitHours': '600', 'training.hoursPerWeek': '20' })).text;
    assert.match(page, /Hours still to do are paced at 20 hours a week/);
    assert.match(page, /400 hours at 20 hours a week/);
  });

  it('the CLI takes them as --hours-per-week, over the profile\'s own answer', () => {
    const run = spawnSync(process.execPath, [...cliCommand, 'check', '-j', 'TX', '-w', '20', '-'], {
      cwd: projectRoot,
      input: JSON.stringify({ ...profile, training: { aitHours: 600, hoursPerWeek: 40 } }),
      encoding: 'utf8',
    });
    assert.equal(run.status, 10, run.stderr); // needs information: the outcome's code, not a usage error
    assert.match(run.stdout, /400 hours at 20 hours a week/);
    const refused = spawnSync(process.execPath, [...cliCommand, 'check', '-j', 'TX', '-w', 'lots', '-'], { cwd: projectRoot, input: '{}', encoding: 'utf8' });
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /give a number of hours from 1 to 80/);
  });
});
