import assert from 'node:assert/strict';
import fc from 'fast-check';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { COURSE_ROWS_MAX, COURSE_ROWS_OPEN } from '../src/renewal/flatCeRecord';
import { catalog } from './support/catalog';
import { watchPrototypes } from './support/prototypeGuard';

/**
 * The renewal check's pages as a licensee uses them: the form, a record that meets the rules, one that falls
 * short, mistakes brought back with a message at each course and field, and a course list uploaded as CSV.
 */

const app = createApp(catalog());
const submit = (fields: Record<string, string | string[]>) => request(app).post('/renewal').type('form').send(fields);

/** A Tennessee administrator licensed in 2016, checked on a fixed day: 45 days before the calendar year's deadline. */
const LICENSE = { 'license.jurisdiction': 'TN', 'license.type': 'nha', 'license.issued': '2016-04-12', asOf: '2026-11-16' };
const course = (row: number, c: { title: string; hours: string; completed: string; topics?: string[]; delivery?: string; approval?: string }) =>
  Object.fromEntries(Object.entries(c).map(([part, v]) => [`courses.${row}.${part}`, v]));

const section = (page: string, id: string) => new RegExp(`<section[^>]*aria-labelledby="${id}">[\\s\\S]*?</section>`).exec(page)?.[0] ?? '';
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('renewal check pages', () => {
  it('offers the form from the navigation and the home page, with course rows that need no script', async () => {
    const home = await request(app).get('/');
    assert.match(home.text, /<li><a href="\/renewal">Renewal check<\/a><\/li>/);
    assert.match(home.text, /Already licensed\? <a href="\/renewal">Check your continuing education for renewal<\/a>/);

    const res = await request(app).get('/renewal');
    assert.equal(res.status, 200);
    assert.match(res.text, /<form class="renewal-form no-print" method="post" action="\/renewal" enctype="multipart\/form-data" novalidate>/);
    assert.doesNotMatch(res.text, /<script/);
    // Every row is a fieldset with its legend; the first rows are open, the rest folded, up to the maximum.
    assert.equal(res.text.match(/<fieldset class="item-row">\s*<legend>Course \d+<\/legend>/g)?.length, COURSE_ROWS_MAX);
    const folded = /<details class="more-rows">[\s\S]*<\/details>/.exec(res.text)![0];
    assert.equal(folded.match(/<legend>Course \d+<\/legend>/g)?.length, COURSE_ROWS_MAX - COURSE_ROWS_OPEN);
    assert.match(res.text, /<label for="f-courses-0-hours">Hours<\/label>/);
    assert.match(res.text, /<select id="f-courses-0-topics" name="courses\.0\.topics" multiple size="4">\s*<option value="ethics">Ethics and professional standards<\/option>/);
    assert.match(res.text, /<label for="f-courseFile">Or choose a CSV file<\/label>/);
    // Check as of today, unless changed.
    assert.match(res.text, /name="asOf" type="date" value="\d{4}-\d{2}-\d{2}"/);
    // Shared roles only, until a jurisdiction is chosen.
    assert.match(res.text, /value="preceptor"/);
    assert.doesNotMatch(res.text, /value="alzheimers-certified"/);
  });

  it('shows the roles, topics and items a rule set adds, for a license named in the link or chosen and shown', async () => {
    const linked = await request(app).get('/renewal?jurisdiction=tx&license=ala');
    assert.match(linked.text, /<option value="TX" selected>Texas<\/option>/);
    assert.match(linked.text, /<input type="checkbox" id="f-license-roles-alzheimers-certified" name="license\.roles" value="alzheimers-certified">/);
    assert.match(linked.text, /<option value="aging-in-place-retaliation">/);
    assert.match(linked.text, /name="confirmed" value="two-areas"/);

    const shown = await submit({ 'license.jurisdiction': 'TX', 'license.type': 'ala', show: 'rules', 'courses.0.title': 'Kept', 'courses.0.hours': 'not checked' });
    assert.equal(shown.status, 200, 'nothing is checked yet');
    assert.doesNotMatch(shown.text, /error-summary/);
    assert.match(shown.text, /value="alzheimers-certified"/);
    assert.match(shown.text, /name="courses\.0\.title" type="text" value="Kept"/);
  });

  it('a record that meets the rules: compliant, the deadline and days left first, hours, courses and cited rules', async () => {
    const res = await submit({
      ...LICENSE,
      ...course(0, { title: 'Ethics in long-term care leadership', hours: '6', completed: '2026-03-12', topics: ['ethics'], delivery: 'in-person', approval: 'ncers' }),
      ...course(1, { title: 'Infection prevention update', hours: '4', completed: '2026-06-20', topics: ['infection-control'], delivery: 'live-online', approval: 'ncers' }),
      // A row left blank between two courses is skipped, and the next keeps its number.
      ...course(3, { title: 'Emergency preparedness', hours: '9', completed: '2026-08-04', delivery: 'in-person', approval: 'board' }),
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'private, no-cache');
    assert.match(res.text, /<h1>Tennessee: Nursing Home Administrator — renewal check<\/h1>/);
    const outcome = text(section(res.text, 'outcome-title'));
    assert.match(outcome, /✓ Compliant Deadline: 2026-12-31 — 45 days left\./);
    assert.match(outcome, /courses completed from 2026-01-01 count/);
    const requirements = section(res.text, 'renewal-requirements-title');
    assert.match(text(requirements), /✓ Met 18 clock hours of board-approved continuing education/);
    assert.match(requirements, /<span class="hours">19 counted · 18 needed · 0 to go<\/span>/);
    assert.match(requirements, /<a href="https?:\/\/[^"]+" rel="noopener noreferrer">Tennessee Board of Examiners for Nursing Home Administrators — Continuing education<\/a>/);
    const courses = text(section(res.text, 'courses-title'));
    assert.match(courses, /Counted \(3\)/);
    assert.match(courses, /Emergency preparedness Course 4 9 2026-08-04 9/);
    assert.doesNotMatch(courses, /Not counted/);
    const rules = text(section(res.text, 'rules-title'));
    assert.match(rules, /Renewal period The license is renewed every two years/);
    assert.match(res.text, /checked as of <time datetime="2026-11-16">2026-11-16<\/time>/);
    assert.match(res.text, /renewal rules last verified <time datetime="\d{4}-\d{2}-\d{2}">/);
    assert.match(res.text, /Not legal advice/);
    // "Check again" keeps every answer.
    assert.match(res.text, /<h2 id="form-title">Change your answers<\/h2>/);
    assert.match(res.text, /name="courses\.3\.title" type="text" value="Emergency preparedness"/);
    assert.match(res.text, /<option value="ethics" selected>/);
    assert.match(res.text, /name="license\.issued" type="date" value="2016-04-12"/);
    assert.match(res.text, /<button type="submit">Check again<\/button>/);
  });

  it('a record one hour short: not yet compliant, 1 to go, and the course that did not count says why', async () => {
    const res = await submit({
      ...LICENSE,
      ...course(0, { title: 'Leadership', hours: '10', completed: '2026-02-01', delivery: 'in-person', approval: 'ncers' }),
      ...course(1, { title: 'Finance', hours: '7', completed: '2026-05-01', delivery: 'self-study', approval: 'board' }),
      ...course(2, { title: 'Last year', hours: '6', completed: '2025-10-01', delivery: 'in-person', approval: 'ncers' }),
    });
    assert.equal(res.status, 200);
    assert.match(text(section(res.text, 'outcome-title')), /✗ Not yet compliant Deadline: 2026-12-31 — 45 days left\./);
    assert.match(section(res.text, 'renewal-requirements-title'), /17 counted · 18 needed · 1 to go/);
    assert.match(text(section(res.text, 'next-title')), /17 of 18 hours — 1 to go/);
    assert.match(text(section(res.text, 'courses-title')), /Not counted \(1\) Courses: Not counted Course Hours Completed Why Last year Course 3 6 2025-10-01 completed 2025-10-01, outside the period that counts \(2026-01-01 to 2026-12-31\)/);
  });

  it('bad input: the form comes back with every answer as typed and a plain message at each course and field', async () => {
    const res = await submit({
      ...LICENSE,
      ...course(0, { title: 'Ethics', hours: '-3', completed: '2026-02-31', topics: ['ethics', 'astrology'] }),
      ...course(2, { title: '<b>Fine</b>', hours: '2', completed: 'last week' }),
      'courses.4.delivery': 'in-person',
    });
    assert.equal(res.status, 422);
    assert.match(res.text, /<title>Please correct your answers/);
    assert.match(res.text, /Please correct 6 answers/);
    const error = (id: string) => new RegExp(`id="${id}-error"><span class="visually-hidden">Error: </span>([^<]*)<`).exec(res.text)?.[1];
    assert.equal(error('f-courses-0-hours'), 'Course 1 (Ethics), hours: enter the hours on the certificate, a number more than 0 and at most 200');
    assert.equal(error('f-courses-0-completed'), 'Course 1 (Ethics), date completed: must be a calendar date written YYYY-MM-DD, e.g. 2026-03-31');
    assert.equal(error('f-courses-0-topics'), 'Course 1 (Ethics), topics: &quot;astrology&quot; is not a topic Tennessee&#x27;s Nursing Home Administrator renewal rules know: choose from the list');
    assert.equal(error('f-courses-2-completed'), 'Course 3 (&lt;b&gt;Fine&lt;/b&gt;), date completed: must be a calendar date written YYYY-MM-DD, e.g. 2026-03-31');
    // A row with only its delivery: the hours and the date it lacks.
    assert.equal(error('f-courses-4-hours'), 'Course 5, hours: is required');
    assert.equal(error('f-courses-4-completed'), 'Course 5, date completed: is required');
    // The summary reads down the form: course by course, each in the order of its fields.
    const summary = [...res.text.matchAll(/<li><a href="#(f-[^"]+)">/g)].map((m) => m[1]);
    assert.deepEqual(summary, ['f-courses-0-hours', 'f-courses-0-completed', 'f-courses-0-topics', 'f-courses-2-completed', 'f-courses-4-hours', 'f-courses-4-completed']);
    // Each message is tied to its input, and the summary links there.
    assert.match(res.text, /id="f-courses-0-hours" name="courses\.0\.hours" type="number" value="-3"[^>]*aria-describedby="f-courses-0-hours-error" aria-invalid="true"/);
    assert.match(res.text, /<li><a href="#f-courses-0-topics">Course 1 \(Ethics\), topics:/);
    // What was typed stays, good and bad, and is escaped.
    assert.match(res.text, /name="courses\.0\.completed" type="date" value="2026-02-31"/);
    assert.match(res.text, /<option value="astrology" selected>“astrology” \(not one of the choices\)<\/option>/);
    assert.match(res.text, /<option value="ethics" selected>/);
    assert.match(res.text, /name="courses\.2\.title" type="text" value="&lt;b&gt;Fine&lt;\/b&gt;"/);
    assert.doesNotMatch(res.text, /<b>Fine<\/b>/);
    assert.match(res.text, /name="license\.issued" type="date" value="2016-04-12"/);
  });

  it('asks for the jurisdiction and license when none is chosen, and for a date no later than the check', async () => {
    const none = await submit({ asOf: '2026-11-16', ...course(0, { title: 'A', hours: '1', completed: '2026-01-02' }) });
    assert.equal(none.status, 422);
    assert.match(none.text, /id="f-license-jurisdiction-error"><span class="visually-hidden">Error: <\/span>Choose the jurisdiction that issued the license and the license type from the lists\./);
    const future = await submit({ ...LICENSE, ...course(0, { title: 'A', hours: '1', completed: '2026-12-01' }), carriedOverHours: '-1' });
    assert.match(future.text, /Course 1 \(A\), date completed: a course cannot be completed after the day of the check \(2026-11-16\)/);
    assert.match(future.text, /Hours carried over from the period before: enter a number of hours from 0 to 200/);
  });

  it('a course list uploaded as a CSV file: its courses counted with the rows\', and shown again as the pasted list', async () => {
    const csv = 'Title,Hours,Completed,Topics,Delivery,Approval\nEthics update,6,3/12/2026,Ethics,In person,NCERS\n"Infection control, part 2",5,2026-06-20,infection-control,Live webinar,board\n';
    const res = await request(app)
      .post('/renewal')
      .field({ ...LICENSE, ...course(0, { title: 'Leadership', hours: '8', completed: '2026-02-01', delivery: 'in-person', approval: 'ncers' }) })
      .attach('courseFile', Buffer.from(csv), { filename: 'courses.csv', contentType: 'text/csv' });
    assert.equal(res.status, 200, res.text.slice(0, 500));
    assert.match(text(section(res.text, 'outcome-title')), /✓ Compliant/);
    assert.match(section(res.text, 'renewal-requirements-title'), /19 counted · 18 needed · 0 to go/);
    const courses = text(section(res.text, 'courses-title'));
    assert.match(courses, /Counted \(3\)/);
    assert.match(courses, /Ethics update Course list, line 2 6 2026-03-12 6/);
    assert.match(courses, /Infection control, part 2 Course list, line 3 5 2026-06-20 5/);
    // A file input cannot be filled again: its text comes back in the list, for the next check.
    assert.match(res.text, /<textarea id="f-courseList" name="courseList"[^>]*>Title,Hours,Completed,Topics,Delivery,Approval\nEthics update,6,3\/12\/2026/);
  });

  it('a pasted course list with mistakes: each named by its line and column, the list kept', async () => {
    const list = 'title,hours,completed,topics,delivery,approval\nA,0,2026-01-01,ethics,webinar,NCERS\nB,2,2027-01-01,Astrology,,board';
    const res = await submit({ ...LICENSE, courseList: list });
    assert.equal(res.status, 422);
    const message = /id="f-courseList-error"><span class="visually-hidden">Error: <\/span>([^<]*)</.exec(res.text)?.[1] ?? '';
    assert.match(message, /Course list, line 2 \(A\), hours: enter the hours on the certificate/);
    assert.match(message, /Course list, line 2 \(A\), how it was given: “webinar” is not one of the choices \(Live, in a room; Live webinar; Self-study or recorded\)/);
    assert.match(message, /Course list, line 3 \(B\), date completed: a course cannot be completed after the day of the check/);
    assert.match(message, /Course list, line 3 \(B\), topics: &quot;Astrology&quot; is not a topic .* know: write a topic’s id, or its title as the Topics lists name it/);
    assert.match(res.text, /<textarea id="f-courseList" name="courseList"[^>]*>title,hours,completed/);

    const columns = await submit({ ...LICENSE, courseList: 'name,hours\nA,2' });
    assert.match(columns.text, /Course list, column name: is not a known column \(the columns are title, hours, completed, topics, delivery, approval\); Course list, column completed: is required/);
    const broken = await submit({ ...LICENSE, courseList: 'title,hours,completed\n"A,2,2026-01-01' });
    assert.equal(broken.status, 422);
    assert.match(broken.text, /Course list: is not a CSV list that can be read/);
  });

  it('questions that would settle an unknown link to their inputs', async () => {
    const res = await submit({ 'license.jurisdiction': 'CA', 'license.type': 'ala', asOf: '2026-11-16', ...course(0, { title: 'Title 22', hours: '4', completed: '2026-01-20' }) });
    assert.equal(res.status, 200);
    assert.match(text(section(res.text, 'outcome-title')), /\? More information needed Deadline: not known yet\./);
    assert.match(res.text, /<a href="#f-license-periodEnds">When does the current renewal period end \(the license’s expiry\)\?<\/a>/);
  });

  it('never answers a broken or oversized form with a 500', async () => {
    const broken = await request(app).post('/renewal').set('Content-Type', 'multipart/form-data; boundary=x').send('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb');
    assert.equal(broken.status, 400);
    const noBoundary = await request(app).post('/renewal').set('Content-Type', 'multipart/form-data').send('x');
    assert.equal(noBoundary.status, 400);
    const large = await request(app)
      .post('/renewal')
      .field(LICENSE)
      .attach('courseFile', Buffer.from(`title,hours,completed\n${'A,1,2026-01-01\n'.repeat(20_000)}`), 'big.csv');
    assert.equal(large.status, 413);
    assert.match(large.text, /<h1>Your answers were not sent<\/h1>/);
    assert.match(large.text, /most likely because of the course list/);
    assert.match(large.text, /<a href="\/renewal">Or start again with an empty form<\/a>/);
    const pasted = await request(app).post('/renewal').field({ ...LICENSE, courseList: 'x'.repeat(600 * 1024) });
    assert.equal(pasted.status, 413);
    const fields = Object.fromEntries(Array.from({ length: 800 }, (_, i) => [`extra${i}`, 'x']));
    for (const res of [await submit({ ...LICENSE, ...fields }), await request(app).post('/renewal').field({ ...LICENSE, ...fields })]) {
      assert.equal(res.status, 413);
      assert.match(res.text, /has more fields than this server accepts/);
      assert.match(res.text, /<a href="\/renewal">Or start again with an empty form<\/a>/);
    }
    const text400 = await request(app).post('/renewal').set('Content-Type', 'text/plain').send('hello');
    assert.equal(text400.status, 422);
  });

  it('every body posted to the form, urlencoded or multipart, whatever its names and values, gets 200 or 4xx and leaves the prototypes alone (200 bodies)', async function () {
    this.timeout(60000);
    const page = (await request(app).get('/renewal?jurisdiction=TX&license=ala')).text;
    const names = [...new Set([...page.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]!))];
    assert.ok(names.includes('courses.0.topics') && names.includes('license.roles') && names.includes('courseFile'), names.join(' '));
    const prototypeNames = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];
    const segment = fc.oneof(fc.constantFrom(...prototypeNames), fc.constantFrom(...new Set(names.flatMap((n) => n.split('.')))), fc.string({ maxLength: 8 }));
    const name = fc.oneof(fc.constantFrom(...names), fc.array(segment, { minLength: 1, maxLength: 4 }).map((x) => x.join('.')), fc.string({ maxLength: 12 }));
    const value = fc.oneof(
      fc.constantFrom('TN', 'TX', 'nha', 'ala', 'preceptor', 'ethics', 'in-person', 'ncers', '2026-03-01', '3/1/2026', '-1', '1e9', '0', ...prototypeNames),
      fc.constantFrom('title,hours,completed\nA,2,2026-01-01', '__proto__,hours\nx,1', 'hours,completed,constructor\n1,2026-01-01,x', '"unclosed', 'title,hours,completed\n"a,1'),
      fc.string({ maxLength: 12 }),
    );
    // Every body starts from a valid license and course, so that a good share reach the check itself.
    const valid = Object.entries({ ...LICENSE, ...course(0, { title: 'Ethics', hours: '3', completed: '2026-03-01', topics: ['ethics'], delivery: 'in-person', approval: 'ncers' }) })
      .flatMap(([n, v]) => (Array.isArray(v) ? v.map((x) => [n, x] as [string, string]) : [[n, v] as [string, string]]));
    let checked = 0;
    const prototypes = watchPrototypes();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, value), { maxLength: 14 }), fc.boolean(), async (random, multipart) => {
        const pairs = [...valid, ...random];
        const post = request(app).post('/renewal');
        const res = multipart
          ? await pairs.reduce((r, [n, v]) => (n === '' ? r : r.field(n, v)), post.field('license.type', 'nha'))
          : await post.type('form').send(new URLSearchParams(pairs).toString());
        const changes = prototypes.changes();
        prototypes.restore();
        assert.deepEqual(changes, [], `the prototypes changed after ${JSON.stringify(pairs)}`);
        assert.ok(res.status === 200 || (res.status >= 400 && res.status < 500), `${res.status} for ${JSON.stringify(pairs)}`);
        if (res.status === 200 && /Deadline/.test(res.text)) checked++;
      }),
      { numRuns: 200 },
    );
    assert.ok(checked >= 20, `only ${checked} of 200 bodies reached the check`);
  });

  it('rows past the form\'s last are not dropped unseen: the form comes back saying to use the course list', async () => {
    const res = await submit({ ...LICENSE, ...course(0, { title: 'Ethics', hours: '3', completed: '2026-03-01' }), ...course(COURSE_ROWS_MAX + 5, { title: 'Leadership', hours: '4', completed: '2026-04-01' }) });
    assert.equal(res.status, 422);
    assert.match(text(res.text), new RegExp(`no rows past course ${COURSE_ROWS_MAX}, the most the form reads: put a longer record in the course list`));
  });

  it('an applicant already licensed here is sent to the renewal check for that license, prefilled', async () => {
    const page = await request(app)
      .post('/check')
      .type('form')
      .send({ jurisdiction: 'TN', license: 'nha', 'credentials.licenses.0.type': 'nha', 'credentials.licenses.0.jurisdiction': 'TN', 'credentials.licenses.0.active': 'yes', 'credentials.licenses.0.years': '5' });
    assert.match(page.text, /What is left is keeping it: <a href="\/renewal\?jurisdiction=TN&amp;license=nha">check your continuing education for renewal<\/a>/);
    const form = await request(app).get('/renewal?jurisdiction=TN&license=nha');
    assert.match(form.text, /<option value="TN" selected>Tennessee<\/option>/);
    assert.match(form.text, /<option value="nha" selected>Nursing home administrator<\/option>/);
    const other = await request(app).post('/check').type('form').send({ jurisdiction: 'TN', license: 'nha' });
    assert.doesNotMatch(other.text, /href="\/renewal\?/);
  });
});
