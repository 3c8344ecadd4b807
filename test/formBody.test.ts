import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { ANSWER_MAX_LENGTH, FORM_BODY_LIMIT_KB } from '../src/web/formBody';
import { catalog } from './support/catalog';

/**
 * A form with a huge pasted answer: the person gets the form back with everything else they typed and a
 * message at the answer that was too long, never a bare 413 that loses their answers.
 */
const app = createApp(catalog());
const post = (path: string, fields: Record<string, string | string[]>) => request(app).post(path).type('form').send(fields);

/** The error summary at the top of a form page. */
const summaryOf = (page: string) => /<div class="error-summary"[\s\S]*?<\/div>/.exec(page)?.[0] ?? '';
const pasted = 'Texas and Florida, and more: '.repeat(2000);
const answers = { jurisdiction: 'TX', license: 'nha', 'training.aitHours': '600', 'education.highestDegree': 'bachelor', 'credentials.licenses.0.type': 'rn', 'credentials.licenses.0.jurisdiction': 'GA' };

describe('forms with an answer too long to be one', () => {
  it('come back as the form, with every other answer kept and the long one cut and flagged in the summary (422)', async () => {
    const res = await post('/check', { ...answers, 'exams.stateExams': pasted });
    assert.equal(res.status, 422);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    const summary = summaryOf(res.text);
    assert.match(summary, /Please correct 1 answer</);
    assert.match(summary, /<a href="#f-exams-stateExams">State exams passed: 58,000 characters is too long for an answer \(at most 1,000\)\. Only its first 1,000 are kept below: correct it\.<\/a>/);
    // Everything else as typed.
    assert.match(res.text, /<option value="TX" selected>Texas<\/option>/);
    assert.match(res.text, /name="training\.aitHours" type="number" value="600"/);
    assert.match(res.text, /<option value="bachelor" selected>/);
    assert.match(res.text, /name="credentials\.licenses\.0\.type"[\s\S]*?<option value="rn" selected>/);
    // The long answer's start, marked invalid, with its message beside it.
    const input = /<input id="f-exams-stateExams"[^>]*>/.exec(res.text)![0];
    assert.ok(input.includes(`value="${pasted.slice(0, ANSWER_MAX_LENGTH)}"`), 'the first 1,000 characters are shown');
    assert.match(input, /aria-invalid="true"/);
    assert.match(res.text, /<p class="error-message" id="f-exams-stateExams-error">/);
  });

  it('are flagged beside the other answers\' own problems, each at its input', async () => {
    const res = await post('/check', { ...answers, age: '230', 'training.aitHours': '9'.repeat(5000) });
    assert.equal(res.status, 422);
    const summary = summaryOf(res.text);
    assert.match(summary, /Please correct 2 answers</);
    assert.match(summary, /href="#f-training-aitHours">Administrator-in-training hours: 5,000 characters is too long/);
    assert.match(summary, /href="#f-age">Age: /);
    assert.match(res.text, /name="age" type="number" value="230"/);
  });

  it('keep the other boxes ticked when one confirmed item is too long', async () => {
    const res = await post('/check', { ...answers, attestations: ['application', 'x'.repeat(ANSWER_MAX_LENGTH + 1)] });
    assert.equal(res.status, 422);
    assert.match(summaryOf(res.text), /1,001 characters is too long for an answer/);
    assert.match(res.text, /name="attestations" value="application" checked/);
  });

  it('come back as the form from the comparison too', async () => {
    const res = await post('/compare', { license: 'nha', 'training.aitHours': '600', 'exams.stateExams': pasted });
    assert.equal(res.status, 422);
    assert.match(summaryOf(res.text), /State exams passed: 58,000 characters is too long/);
    assert.match(res.text, /name="training\.aitHours" type="number" value="600"/);
  });

  it('in a list nobody types (the jurisdiction) come back as the form asking for a choice', async () => {
    const res = await post('/check', { ...answers, jurisdiction: 'T'.repeat(5000) });
    assert.equal(res.status, 422);
    assert.match(summaryOf(res.text), /Please correct 1 answer<[\s\S]*href="#f-jurisdiction">Choose a jurisdiction and license type from the lists\.</);
    assert.match(res.text, /name="training\.aitHours" type="number" value="600"/);
  });

  it('are not an answer when the form has no such input: the checklist is made from the answers', async () => {
    const res = await post('/check', { ...answers, notes: pasted });
    assert.equal(res.status, 200);
    assert.match(res.text, /<section aria-labelledby="answers-title">[\s\S]*Administrator-in-training hours/);
  });
});

describe('forms too large to read', () => {
  it(`over ${FORM_BODY_LIMIT_KB} KB: 413, with a page saying the answers were not sent and that Back keeps them`, async () => {
    const res = await post('/check', { ...answers, 'exams.stateExams': 'x'.repeat(FORM_BODY_LIMIT_KB * 1024) });
    assert.equal(res.status, 413);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    assert.match(res.text, /<h1>Your answers were not sent<\/h1>/);
    assert.match(res.text, /larger than this server accepts \(512 KB\)/);
    assert.match(res.text, /Use your browser's Back button:<\/strong> the form comes back with your answers still in it/);
    // The page is not a form: nothing it shows came from the body.
    assert.doesNotMatch(res.text, /xxxx/);
  });

  it('with more fields than the form has: 413, with the same page', async () => {
    const fields = Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`extra${i}`, 'x']));
    const res = await post('/compare', { ...answers, ...fields });
    assert.equal(res.status, 413);
    assert.match(res.text, /more fields than this server accepts \(200\)/);
  });

  it('leave the API\'s answer as it was: a JSON body over 64 KB is a 413 problem', async () => {
    const res = await request(app)
      .post('/api/v1/evaluations')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile: { notes: 'x'.repeat(70_000) } }));
    assert.equal(res.status, 413);
    assert.match(res.headers['content-type'] ?? '', /^application\/problem\+json/);
    assert.equal(JSON.parse(res.text).detail, 'The request body is larger than this server accepts.');
  });
});
