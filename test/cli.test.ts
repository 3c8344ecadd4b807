import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../src/projectRoot';
import { personas } from '../src/profile/personas';
import { loadRuleSets } from '../src/data/loadRuleSets';
import { evaluateProfile } from '../src/evaluateProfile';
import { compactEvaluation } from '../src/checklist/compactEvaluation';
import { catalog } from './support/catalog';
import { cliCommand } from './support/builtApp';
import { evaluateRenewal } from '../src/renewal/evaluateRenewal';
import { ceRecordExamples } from '../src/renewal/ceRecordExamples';

function cli(args: string[], input?: string) {
  const run = spawnSync(process.execPath, [...cliCommand, ...args], {
    encoding: 'utf8',
    input,
    timeout: 60000,
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ltc-cli-'));
const write = (name: string, data: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
  return file;
};
const newGraduate = personas.find((p) => p.id === 'new-graduate')!.profile;
/** Texas's title as its rule data gives it, so a renamed credential changes the data, not this test. */
const TX_TITLE = catalog().get('TX', 'nha')!.title;

describe('CLI', function () {
  this.timeout(120000);

  it('check prints a text checklist and exits 11 when not eligible', () => {
    const r = cli(['check', write('grad.json', newGraduate), '-j', 'TX', '-l', 'nha']);
    assert.equal(r.code, 11, r.err);
    assert.ok(r.out.startsWith(`Texas — ${TX_TITLE}`), r.out.slice(0, 80));
    assert.match(r.out, /Result: Not eligible yet/);
    assert.match(r.out, /\[ \] Texas state examination/);
    assert.match(r.out, /Not legal advice/);
  });

  it('check exits 0 when eligible and writes Markdown for advisors', () => {
    const profile = { ...newGraduate, exams: { nabCore: true, nabNha: true, stateExams: ['TX'] }, attestations: { TX: ['infection-control-cbt', 'application'] } };
    const r = cli(['check', write('ready.json', profile), '--jurisdiction', 'TX', '--license', 'nha', '--format', 'markdown']);
    assert.equal(r.code, 0, r.err);
    assert.ok(r.out.startsWith(`# Texas — ${TX_TITLE}`), r.out.slice(0, 80));
    assert.match(r.out, /\*\*Result: Eligible\*\*/);
    assert.match(r.out, /\| Met \| Bachelor's or master's degree from an accredited school \|/);
    assert.match(r.out, /\]\(https:\/\/www\.hhs\.texas\.gov\//);
  });

  it('check writes the API JSON and exits 10 when information is missing; reads standard input', () => {
    const r = cli(['check', '-', '-j', 'FL', '-f', 'json'], '{}');
    assert.equal(r.code, 10, r.err);
    const e = JSON.parse(r.out);
    assert.equal(e.jurisdiction, 'FL');
    assert.equal(e.outcome, 'needs-information');
    assert.ok(e.missing.length > 0);
    // As text, the questions are asked in words (the who-may-take-it one first), not as JSON pointers.
    const text = cli(['check', '-', '-j', 'FL'], '{}');
    assert.match(text.out, /Who may take which route \(answer first\):\n  - Do you hold an active nursing home administrator license in another state\?/);
    assert.match(text.out, /Questions that would settle it:\n  - /);
    assert.doesNotMatch(text.out, /\/education\/highestDegree/);
  });

  it('check refuses an invalid profile with each problem and its pointer, exit 1', () => {
    const r = cli(['check', write('bad.json', { age: 'old', training: { aitHour: 5 } }), '-j', 'TX']);
    assert.equal(r.code, 1);
    assert.match(r.err, /\/age: must be a whole number/);
    assert.match(r.err, /\/training\/aitHour: is not a known field/);
  });

  it('check refuses unreadable or non-JSON files and unknown jurisdictions, exit 1', () => {
    assert.equal(cli(['check', path.join(dir, 'missing.json'), '-j', 'TX']).code, 1);
    const notJson = cli(['check', write('x.json', 'not json'), '-j', 'TX']);
    assert.equal(notJson.code, 1);
    assert.match(notJson.err, /not valid JSON/);
    const unknown = cli(['check', write('e.json', {}), '-j', 'ZZ']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /No nha rule set for ZZ/);
    assert.equal(cli(['check', write('e2.json', {}), '-j', 'TX', '-l', 'dentist']).code, 1);
  });

  it('batch checks a CSV of clients, in order, into one Markdown report, listing a bad row\'s problems by column', () => {
    const csv = write(
      'clients.csv',
      [
        'client,jurisdiction,license,age,education.highestDegree,education.field,education.accredited,training.aitHours,exams.nabCore,exams.nabNha,exams.stateExams,credentials.licenses.0.type,credentials.licenses.0.jurisdiction,credentials.licenses.0.active,credentials.licenses.0.years',
        'Jane Doe,tx,nha,29,bachelor,business,yes,600,yes,yes,none,,,,',
        'Sam Lee,FL,nha,45,master,health-administration,yes,,yes,yes,,nha,GA,yes,6',
        'Bad Row,TX,nha,230,bachelor,,,lots,,,,,,,',
        // A spreadsheet's own spellings: TRUE/False, choices in another case, a state in lower case.
        'Ann Roe,oh,NHA,40,Bachelor,Business,TRUE,1000,True,TRUE,none,NHA,fl,Yes,5',
      ].join('\n'),
    );
    const r = cli(['batch', csv]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /1 of 4 clients were not checked/);
    assert.doesNotMatch(r.err, /Checking clients/, 'no progress bar when standard error is not a terminal');
    assert.match(r.out, /^# Licensure checklists: 4 clients/);
    const table = r.out.split('\n').filter((l) => /^\| (Jane Doe|Sam Lee|Bad Row|Ann Roe) \|/.test(l));
    assert.equal(table.length, 4);
    assert.match(table[0]!, /^\| Jane Doe \| TX \| nha \| Not eligible yet \|/);
    // A refused row still says which jurisdiction and license it asked for.
    assert.match(table[2]!, /^\| Bad Row \| TX \| nha \| Not checked: 2 problems/);
    // Read as the values they name: an NHA licensed 5 years in Florida, checked against Ohio's endorsement route.
    assert.match(table[3]!, /^\| Ann Roe \| OH \| nha \| [^|]+ \| Endorsement/);
    assert.ok(r.out.includes(`# Client: Jane Doe\n\n## Texas — ${TX_TITLE}`));
    assert.match(r.out, /600 of 1,000 AIT hours — 400 to go/);
    assert.match(r.out, /- column age: must be at most 120\n- column training\.aitHours: must be a number/);
  });

  it('batch reads JSON lines and writes JSON with the same evaluation as a single check, to a file', async () => {
    const catalog = loadRuleSets();
    const lines = [
      { client: 'Ana', jurisdiction: 'VA', license: 'ala', profile: personas[4]!.profile },
      { jurisdiction: 'OR', license: 'nha', profile: personas[0]!.profile },
    ];
    const file = write('clients.jsonl', `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
    const output = path.join(dir, 'report.json');
    const r = cli(['batch', file, '--format', 'json', '--output', output]);
    assert.equal(r.code, 0, r.err);
    const report = JSON.parse(fs.readFileSync(output, 'utf8'));
    assert.deepEqual(report.results.map((x: { client: string }) => x.client), ['Ana', 'line 2']);
    for (const [i, line] of lines.entries()) {
      const expected = await evaluateProfile(catalog.get(line.jurisdiction, line.license)!, line.profile);
      assert.deepEqual(report.results[i].evaluation, JSON.parse(JSON.stringify(compactEvaluation(expected))));
    }
    assert.deepEqual(report.ruleDataVersion, catalog.version);
  });

  describe('renewal', () => {
    const example = (id: string) => ceRecordExamples.find((x) => x.id === id)!.record;

    it('reads the license from options and the courses from a CSV as a spreadsheet writes it, and exits 11 when hours are still to go', () => {
      const courses = write(
        'courses.csv',
        [
          'Title,Hours,Completed,Topics,Delivery,Approval',
          'Ethics in leadership,6,2026-03-12,Ethics,In person,NCERS',
          'Infection prevention,4,6/20/2026,Infection prevention and control; EMERGENCY-PREPAREDNESS,Live webinar,ncers',
          'Survey readiness,5,2025-03-01,,self-study,Board',
        ].join('\n'),
      );
      const r = cli(['renewal', '-j', 'tn', '-l', 'nha', '--issued', '2011-09-01', '--roles', 'Preceptor', '--courses', courses, '--as-of', '2026-11-16']);
      assert.equal(r.code, 11, r.err);
      const lines = r.out.split('\n');
      assert.equal(lines[0], `Tennessee — ${catalog().get('TN', 'nha')!.title}: renewal check`);
      assert.equal(lines[1], 'Result: Not yet compliant');
      assert.equal(lines[2], 'Deadline: 2026-12-31, 45 days left (courses completed from 2026-01-01 count)');
      assert.match(r.out, /\n {6}Hours: 10 counted · 27 needed · 17 to go\n {6}Source: .+/);
      assert.match(r.out, /\[x\] Infection prevention — 4 hours, completed 2026-06-20: counted 4 hours\n/);
      assert.match(r.out, /\[ \] Survey readiness — 5 hours, completed 2025-03-01: not counted \(completed 2025-03-01, outside the period that counts/);
      assert.match(r.out, /\nRules:\n {2}Renewal period: .+\n {6}Source: /);
      assert.match(r.out, /Renewal rules last verified \d{4}-\d{2}-\d{2} \(confidence: \w+\); checked as of 2026-11-16\./);
    });

    it('refuses a bad courses file with each problem at its row and column, exit 1', () => {
      const courses = write('bad-courses.csv', ['title,hours,completed,topics', 'Ethics,six,2026-03-12,Ethic', 'Later,2,2027-01-05,', 'Fine,2,2026-02-30,'].join('\n'));
      const r = cli(['renewal', '-j', 'TN', '--courses', courses, '--as-of', '2026-11-16', '--roles', 'pilot']);
      assert.equal(r.code, 1);
      assert.equal(r.out, '');
      assert.match(r.err, /bad-courses\.csv, row 2, column hours: must be a number/);
      assert.match(r.err, /bad-courses\.csv, row 2, column topics: "Ethic" is not a topic .*the topics are ethics \(Ethics and professional standards\)/);
      assert.match(r.err, /bad-courses\.csv, row 3, column completed: a course cannot be completed after the day of the check \(2026-11-16\)/);
      assert.match(r.err, /bad-courses\.csv, row 4, column completed: must be a calendar date written YYYY-MM-DD/);
      assert.match(r.err, /--roles: "pilot" is not a role/);
      const columns = cli(['renewal', '-j', 'TN', '--courses', write('cols.csv', 'title,hrs,completed\nx,1,2026-01-01\n')]);
      assert.equal(columns.code, 1);
      assert.match(columns.err, /column hrs: is not a known column/);
      assert.equal(cli(['renewal', '--record', write('r.json', example('on-track')), '-j', 'TX']).code, 1, 'a record or options, not both');
    });

    it('reads a JSON record from standard input and writes Markdown (exit 0 compliant) or the API\'s JSON (exit 10 needs information)', async () => {
      const md = cli(['renewal', '--record', '-', '--format', 'markdown'], JSON.stringify(example('on-track')));
      assert.equal(md.code, 0, md.err);
      assert.match(md.out, /^# Tennessee — .+: renewal check\n\n\*\*Result: Compliant\*\* · deadline 2026-12-31, 45 days left/);
      assert.match(md.out, /\n\| Met \| 18 clock hours .+ \| 19 counted · 18 needed · 0 to go \| /);
      assert.match(md.out, /\n## Courses\n\n\| # \| Course \| Hours \| Completed \| Counts \| Why \|/);
      const record = example('dates-missing');
      const json = cli(['renewal', '-r', write('ca.json', record), '-f', 'json']);
      assert.equal(json.code, 10, json.err);
      const expected = await evaluateRenewal(catalog().get(record.license.jurisdiction, record.license.type)!, record);
      assert.deepEqual(JSON.parse(json.out), JSON.parse(JSON.stringify(expected)));
      assert.equal(JSON.parse(json.out).period, null);
    });
  });

  it('batch shows a progress bar on a terminal (run under script(1), which gives it one)', function () {
    if (spawnSync('script', ['--version']).error) this.skip();
    const file = write('two.jsonl', `${JSON.stringify({ jurisdiction: 'TX', license: 'nha', profile: {} })}\n${JSON.stringify({ jurisdiction: 'FL', license: 'ala', profile: {} })}\n`);
    const command = [process.execPath, ...cliCommand, 'batch', file, '-o', path.join(dir, 'two.md')].join(' ');
    const run = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', timeout: 60000, cwd: projectRoot });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /Checking clients \[.*\] 2\/2/);
  });
});
