import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import request from 'supertest';
import { loadRuleSets } from '../src/data/loadRuleSets';
import { buildCoverageReport } from '../src/coverage/buildCoverageReport';
import { isStale } from '../src/data/staleness';
import { createApp } from '../src/web/createApp';
import { evaluateProfile } from '../src/evaluateProfile';
import { formatMarkdown, formatText } from '../src/checklist/formatChecklist';
import { projectRoot } from '../src/projectRoot';
import { fixtureRoot } from './support/fixtureRoot';
import { catalog } from './support/catalog';

const TODAY = new Date('2026-11-27T12:00:00Z');

describe('staleness', () => {
  const cases: [string, boolean][] = [
    ['2026-11-27', false],
    ['2025-11-27', false],
    ['2025-11-26', true],
    ['2019-01-01', true],
  ];
  for (const [date, stale] of cases) {
    it(`a rule set verified on ${date} is ${stale ? '' : 'not '}stale on 2026-11-27`, () => assert.equal(isStale(date, TODAY), stale));
  }
});

describe('coverage report', () => {
  it('counts each rule set from its own data, and totals the rows', () => {
    // The fixture's NHA set has 5 requirements on 2 pathways (1 endorsement), all citing one official rule;
    // here the first cites only an unofficial copy instead.
    const root = fixtureRoot((x) => {
      x.ruleSets.nha.sources.push({ id: 'copy', title: 'A copy of the rule', url: 'https://example.org/copy', official: false });
      x.ruleSets.nha.requirements[0].sources = ['copy'];
    });
    const nha = buildCoverageReport(loadRuleSets({ root }), TODAY).rows.find((r) => r.license === 'nha')!;
    assert.deepEqual(
      { jurisdiction: nha.jurisdiction, pathways: nha.pathways, endorsement: nha.endorsementPathways, requirements: nha.requirements, official: nha.officialRequirements, share: nha.officialShare, stale: nha.stale },
      { jurisdiction: 'DC', pathways: 2, endorsement: 1, requirements: 5, official: 4, share: 0.8, stale: false },
    );

    // The real totals against the files themselves, counted here without the report's code.
    const real = buildCoverageReport(catalog(), TODAY);
    assert.equal(real.rows.length, catalog().jurisdictions.length * 2);
    const sets = fs.readdirSync(path.join(projectRoot, 'states')).flatMap((f) => Object.values(JSON.parse(fs.readFileSync(path.join(projectRoot, 'states', f), 'utf8')).ruleSets) as { requirements: unknown[]; pathways: unknown[] }[]);
    assert.equal(real.totals.requirements, sets.reduce((n, rs) => n + rs.requirements.length, 0));
    assert.equal(real.totals.pathways, sets.reduce((n, rs) => n + rs.pathways.length, 0));
    assert.ok(real.totals.officialRequirements > 0 && real.totals.officialRequirements <= real.totals.requirements);
    const c = real.totals.byConfidence;
    assert.equal(c.high + c.medium + c.low, real.rows.length);
  });
});

describe('rule sets not verified in the last 12 months', () => {
  const app = createApp(loadRuleSets({ root: fixtureRoot((x) => (x.ruleSets.nha.lastVerified = '2020-01-15')) }));
  const flagged = /out of date/i;

  it('are flagged on the jurisdictions list, the rule-set page, the coverage page and the API', async () => {
    assert.match((await request(app).get('/jurisdictions')).text, flagged);
    const page = await request(app).get('/jurisdictions/DC/nha');
    assert.match(page.text, /<p class="stale-note" role="note"><strong>Out of date:<\/strong> these rules were last checked against their sources on <time datetime="2020-01-15">/);
    assert.doesNotMatch((await request(app).get('/jurisdictions/DC/ala')).text, /class="stale-note"/);
    const coverage = await request(app).get('/coverage');
    assert.match(coverage.text, /1 rule set not verified in the last 12 months/);
    const api = await request(app).get('/api/v1/jurisdictions');
    assert.equal(api.body.jurisdictions[0].licenses.nha.stale, true);
    assert.equal(api.body.jurisdictions[0].licenses.ala.stale, false);
  });

  it('are flagged on a checklist and in a comparison', async () => {
    const check = await request(app).post('/check').type('form').send({ jurisdiction: 'DC', license: 'nha' });
    assert.match(check.text, /class="stale-note"/);
    const evaluation = await request(app).post('/api/v1/evaluations').set('Content-Type', 'application/json').send({ jurisdiction: 'DC', license: 'nha', profile: {} });
    assert.equal(evaluation.body.ruleSet.stale, true);
    const compare = await request(app).post('/compare').type('form').send({ license: 'nha' });
    assert.match(compare.text, /, rules out of date\. Open the checklist\.<\/span>/);
    assert.match(compare.text, /<span class="tag tag-stale">out of date<\/span>/);
    const stale = await evaluateProfile(loadRuleSets({ root: fixtureRoot((x) => (x.ruleSets.nha.lastVerified = '2020-01-15')) }).get('DC', 'nha')!, {});
    assert.match(formatText(stale, '2026-11-27'), /Rules last verified 2020-01-15, OUT OF DATE: not checked in the last 12 months/);
    assert.match(formatMarkdown(stale, '2026-11-27'), /rules last verified 2020-01-15, OUT OF DATE/);
  });
});

describe('CLI coverage', function () {
  this.timeout(60000);
  const cli = (args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli/main.ts'), ...args], { encoding: 'utf8' });

  it('prints the table and totals, as text, Markdown or JSON', () => {
    const text = cli(['coverage']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Jurisdiction\s+License\s+Credential\s+Pathways\s+Requirements\s+Official source\s+Last verified\s+Confidence/);
    assert.match(text.stdout, /TX Texas\s+nha\s+license/);
    assert.match(text.stdout, /Requirements with an official source: \d+ of \d+ \(\d+%\)/);
    const md = cli(['coverage', '--format', 'markdown']);
    assert.match(md.stdout, /^\| Jurisdiction \| License \|/m);
    const json = JSON.parse(cli(['coverage', '-f', 'json']).stdout);
    assert.equal(json.rows.length, catalog().jurisdictions.length * 2);
    assert.equal(json.totals.jurisdictions, catalog().jurisdictions.length);
  });
});
