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
import { formatCoverageText } from '../src/coverage/formatCoverageReport';
import { projectRoot } from '../src/projectRoot';
import { fixtureRoot } from './support/fixtureRoot';
import { catalog } from './support/catalog';
import { cliCommand } from './support/builtApp';

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

    // The fixture's ALA set has no renewal CE rules: not encoded, and counted so.
    assert.equal(buildCoverageReport(loadRuleSets({ root }), TODAY).rows.find((r) => r.license === 'ala')!.renewal, null);

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

describe('renewal coverage', () => {
  /** The fixture's NHA set with yearly CE rules citing `cited` sources for the cycle and the requirement. */
  const withCe = (sources: { id: string; official: boolean }[], cited: { cycle: string[]; requirement: string[]; approvals: string[] }) =>
    fixtureRoot((x) => {
      x.ruleSets.nha.sources.push(...sources.map((s) => ({ ...s, title: `Source ${s.id}`, url: `https://example.org/${s.id}` })));
      x.ruleSets.nha.renewal = {
        summary: 'Yearly CE.',
        sources: ['rule-1'],
        ce: {
          applies: 'credential', lastVerified: '2024-01-10', confidence: 'medium',
          cycle: { months: 12, anchor: 'fixed', ends: '12-31', endYears: 'every', text: 'Calendar years.', sources: cited.cycle },
          requirements: [{ id: 'total', title: '12 hours', kind: 'total', description: '12 hours a year.', conditions: { all: [{ fact: 'ce', path: 'hours.total', operator: 'atLeast', value: 12 }] }, sources: cited.requirement }],
          approvals: { accepted: ['ncers'], text: 'NAB-approved courses.', sources: cited.approvals },
          unverified: [],
        },
      };
    });

  it('says per rule set whether CE rules exist, what share of the sources they cite is official, and how sure we are', () => {
    // Three distinct sources cited across the cycle, the requirement and the approvals, one of them twice: 2 of 3 official.
    const root = withCe([{ id: 'copy', official: false }, { id: 'board-page', official: true }], { cycle: ['rule-1', 'copy'], requirement: ['copy'], approvals: ['board-page'] });
    const report = buildCoverageReport(loadRuleSets({ root }), TODAY);
    const nha = report.rows.find((r) => r.license === 'nha')!;
    assert.deepEqual(nha.renewal, { applies: 'credential', requirements: 1, sources: 3, officialSources: 2, officialShare: 2 / 3, lastVerified: '2024-01-10', stale: true, confidence: 'medium' });
    assert.deepEqual(report.totals.renewal, {
      byApplies: { credential: 1, 'facility-training': 0, none: 0, missing: 1 },
      sources: 3,
      officialSources: 2,
      officialShare: 2 / 3,
      byConfidence: { high: 0, medium: 1, low: 0 },
    });
    assert.match(formatCoverageText(report), /credential, 67% official, medium STALE/);
    assert.match(formatCoverageText(report), /Renewal CE: 1 credential, 0 facility training, 0 none found, 1 not encoded\. Cited sources official: 2 of 3 \(67%\)\./);
  });

  it('totals every real rule set, each counted once by what its CE rules apply to', () => {
    const real = buildCoverageReport(catalog(), TODAY);
    const sets = fs.readdirSync(path.join(projectRoot, 'states')).flatMap((f) => Object.values(JSON.parse(fs.readFileSync(path.join(projectRoot, 'states', f), 'utf8')).ruleSets) as { renewal?: { ce?: { applies: string } } }[]);
    const applies = (a: string) => sets.filter((rs) => rs.renewal?.ce?.applies === a).length;
    const { byApplies } = real.totals.renewal;
    assert.deepEqual(byApplies, { credential: applies('credential'), 'facility-training': applies('facility-training'), none: applies('none'), missing: sets.filter((rs) => !rs.renewal?.ce).length });
    assert.equal(byApplies.credential + byApplies['facility-training'] + byApplies.none + byApplies.missing, real.rows.length);
    assert.ok(real.totals.renewal.officialSources <= real.totals.renewal.sources);
  });

  it('shows on the coverage page', async () => {
    const page = (await request(createApp(loadRuleSets({ root: withCe([], { cycle: ['rule-1'], requirement: ['rule-1'], approvals: ['rule-1'] }) }))).get('/coverage')).text;
    assert.match(page, /<th scope="col">Renewal CE<\/th>/);
    assert.match(page, /<td data-label="Renewal CE">Renews on CE<span class="small coverage-renewal">100% official sources · medium confidence · <span class="tag tag-stale">out of date<\/span><\/span><\/td>/);
    assert.match(page, /<td data-label="Renewal CE">Not encoded<\/td>/);
    assert.match(page, /Renewal continuing education: 1 rule sets renew on CE, 0 set yearly facility training, 0 with none found, 1 not encoded; 1 of the 1 sources they cite \(100%\) are official/);
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
    spawnSync(process.execPath, [...cliCommand, ...args], { encoding: 'utf8' });

  it('prints the table and totals, as text, Markdown or JSON', () => {
    const text = cli(['coverage']);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /Jurisdiction\s+License\s+Credential\s+Pathways\s+Requirements\s+Official source\s+Last verified\s+Confidence\s+Renewal CE/);
    assert.match(text.stdout, /^Renewal CE: \d+ credential, \d+ facility training, \d+ none found, 0 not encoded\. Cited sources official: \d+ of \d+ \(\d+%\)\./m);
    assert.match(text.stdout, /TX Texas\s+nha\s+license/);
    assert.match(text.stdout, /Requirements with an official source: \d+ of \d+ \(\d+%\)/);
    const md = cli(['coverage', '--format', 'markdown']);
    assert.match(md.stdout, /^\| Jurisdiction \| License \|/m);
    const json = JSON.parse(cli(['coverage', '-f', 'json']).stdout);
    assert.equal(json.rows.length, catalog().jurisdictions.length * 2);
    assert.equal(json.totals.jurisdictions, catalog().jurisdictions.length);
    assert.equal(json.rows.find((r: { jurisdiction: string; license: string }) => r.jurisdiction === 'TN' && r.license === 'nha').renewal.applies, 'credential');
  });
});
