import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { schemas, toProblems } from '../src/data/schemas';
import { fieldModel, itemLabel, profileModel, type ProfileSchema } from '../src/profile/profileFields';
import { flatFromProfile, profileFromFlat, type FlatValues } from '../src/profile/flatProfile';
import { readClients } from '../src/cli/batchClients';
import { formView, inputNameFor } from '../src/web/profileForm';
import { formErrors } from '../src/web/formErrors';
import { answersGiven } from '../src/web/answersGiven';
import { renderPage } from '../src/web/renderPage';
import { catalog } from './support/catalog';

/**
 * Issue 10: a list field added to the profile schema is asked by the form, read from a CSV cell, carried
 * between pages and put in words with no code change. The trial fields below exist only in a copy of the
 * schema; nothing in src/ names them.
 */
const trialSchema = structuredClone(schemas['profile.schema.json']) as ProfileSchema;
trialSchema.properties!.training!.properties = {
  ...trialSchema.properties!.training!.properties,
  courses: {
    title: 'Courses completed',
    description: 'State-approved courses you have completed.',
    type: 'array',
    maxItems: 10,
    items: { type: 'string', enum: ['dementia-care', 'infection-control'], 'x-labels': { 'dementia-care': 'Dementia care', 'infection-control': 'Infection control' } },
  },
  otherCourses: { title: 'Other courses', type: 'array', maxItems: 10, items: { type: 'string', maxLength: 40 } },
  placements: {
    title: 'Placements',
    type: 'array',
    maxItems: 4,
    items: {
      'x-item': 'Placement',
      type: 'object',
      properties: {
        setting: { title: 'Placement setting', type: 'string', enum: ['nursing-home', 'assisted-living'], 'x-labels': { 'nursing-home': 'Nursing home', 'assisted-living': 'Assisted living' } },
        hours: { title: 'Hours', type: 'number', minimum: 0, maximum: 5000 },
      },
    },
  },
} as Record<string, ProfileSchema>;
const trial = fieldModel(trialSchema);
const validateTrial = new Ajv2020({ strict: false, allErrors: true }).compile(trialSchema);
const trialProblems = (profile: object) => (validateTrial(profile) ? [] : toProblems(validateTrial.errors));

const stateName = (code: string) => catalog().jurisdictions.find((j) => j.code === code)?.name;
/** A parsed profile as plain JSON: what the API would be sent (the parser builds null-prototype objects). */
const plain = (v: unknown) => JSON.parse(JSON.stringify(v)) as Record<string, unknown>;
const parse = (values: FlatValues) => profileFromFlat({ jurisdiction: 'TX', license: 'nha', ...values }, catalog(), { model: trial });
const homePage = (values: FlatValues, errors = new Map<string, string>()) =>
  renderPage('home', { title: 'Check a profile', examples: [], form: formView(catalog(), values, errors, undefined, trial), submitLabel: 'Check my profile' });

