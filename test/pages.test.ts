import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { fieldGroups } from '../src/profile/profileFields';
import { catalog } from './support/catalog';
import { noneInputName } from '../src/profile/flatProfile';

/** The "Answers given" section of a result page. */
const answersOf = (page: string) => /<section aria-labelledby="answers-title">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';

const app = createApp(catalog());
const submit = (fields: Record<string, string | string[]>) => request(app).post('/check').type('form').send(fields);

describe('web pages', () => {
  it('home page offers every profile field of the contract, grouped, with labels', async () => {
    const res = await request(app).get('/');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'] ?? '', /text\/html/);
    for (const field of fieldGroups.flatMap((g) => g.fields)) {
      if (field.kind === 'keyedLists') continue; // shown once a jurisdiction is chosen
      const name = field.kind === 'rows' ? `${field.path}.0.${field.parts![0]!.path}` : field.path;
      assert.ok(res.text.includes(`name="${name}"`), `no input for ${field.path}`);
    }
    for (const g of fieldGroups.filter((g) => g.fields.some((f) => f.kind !== 'keyedLists'))) assert.ok(res.text.includes(`<legend>${g.title}</legend>`), g.title);
    assert.match(res.text, /<label for="f-training-aitHours">Administrator-in-training hours<\/label>/);
  });

  it('prefills the form from an example and shows the chosen jurisdiction\'s items to confirm', async () => {
    const res = await request(app).get('/?example=new-graduate&jurisdiction=TX&license=nha');
    assert.match(res.text, /name="training\.aitHours" type="number" value="1000"/);
    assert.match(res.text, /<option value="TX" selected>Texas<\/option>/);
    assert.match(res.text, /name="attestations" value="infection-control-cbt"/);
  });

  it('renders a dated checklist with the outcome, gaps, citations and the not-legal-advice note', async () => {
    const res = await submit({
      jurisdiction: 'TX', license: 'nha', 'education.highestDegree': 'bachelor', 'education.field': 'business', 'education.accredited': 'yes',
      'education.ltcCreditHours': '12', 'training.aitHours': '600', 'exams.nabCore': 'yes', 'exams.nabNha': 'yes', 'exams.stateExams': 'tx',
      'background.checkCleared': 'yes',
    });
    assert.equal(res.status, 200);
    assert.ok(res.text.includes(`<h1>Texas: ${catalog().get('TX', 'nha')!.title}</h1>`));
    // Another route is still open to questions, so the evaluation needs information; the route to lead with
    // is the 1,000-hour internship, 400 hours (about 2.3 months full time) plus the board's processing away.
    assert.match(res.text, /<h2 id="outcome-title"><span class="outcome-icon" aria-hidden="true">\?<\/span> More information needed<\/h2>/);
    assert.match(res.text, /Best route to a license: “Any bachelor&#x27;s degree with a 1,000-hour internship”, with 1 requirement not met yet\./);
    assert.match(res.text, /<strong>How long:<\/strong> 2–6 months from now \(estimate\)/);
    assert.match(res.text, /<h2 id="pathway-internship-1000">Best route: Any bachelor&#x27;s degree with a 1,000-hour internship<\/h2>/);
    assert.match(res.text, /600 of 1,000 AIT hours — 400 to go/);
    assert.match(res.text, /href="https:\/\/www\.hhs\.texas\.gov\/[^"]+"/);
    assert.match(res.text, /checked on <time datetime="\d{4}-\d{2}-\d{2}">/);
    // The rule set's own date, whatever day it was last verified.
    assert.ok(res.text.includes(`rules last verified <time datetime="${catalog().get('TX', 'nha')!.lastVerified}">`));
    assert.match(res.text, /Not legal advice/);
    assert.match(res.text, /Questions that would settle it/);
    assert.match(res.text, /name="training\.aitHours" type="number" value="600"/, 'the form below keeps the answers');
  });

  it('re-renders the form with what was typed and a message per field on invalid input', async () => {
    const res = await submit({ jurisdiction: 'TX', license: 'nha', age: '230', 'training.aitHours': 'lots', 'exams.stateExams': 'TX, XY, QQ', 'credentials.licenses.0.years': '4' });
    assert.equal(res.status, 422);
    assert.match(res.text, /Please correct 5 answers/);
    // In plain words, and every refused code at once.
    assert.match(res.text, /id="f-age-error"><span class="visually-hidden">Error: <\/span>Age: enter a whole number from 0 to 120/);
    assert.match(res.text, /Administrator-in-training hours: enter a number from 0 to 100,000/);
    assert.match(res.text, /State exams passed: “XY”, “QQ” are not state codes: use two letters such as TX/);
    assert.match(res.text, /License 1, license type: is required/);
    assert.match(res.text, /name="age" type="number" value="230"/);
    assert.match(res.text, /name="training\.aitHours" type="number" value="lots"/);
    assert.match(res.text, /id="f-exams-stateExams-error"/);
    assert.match(res.text, /name="exams\.stateExams" type="text" value="TX, XY, QQ"/);
    assert.match(res.text, /id="f-credentials-licenses-0-type-error"/, 'a license row without its type is flagged on the type');
    assert.match(res.text, /aria-invalid="true"/);
  });

  it('asks for a jurisdiction when none was chosen', async () => {
    const res = await submit({ license: 'nha', age: '30' });
    assert.equal(res.status, 422);
    assert.match(res.text, /Choose a jurisdiction and license type/);
    assert.match(res.text, /name="age" type="number" value="30"/);
  });

  it('escapes everything the user typed', async () => {
    const res = await submit({ jurisdiction: 'TX', license: 'nha', age: '<script>alert(1)</script>', 'exams.stateExams': '"><img src=x onerror=alert(1)>' });
    assert.equal(res.status, 422);
    assert.ok(!res.text.includes('<script>alert(1)'));
    assert.ok(!res.text.includes('<img src=x'));
    assert.match(res.text, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  it('counts ticked items as confirmed', async () => {
    const res = await submit({ jurisdiction: 'TX', license: 'nha', attestations: ['infection-control-cbt'] });
    assert.equal(res.status, 200);
    assert.match(res.text, /HHSC infection control and PPE training<span[^>]*>[^<]*<\/span><\/th>\s*<td>You confirmed it is done\./);
    assert.match(res.text, /name="attestations" value="infection-control-cbt" checked/);
  });

  it('lists jurisdictions and shows each rule set with its requirements and sources', async () => {
    const list = await request(app).get('/jurisdictions');
    assert.equal(list.status, 200);
    assert.match(list.text, /href="\/jurisdictions\/TX\/nha"/);
    const page = await request(app).get('/jurisdictions/TX/nha');
    assert.equal(page.status, 200);
    assert.match(page.text, /1,000-hour internship in a nursing facility/);
    assert.match(page.text, /26 Tex\. Admin\. Code §555\.31/);
    assert.match(page.text, /unofficial copy/);
    assert.match(page.text, /Not verified/);
    assert.equal((await request(app).get('/jurisdictions/TX/ala')).status, 200);
    assert.equal((await request(app).get('/jurisdictions/tx/nha')).status, 200);
  });

  it('answers 404 with a page for unknown addresses; an unknown jurisdiction or license is named, with a link to the list', async () => {
    assert.match((await request(app).get('/nowhere')).text, /Page not found/);
    for (const [url, named] of [
      ['/jurisdictions/ZZ/nha', /jurisdiction “ZZ” and license “nha”/],
      ['/jurisdictions/TX/rn', /jurisdiction “TX” and license “rn” \(licenses: nha, ala\)/],
      ['/jurisdictions/ZZ', /no jurisdiction “ZZ”/],
    ] as const) {
      const res = await request(app).get(url);
      assert.equal(res.status, 404, url);
      assert.match(res.text, named);
      assert.match(res.text, /<a href="\/jurisdictions">See every jurisdiction and license<\/a>/);
    }
  });

  it('lists one jurisdiction\'s rule sets at /jurisdictions/XX, and names states in the license rows', async () => {
    const res = await request(app).get('/jurisdictions/tx');
    assert.equal(res.status, 200);
    assert.match(res.text, /<h1>Texas: rule sets and sources<\/h1>/);
    assert.match(res.text, /href="\/jurisdictions\/TX\/nha"/);
    assert.match(res.text, /href="\/jurisdictions\/TX\/ala"/);
    assert.doesNotMatch(res.text, /href="\/jurisdictions\/FL\/nha"/);
    assert.match((await request(app).get('/')).text, /<option value="TX">Texas<\/option>/);
  });

  it('opens the assisted-living example on the assisted living license', async () => {
    const res = await request(app).get('/?example=assisted-living-manager');
    assert.match(res.text, /<option value="ala" selected>/);
    assert.match((await request(app).get('/')).text, /href="\/\?example=assisted-living-manager&amp;license=ala"/);
  });

  it('serves the stylesheets and a strict content security policy', async () => {
    const res = await request(app).get('/');
    const csp = res.headers['content-security-policy'] ?? '';
    assert.match(csp, /script-src 'none'/);
    assert.match(csp, /style-src 'self'(;|$)/);
    assert.ok(!/<script/i.test(res.text), 'no scripts on the page');
    assert.ok(!/ style="/i.test(res.text), 'no inline styles');
    assert.equal((await request(app).get('/static/styles.css')).status, 200);
    assert.equal((await request(app).get('/static/print.css')).status, 200);
  });

  it('lets the visitor\'s own browser keep a result page for Back, and sends a result\'s bare address to the form', async () => {
    const res = await submit({ jurisdiction: 'TX', license: 'nha' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'private, no-cache');
    for (const path of ['/check', '/compare', '/check?jurisdiction=TX']) {
      const get = await request(app).get(path);
      assert.deepEqual([get.status, get.headers.location], [303, '/'], path);
    }
  });

  it('shows the agency\'s address, phone and email where an official page gives them, on the checklist and the rule-set page', async () => {
    const rs = catalog()
      .jurisdictions.flatMap((j) => [j.ruleSets.nha, j.ruleSets.ala])
      .find((r) => r.agency.contact?.address && r.agency.contact.phone && r.agency.contact.email)!;
    const contact = rs.agency.contact!;
    const escape = (t: string) => t.replace(/&/g, '&amp;');
    for (const page of [(await submit({ jurisdiction: rs.jurisdiction, license: rs.license })).text, (await request(app).get(`/jurisdictions/${rs.jurisdiction}/${rs.license}`)).text]) {
      const block = /<address class="agency-contact">[\s\S]*?<\/address>/.exec(page)?.[0] ?? '';
      for (const part of [contact.address!, `Phone: ${contact.phone}`, `mailto:${contact.email}`]) assert.ok(block.includes(escape(part)), `${rs.jurisdiction} ${rs.license}: ${part}`);
    }
    // The details rest on an official page of the agency, listed with the rule set's sources.
    assert.equal(rs.sources.find((x) => x.id === contact.source)?.official, true);
  });

  it('asks each route\'s entry question first, linked to the input that answers it', async () => {
    const questionsOf = (page: string) => /<section aria-labelledby="questions-title">[\s\S]*?<\/section>/.exec(page)?.[0] ?? '';
    // A precondition confirmed by ticking its item (a physician's license), and one told in the licenses held.
    const ca = catalog().get('CA', 'nha')!;
    const physician = ca.pathways.find((p) => p.id === 'physician-ait')!.entry!;
    const elsewhere = ca.pathways.find((p) => p.entry?.holds === 'license-elsewhere')!.entry!;
    const questions = questionsOf((await submit({ jurisdiction: 'CA', license: 'nha' })).text);
    assert.ok(questions.includes(`<a href="#f-attest-${physician.requirement}">${physician.question}</a>`), questions);
    assert.ok(questions.includes(`<a href="#f-credentials-licenses-0-type">${elsewhere.question}</a>`), questions);
    assert.ok(questions.indexOf(elsewhere.question) < questions.indexOf('Highest completed degree'), 'entry questions come first');
    // A precondition answered by the HSE field.
    const hseRoute = catalog().get('IA', 'nha')!.pathways.find((p) => p.entry?.holds === 'hse')!.entry!;
    assert.ok(questionsOf((await submit({ jurisdiction: 'IA', license: 'nha' })).text).includes(`<a href="#f-credentials-hse">${hseRoute.question}</a>`));
  });

  it('records the answers a checklist rests on, in the form\'s words', async () => {
    const page = (await submit({ jurisdiction: 'TX', license: 'nha', 'training.aitHours': '600', 'education.highestDegree': 'bachelor', [noneInputName('credentials.licenses')]: 'yes', attestations: 'application' })).text;
    const answers = answersOf(page);
    for (const [label, value] of [['Administrator-in-training hours', '600'], ['Highest completed degree', 'Bachelor&#x27;s degree'], ['Licenses held', 'None'], ['Confirmed as done', 'Application and fee through TULIP']]) {
      assert.ok(answers.includes(`<dt>${label}</dt><dd>${value}</dd>`), `${label}: ${value}\n${answers}`);
    }
    assert.match(answersOf((await submit({ jurisdiction: 'TX', license: 'nha' })).text), /None: every question was left open/);
    // States by name, in the lists and in a license row.
    const named = answersOf((await submit({ jurisdiction: 'TX', license: 'nha', 'exams.stateExams': 'tx, fl', 'credentials.licenses.0.type': 'nha', 'credentials.licenses.0.jurisdiction': 'GA' })).text);
    assert.ok(named.includes('<dt>State exams passed</dt><dd>Texas, Florida</dd>'), named);
    assert.ok(named.includes('<dt>License 1, issued by</dt><dd>Georgia</dd>'), named);
  });

  it('takes as many licenses as the API, without scripts: 20 rows, the filled ones open, a fourth license counted and kept', async () => {
    const home = (await request(app).get('/')).text;
    assert.equal(home.match(/<legend>License \d+<\/legend>/g)?.length, 20);
    assert.match(home, /<details class="more-rows">\s*<summary>More licenses held \(up to 20\)<\/summary>/);
    const rows: Record<string, string> = {};
    ['RN', 'LPN', 'RN', 'NHA', 'ALA'].forEach((kind, i) => {
      Object.assign(rows, { [`credentials.licenses.${i}.type`]: kind.toLowerCase(), [`credentials.licenses.${i}.jurisdiction`]: i === 3 ? 'FL' : 'GA', [`credentials.licenses.${i}.active`]: 'yes', [`credentials.licenses.${i}.years`]: '5' });
    });
    const res = await request(app).post('/check').type('form').send({ jurisdiction: 'OH', license: 'nha', ...rows });
    assert.equal(res.status, 200);
    // The fourth license (an NHA in Florida) opens Ohio's endorsement route to the person.
    assert.doesNotMatch(res.text, /Do you hold an active nursing home administrator license in another state\?<\/a>/);
    const form = /<section class="refine[\s\S]*<\/section>/.exec(res.text)![0];
    const open = form.split('<details class="more-rows">')[0]!;
    assert.match(open, /<legend>License 5<\/legend>/, 'the filled rows are open');
    assert.match(open, /name="credentials\.licenses\.3\.type"[\s\S]*?<option value="nha" selected>/);
    assert.match(open, /name="credentials\.licenses\.4\.years" type="number" value="5"/);
  });
});
