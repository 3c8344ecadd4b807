import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../src/projectRoot';
import { personas } from '../src/profile/personas';

function cli(args: string[], input?: string) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src/cli/main.ts'), ...args], {
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

describe('CLI', function () {
  this.timeout(120000);

  it('check prints a text checklist and exits 11 when not eligible', () => {
    const r = cli(['check', write('grad.json', newGraduate), '-j', 'TX', '-l', 'nha']);
    assert.equal(r.code, 11, r.err);
    assert.match(r.out, /^Texas — Nursing Facility Administrator/);
    assert.match(r.out, /Result: Not eligible yet/);
    assert.match(r.out, /\[ \] Texas state examination/);
    assert.match(r.out, /Not legal advice/);
  });

  it('check exits 0 when eligible and writes Markdown for advisors', () => {
    const profile = { ...newGraduate, exams: { nabCore: true, nabNha: true, stateExams: ['TX'] }, attestations: { TX: ['infection-control-cbt', 'application'] } };
    const r = cli(['check', write('ready.json', profile), '--jurisdiction', 'TX', '--license', 'nha', '--format', 'markdown']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^# Texas — Nursing Facility Administrator/);
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

  it('validate checks all rule data and runs every golden case', () => {
    const r = cli(['validate']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Rule data: \d+ jurisdictions, \d+ rule sets valid/);
    assert.match(r.out, /Golden cases: \d+ passed, 0 failed/);
  });

  it('validate checks only the jurisdictions named, so one file can be checked while others are edited', () => {
    const r = cli(['validate', 'tx', 'FL']);
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /Rule data: 2 jurisdictions, 4 rule sets valid/);
  });
});