describe('list fields follow the schema (issue 10)', () => {
  it('gives each real field the kind its shape says: a list of codes, rows from the item schema, lists keyed by jurisdiction', () => {
    const exams = profileModel.fieldAt('/exams/stateExams')!;
    assert.equal(exams.kind, 'choiceList');
    assert.equal(exams.jurisdictions, true);
    assert.equal(exams.options?.length, 51);
    const licenses = profileModel.fieldAt('/credentials/licenses')!;
    assert.equal(licenses.kind, 'rows');
    assert.equal(licenses.maxItems, 20);
    assert.equal(licenses.itemTitle, 'License');
    assert.deepEqual(licenses.parts?.map((p) => [p.path, p.kind]), [['type', 'choice'], ['jurisdiction', 'choice'], ['active', 'boolean'], ['years', 'number']]);
    assert.equal(profileModel.fieldAt('/attestations/TX')?.kind, 'keyedLists');
  });

  it('names a list entry or a choice: states by the rule data\'s names where given, else the schema\'s labels, else the value', () => {
    assert.equal(itemLabel('/exams/stateExams', 'TX', stateName), 'Texas');
    assert.equal(itemLabel('/exams/stateExams', 'TX'), 'TX');
    assert.equal(itemLabel('/credentials/licenses/0/jurisdiction', 'GA', stateName), 'Georgia');
    assert.equal(itemLabel('/credentials/licenses/3/type', 'rn'), 'Registered nurse');
    assert.equal(itemLabel('/education/highestDegree', 'bachelor'), "Bachelor's degree");
    assert.equal(trial.itemLabel('/training/courses', 'infection-control'), 'Infection control');
    assert.equal(trial.itemLabel('/training/courses', 'knitting'), 'knitting');
    assert.equal(trial.itemLabel('/training/otherCourses', 'Wound care'), 'Wound care');
  });

  it('asks a list added to the schema in the form: one text input for a list, a row per item up to maxItems', () => {
    const page = homePage({});
    assert.match(page, /<label for="f-training-courses">Courses completed<\/label>/);
    assert.match(page, /name="training\.courses" type="text" value=""/);
    assert.match(page, /Any of: Dementia care; Infection control, separated by commas; or “none”\./);
    assert.match(page, /name="training\.otherCourses" type="text"/);
    assert.equal(page.match(/<legend>Placement \d<\/legend>/g)?.length, 4);
    // Inside "Placement 1", the part titled "Placement setting" needs no repeat of the item's name.
    assert.match(page, /<label for="f-training-placements-0-setting">Setting<\/label>/);
    assert.match(page, /name="training\.placements\.3\.hours" type="number"/);
    assert.match(page, /name="training\.placements\.none" value="yes"/);
    assert.match(page, /<option value="assisted-living">Assisted living<\/option>/);
    // The real fields are still there, asked as before.
    assert.match(page, /name="exams\.stateExams" type="text"/);
    assert.equal(page.match(/<legend>License \d+<\/legend>/g)?.length, 20);
  });

  it('reads a list from a cell or input: choices in any case, free text kept as typed, "none" as an empty list', () => {
    const parsed = parse({
      'training.courses': 'Dementia-Care; infection-control',
      'training.otherCourses': ' Wound care ;  cpr, Wound care',
      'training.placements.1.setting': 'Assisted Living',
      'training.placements.1.hours': '1,200',
      'training.placements.0.hours': '',
    });
    const training = plain(parsed.profile.training);
    assert.deepEqual(training.courses, ['dementia-care', 'infection-control']);
    assert.deepEqual(training.otherCourses, ['Wound care', 'cpr'], 'trimmed, once each, never upper-cased');
    assert.deepEqual(training.placements, [{ setting: 'assisted-living', hours: 1200 }], 'a blank row is no row');
    assert.deepEqual(trialProblems(parsed.profile), [], 'valid against the schema that has the fields');
    // The running app's own schema does not have them, and refuses only them.
    assert.deepEqual(parsed.problems.map((p) => p.pointer).sort(), ['/training/courses', '/training/otherCourses', '/training/placements']);

    const none = parse({ 'training.courses': 'None', 'training.otherCourses': '', 'training.placements.none': 'yes' }).profile.training as Record<string, unknown>;
    assert.deepEqual(none.courses, []);
    assert.equal('otherCourses' in none, false, 'blank is not known, unlike "none"');
    assert.deepEqual(none.placements, []);
  });

  it('carries the answers to the next page and back unchanged', () => {
    const profile = { training: { aitHours: 600, courses: ['dementia-care', 'infection-control'], otherCourses: ['Wound care'], placements: [{ setting: 'nursing-home', hours: 300 }] } };
    const values = flatFromProfile(profile, trial);
    assert.equal(values['training.courses'], 'dementia-care, infection-control');
    assert.equal(values['training.otherCourses'], 'Wound care');
    assert.equal(values['training.placements.0.setting'], 'nursing-home');
    assert.deepEqual(plain(parse(values).profile), profile);
    assert.deepEqual({ ...flatFromProfile({ training: { courses: [], placements: [] } }, trial) }, { 'training.courses': 'none', 'training.placements.none': 'yes' });
    // And the form shows them again.
    assert.match(homePage(values), /name="training\.courses" type="text" value="dementia-care, infection-control"/);
  });

  it('records the answers in words: labels for choices, text as typed, "None" for an empty list', () => {
    const ruleSet = catalog().get('TX', 'nha')!;
    const profile = { exams: { stateExams: ['TX', 'FL'] }, training: { courses: ['dementia-care', 'infection-control'], otherCourses: ['Wound care', 'cpr'], placements: [{ setting: 'assisted-living', hours: 300 }] } };
    const answers = answersGiven(profile, ruleSet, stateName, trial);
    for (const answer of [
      { label: 'State exams passed', value: 'Texas, Florida' },
      { label: 'Courses completed', value: 'Dementia care, Infection control' },
      { label: 'Other courses', value: 'Wound care, cpr' },
      { label: 'Placement 1, placement setting', value: 'Assisted living' },
      { label: 'Placement 1, hours', value: '300' },
    ]) {
      assert.ok(answers.some((a) => a.label === answer.label && a.value === answer.value), `${JSON.stringify(answer)} in ${JSON.stringify(answers)}`);
    }
    assert.deepEqual(answersGiven({ training: { courses: [], placements: [] } }, ruleSet, stateName, trial), [
      { label: 'Courses completed', value: 'None' },
      { label: 'Placements', value: 'None' },
    ]);
  });

  it('flags an entry no choice names at the list\'s input, naming what was typed', () => {
    const parsed = parse({ 'training.courses': 'dementia, knitting, Infection Control' });
    const training = parsed.profile.training as Record<string, unknown>;
    assert.deepEqual(training.courses, ['dementia', 'knitting', 'infection-control'], 'a label is read as its value; the rest kept for the schema to refuse');
    const errors = formErrors(trialProblems(parsed.profile), parsed.profile, trial);
    assert.deepEqual([...errors], [['training.courses', 'Courses completed: “dementia”, “knitting” are not among the choices (Dementia care; Infection control)']]);
    const page = homePage(parsed.values, errors);
    assert.match(page, /id="f-training-courses-error"/);
    assert.match(page, /name="training\.courses" type="text" value="dementia, knitting, Infection Control" aria-describedby="f-training-courses-help f-training-courses-error" aria-invalid="true"/);
    assert.equal(inputNameFor('/training/courses/1', trial), 'training.courses');
    assert.equal(inputNameFor('/training/placements', trial), 'training.placements.0.setting');
    assert.equal(inputNameFor('/training/placements/2', trial), 'training.placements.2.setting');
    assert.equal(inputNameFor('/training/placements/2/hours', trial), 'training.placements.2.hours');
    const tooLong = parse({ 'training.otherCourses': `Wound care; ${'x'.repeat(41)}` });
    assert.match(formErrors(trialProblems(tooLong.profile), tooLong.profile, trial).get('training.otherCourses')!, /^Other courses: “x{41}”: must NOT have more than 40 characters$/);
  });

  it('reads the real list of state exams from a CSV cell by code or name, in any case, separated by commas, semicolons or spaces; and "none held" for licenses', () => {
    const csv = ['client,jurisdiction,license,exams.stateExams,credentials.licenses.none', 'A,TX,nha,tx; Florida,', 'B,TX,nha,tx fl,', 'C,TX,nha,none,TRUE', 'D,TX,nha,"New York, ga",', 'E,TX,nha,,'].join('\n');
    const clients = readClients('clients.csv', csv, catalog());
    const exams = clients.map((c) => (c.request?.profile.exams as { stateExams?: string[] } | undefined)?.stateExams);
    assert.deepEqual(exams, [['TX', 'FL'], ['TX', 'FL'], [], ['NY', 'GA'], undefined]);
    assert.deepEqual(clients.map((c) => (c.request?.profile.credentials as { licenses?: unknown[] } | undefined)?.licenses), [undefined, undefined, [], undefined, undefined], 'none held, as a spreadsheet writes yes');
    const [bad] = readClients('clients.csv', 'client,jurisdiction,license,exams.stateExams\nZ,TX,nha,"TX, Texass"', catalog());
    assert.deepEqual(bad!.problems.map((p) => p.pointer), ['column exams.stateExams.1']);
  });

  it('never makes a key of a typed entry or of a row number or part the schema does not name', () => {
    const parsed = parse({ 'training.otherCourses': '__proto__, constructor', 'training.placements.0.__proto__': 'x', 'training.placements.__proto__.hours': '3', 'training.placements.01.hours': '4' });
    const training = parsed.profile.training as Record<string, unknown>;
    assert.deepEqual(training.otherCourses, ['__proto__', 'constructor']);
    assert.equal('placements' in training, false);
    assert.equal(({} as Record<string, unknown>).hours, undefined);
  });
});
