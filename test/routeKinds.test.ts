import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { evaluateProfile } from '../src/evaluateProfile';
import { formatText } from '../src/checklist/formatChecklist';
import { LICENSE_TYPES } from '../src/data/ruleSetTypes';
import { catalog } from './support/catalog';

/**
 * Issue 9, item 1: every route says what it leads to (a full license by examination, by endorsement, or a
 * time-limited credential) and who may take it, and says so in words on the page, in the CLI and in the API.
 */
const app = createApp(catalog());
const everyRuleSet = catalog().jurisdictions.flatMap((j) => LICENSE_TYPES.map((l) => j.ruleSets[l]));

describe('route kinds', () => {
  it('are set on every pathway of every rule set, with the credential of each time-limited route', () => {
    const pathways = everyRuleSet.flatMap((rs) => rs.pathways.map((p) => ({ at: `${rs.jurisdiction} ${rs.license} ${p.id}`, p })));
    assert.ok(pathways.length >= 400);
    for (const { at, p } of pathways) {
      assert.ok(p.kind && p.term, `${at}: kind and term`);
      assert.equal(p.term === 'time-limited', p.limitedCredential !== undefined, `${at}: limitedCredential`);
    }
  });

  it('mark as not open, through the real engine, the routes whose precondition a person without any license or the HSE lacks', async () => {
    // Someone who holds no license of any kind and not the HSE: nothing licensed-elsewhere or HSE can be open.
    const profile = { credentials: { licenses: [], hse: false } };
    const checked: string[] = [];
    for (const rs of everyRuleSet) {
      const e = await evaluateProfile(rs, profile);
      for (const p of e.pathways) {
        if (!p.entry || (p.entry.holds !== 'license-elsewhere' && p.entry.holds !== 'hse')) continue;
        const gate = p.requirements.find((r) => r.id === p.entry!.requirement)!;
        assert.equal(gate.status, 'unmet', `${rs.jurisdiction} ${rs.license} ${p.id}: "${gate.title}" should be unmet for someone with no license`);
        checked.push(p.id);
      }
    }
    assert.ok(checked.length >= 90, `${checked.length} routes with a license or HSE precondition`);
  });

  it('are told in the API, on the checklist page, the rule-set page and in the CLI', async () => {
    const ne = catalog().get('NE', 'nha')!;
    const acting = ne.pathways.find((p) => p.term === 'time-limited')!;
    const endorsement = ne.pathways.find((p) => p.entry?.holds === 'license-elsewhere')!;

    const described = (await request(app).get('/api/v1/jurisdictions/NE/nha')).body.pathways as Record<string, unknown>[];
    const apiActing = described.find((p) => p.id === acting.id)!;
    assert.equal(apiActing.term, 'time-limited');
    assert.equal(apiActing.limitedCredential, 'acting');
    assert.equal(apiActing.leadsTo, 'Time-limited: permit to act as administrator, a way to work meanwhile, not the full license');
    const apiEndorsement = described.find((p) => p.id === endorsement.id)!;
    assert.deepEqual([apiEndorsement.kind, apiEndorsement.term, apiEndorsement.leadsTo], ['endorsement', 'full', 'Full license by endorsement of a credential you hold']);
    assert.equal(apiEndorsement.openTo, 'Only for people who hold an active license of the kind in another jurisdiction');
    assert.deepEqual(apiEndorsement.entry, endorsement.entry);

    const evaluation = (await request(app).post('/api/v1/evaluations').set('Content-Type', 'application/json').send({ jurisdiction: 'NE', license: 'nha', profile: {} })).body;
    const evaluated = evaluation.pathways.find((p: { id: string }) => p.id === endorsement.id);
    assert.equal(evaluated.leadsTo, 'Full license by endorsement of a credential you hold');
    assert.equal(evaluated.entry.question, endorsement.entry!.question);

    const page = (await request(app).post('/check').type('form').send({ jurisdiction: 'NE', license: 'nha' })).text;
    assert.ok(page.includes('Time-limited: permit to act as administrator, a way to work meanwhile, not the full license.'));
    assert.ok(page.includes(`Only for people who hold an active license of the kind in another jurisdiction: ${endorsement.entry!.question}`));
    const rulePage = (await request(app).get('/jurisdictions/NE/nha')).text;
    assert.ok(rulePage.includes('(Full license by examination and qualification)'));

    const text = formatText(await evaluateProfile(ne, {}), '2026-12-02');
    assert.ok(text.includes(`  Full license by endorsement of a credential you hold. Only for people who hold an active license of the kind in another jurisdiction (${endorsement.entry!.question}).`));
  });
});
