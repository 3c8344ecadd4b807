import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LICENSED_HERE, loadRuleSets } from '../src/data/loadRuleSets';
import { jurisdictionCodes } from '../src/profile/profileFields';
import { RuleDataError } from '../src/data/RuleDataError';
import { projectRoot } from '../src/projectRoot';
import { fixtureRoot } from './support/fixtureRoot';
import { servedCommand, servedEnv } from './support/builtApp';

function problemsOf(root: string) {
  try {
    loadRuleSets({ root });
  } catch (e) {
    assert.ok(e instanceof RuleDataError, String(e));
    return e.problems;
  }
  assert.fail('the broken rule data loaded');
}

const nha = (x: any) => x.ruleSets.nha;

const cases: { name: string; mutate: (tx: any, dir: string) => void; file?: string; pointer: string; reason: RegExp }[] = [
  { name: 'an unknown property', mutate: (x) => (nha(x).requirements[0].citation = 'x'), pointer: '/ruleSets/nha/requirements/0/citation', reason: /not a known field/ },
  { name: 'a missing lastVerified', mutate: (x) => delete nha(x).lastVerified, pointer: '/ruleSets/nha/lastVerified', reason: /required/ },
  { name: 'a pathway naming no requirement', mutate: (x) => nha(x).pathways[0].requires.push('no-such-thing'), pointer: '/ruleSets/nha/pathways/0/requires/4', reason: /no requirement with id "no-such-thing"/ },
  { name: 'a requirement citing no source', mutate: (x) => (nha(x).requirements[1].sources = ['nowhere']), pointer: '/ruleSets/nha/requirements/1/sources/0', reason: /no source with id "nowhere"/ },
  { name: 'an unknown named condition', mutate: (x) => (nha(x).requirements[0].conditions = { all: [{ condition: 'bachelorOrBetter' }] }), pointer: '/ruleSets/nha/requirements/0/conditions/all/0/condition', reason: /no shared condition named "bachelorOrBetter"/ },
  { name: 'a path that is no profile field', mutate: (x) => (nha(x).requirements[1].conditions.all[0].path = 'education.creditHours'), pointer: '/ruleSets/nha/requirements/1/conditions/all/0/path', reason: /not a field of the applicant profile/ },
  { name: 'a misspelt enum value', mutate: (x) => (nha(x).requirements[2].conditions.all[1].value = ['health-admin']), pointer: '/ruleSets/nha/requirements/2/conditions/all/1/value/0', reason: /must be one of/ },
  { name: 'a numeric operator on a text field', mutate: (x) => (nha(x).requirements[2].conditions.all[1] = { fact: 'profile', path: 'education.field', operator: 'greaterThan', value: 3 }), pointer: '/ruleSets/nha/requirements/2/conditions/all/1/operator', reason: /numeric field/ },
  { name: 'a requirement both checked and attestable', mutate: (x) => (nha(x).requirements[0].attestable = true), pointer: '/ruleSets/nha/requirements/0', reason: /exactly one of/ },
  { name: 'a requirement on no pathway', mutate: (x) => nha(x).pathways[1].requires.splice(0, 1), pointer: '/ruleSets/nha/requirements/3/id', reason: /on no pathway/ },
  { name: 'a duplicate requirement id', mutate: (x) => (nha(x).requirements[1].id = 'degree'), pointer: '/ruleSets/nha/requirements/1/id', reason: /duplicate requirement id "degree"/ },
  { name: 'a file named for another jurisdiction', mutate: (x) => (x.jurisdiction = 'OK'), pointer: '/jurisdiction', reason: /must match the file name/ },
  { name: 'a bad hasLicense value', mutate: (x) => (nha(x).requirements[3].conditions.all[0].value = { types: ['doctor'] }), pointer: '/ruleSets/nha/requirements/3/conditions/all/0/value/types/0', reason: /must be one of/ },
  { name: 'a time-limited route that does not say what it gives', mutate: (x) => (nha(x).pathways[1].term = 'time-limited'), pointer: '/ruleSets/nha/pathways/1/limitedCredential', reason: /names its "limitedCredential"/ },
  { name: 'a full route with a time-limited credential', mutate: (x) => (nha(x).pathways[0].limitedCredential = 'provisional'), pointer: '/ruleSets/nha/pathways/0/limitedCredential', reason: /only a time-limited route/ },
  { name: 'an entry checked by a requirement off the route', mutate: (x) => (nha(x).pathways[1].entry.requirement = 'degree'), pointer: '/ruleSets/nha/pathways/1/entry/requirement', reason: /"degree" is not one of this route's requirements/ },
  { name: 'an entry question that is no question', mutate: (x) => (nha(x).pathways[1].entry.question = 'Licensed in another state.'), pointer: '/ruleSets/nha/pathways/1/entry/question', reason: /must match pattern/ },
  { name: 'agency contact details from an unofficial page', mutate: (x) => { nha(x).sources.push({ id: 'directory', title: 'A directory', url: 'https://directory.example.com/boards', official: false }); nha(x).agency.contact = { phone: '(555) 010-0100', source: 'directory' }; }, pointer: '/ruleSets/nha/agency/contact/source', reason: /must cite an official source of this rule set \("directory" is not official\)/ },
  { name: 'agency contact details citing no source', mutate: (x) => (nha(x).agency.contact = { phone: '(555) 010-0100', source: 'nowhere' }), pointer: '/ruleSets/nha/agency/contact/source', reason: /"nowhere" is not one/ },
  { name: 'a credential with no pathway', mutate: (x) => (x.ruleSets.ala.credential = 'license'), pointer: '/ruleSets/ala/pathways', reason: /at least one pathway/ },
  {
    name: 'a file that is not JSON',
    mutate: (tx, dir) => {
      fs.writeFileSync(path.join(dir, 'states', 'OK.json'), '{ "jurisdiction": ');
    },
    file: 'states/OK.json',
    pointer: '',
    reason: /not valid JSON/,
  },
];

describe('loading rule data', () => {
  it('loads the real data: every jurisdiction of the contract, both rule sets each, every checkable requirement an engine rule', () => {
    const catalog = loadRuleSets();
    assert.deepEqual(catalog.jurisdictions.map((j) => j.code), [...jurisdictionCodes].sort());
    assert.match(catalog.version.hash, /^[0-9a-f]{16}$/);
    for (const j of catalog.jurisdictions) {
      const file = JSON.parse(fs.readFileSync(path.join(projectRoot, 'states', `${j.code}.json`), 'utf8'));
      for (const license of ['nha', 'ala'] as const) {
        const rs = catalog.get(j.code, license)!;
        const checkable = file.ruleSets[license].requirements.filter((r: { conditions?: unknown; attestable?: boolean }) => r.conditions || r.attestable);
        assert.deepEqual(
          rs.engineRules.map((r) => r.name).filter((n) => n !== LICENSED_HERE),
          checkable.map((r: { id: string }) => r.id),
          `${j.code} ${license}`,
        );
        assert.equal(rs.assumptions, catalog.assumptions, 'one set of estimate assumptions for all');
      }
    }
    for (const id of ['fullTimeWeek', 'examApproval', 'examPreparation', 'examSitting', 'licenseIssue']) assert.ok(catalog.assumptions.assumptions[id], id);
  });

  it('loads the untouched fixture, so each refusal below comes from its one change', () => {
    const catalog = loadRuleSets({ root: fixtureRoot(() => undefined) });
    assert.equal(catalog.get('DC', 'nha')?.requirements.length, 5);
  });

  for (const c of cases) {
    it(`refuses ${c.name}, naming file, pointer and reason`, () => {
      const problems = problemsOf(fixtureRoot(c.mutate));
      const hit = problems.find((p) => p.file === (c.file ?? 'states/DC.json') && p.pointer === c.pointer);
      assert.ok(hit, `no problem at ${c.pointer}; got ${JSON.stringify(problems)}`);
      assert.match(hit.reason, c.reason);
    });
  }

  it('skips checking only rule data that hashes to what passed every check, and checks anything else in full', () => {
    // The repository's own rule data, as the build stamps it.
    const checked = loadRuleSets({ alreadyChecked: false });
    const trusted = loadRuleSets({ alreadyChecked: checked.contentHash });
    assert.deepEqual(trusted.jurisdictions, checked.jurisdictions, 'the same catalog without the checks');
    assert.deepEqual(trusted.version, checked.version);
    // The same stamp on a file changed since: every check runs and the problem is found.
    const broken = fixtureRoot((x) => nha(x).pathways[0].requires.push('no-such-thing'));
    assert.throws(() => loadRuleSets({ root: broken, alreadyChecked: checked.contentHash }), (e) =>
      e instanceof RuleDataError && e.problems.some((p) => p.file === 'states/DC.json' && p.pointer === '/ruleSets/nha/pathways/0/requires/4'),
    );
  });

  it('stops the server at start-up with the file, pointer and reason', function () {
    this.timeout(30000);
    const root = fixtureRoot((x) => nha(x).pathways[0].requires.push('no-such-thing'));
    const run = spawnSync(process.execPath, servedCommand, {
      env: { ...process.env, ...servedEnv, RULE_DATA_DIR: root, PORT: '0' },
      encoding: 'utf8',
      timeout: 25000,
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /states\/DC\.json#\/ruleSets\/nha\/pathways\/0\/requires\/4: no requirement with id "no-such-thing"/);
    assert.doesNotMatch(run.stdout, /listening/);
  });
});
