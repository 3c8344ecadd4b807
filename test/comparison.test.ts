import assert from 'node:assert/strict';
import request from 'supertest';
import { createApp } from '../src/web/createApp';
import { compareJurisdictions } from '../src/compareJurisdictions';
import { evaluateProfile } from '../src/evaluateProfile';
import { LICENSE_TYPES } from '../src/data/ruleSetTypes';
import { personas } from '../src/profile/personas';
import { flatFromProfile } from '../src/profile/flatProfile';
import { TILE_GRID } from '../src/web/tileGrid';
import { jurisdictionCodes } from '../src/profile/profileFields';
import { catalog } from './support/catalog';

const app = createApp(catalog());
const post = (body: unknown) => request(app).post('/api/v1/comparisons').set('Content-Type', 'application/json').send(JSON.stringify(body));
const persona = (id: string) => personas.find((p) => p.id === id)!.profile;
const codes = () => catalog().jurisdictions.map((j) => j.code);

describe('comparison across jurisdictions', () => {
  it('gives each jurisdiction the outcome and best route its own checklist gives, with what is left on that route', async () => {
    for (const license of LICENSE_TYPES) {
      for (const p of personas) {
        const rows = await compareJurisdictions(catalog(), license, p.profile);
        assert.deepEqual(rows.map((r) => r.jurisdiction), codes());
        for (const row of rows) {
          const e = await evaluateProfile(catalog().get(row.jurisdiction, license)!, p.profile);
          assert.equal(row.outcome, e.outcome, `${row.jurisdiction} ${license} ${p.id}`);
          assert.equal(row.bestPathway, e.bestPathway);
          assert.equal(row.bestLicenseRoute, e.bestLicenseRoute);
          const best = e.pathways.find((x) => x.id === e.bestLicenseRoute);
          assert.deepEqual(row.estimate, best?.estimate ?? null);
          assert.deepEqual(row.unmet.map((u) => u.id), best?.requirements.filter((r) => r.status === 'unmet').map((r) => r.id) ?? []);
          assert.deepEqual(row.unknown.map((u) => u.id), best?.requirements.filter((r) => r.status === 'unknown').map((r) => r.id) ?? []);
          if (row.outcome === 'eligible') assert.deepEqual([row.unmet, row.unknown], [[], []]);
        }
      }
    }
  });

  it('places every jurisdiction on its own square of the tile map', () => {
    assert.deepEqual(Object.keys(TILE_GRID).sort(), [...jurisdictionCodes].sort());
    const squares = new Set(Object.values(TILE_GRID).map(([r, c]) => `${r},${c}`));
    assert.equal(squares.size, jurisdictionCodes.length);
  });
});

describe('POST /api/v1/comparisons', () => {
  it('compares every jurisdiction when none are named, in the contract shape', async () => {
    const res = await post({ license: 'nha', profile: persona('moving-administrator') });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.license, 'nha');
    assert.deepEqual(res.body.results.map((r: { jurisdiction: string }) => r.jurisdiction), codes());
    for (const r of res.body.results) {
      assert.ok(['eligible', 'not-eligible', 'needs-information', 'no-credential'].includes(r.outcome));
      assert.ok(r.bestPathway === null || typeof r.bestPathway === 'string');
      assert.ok(Array.isArray(r.unmet) && Array.isArray(r.unknown));
      for (const u of [...r.unmet, ...r.unknown]) assert.ok(u.id && u.title);
    }
  });

  it('compares only the jurisdictions named, in the order named', async () => {
    const res = await post({ license: 'ala', profile: {}, jurisdictions: ['VA', 'TX', 'MN'] });
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.results.map((r: { jurisdiction: string }) => r.jurisdiction), ['VA', 'TX', 'MN']);
  });

  it('answers 404 for an unknown license or jurisdiction and 422 for a bad request', async () => {
    assert.equal((await post({ license: 'dentist', profile: {} })).status, 404);
    const unknown = await post({ license: 'nha', profile: {}, jurisdictions: ['TX', 'ZZ'] });
    assert.equal(unknown.status, 404);
    assert.match(unknown.body.detail, /"ZZ"/);
    const bad = await post({ license: 'nha', profile: { age: 'old' }, jurisdictions: ['TX', 'TX'] });
    assert.equal(bad.status, 422);
    assert.match(bad.headers['content-type'] ?? '', /application\/problem\+json/);
    const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer);
    assert.ok(pointers.includes('/profile/age') || pointers.includes('/jurisdictions'), pointers.join(' '));
    assert.equal((await post({ profile: {} })).status, 422);
    assert.equal((await post({ license: 'nha', profile: {}, jurisdictions: [] })).status, 422);
    assert.equal((await request(app).get('/api/v1/comparisons')).status, 405);
  });
});

/** The answers of a persona as the home form would send them, for the chosen license. */
const formOf = (id: string, license = 'nha') => ({ ...flatFromProfile(persona(id)), license });

describe('comparison page', () => {
  it('shows a tile map and a table with one entry per jurisdiction, each opening its checklist with the same answers', async () => {
    const res = await request(app).post('/compare').type('form').send(formOf('new-graduate'));
    assert.equal(res.status, 200);
    // By default the map shows the time to a license on the route each state's own checklist recommends.
    const tiles = [...res.text.matchAll(/<button class="tile band-([a-z0-9-]+)" form="carry" name="jurisdiction" value="([A-Z]{2})" title="([^"]*)"/g)];
    assert.deepEqual(tiles.map((t) => t[2]).sort(), [...codes()].sort());
    for (const [, band, code, title] of tiles) {
      const e = await evaluateProfile(catalog().get(code!, 'nha')!, persona('new-graduate'));
      const best = e.pathways.find((p) => p.id === e.bestLicenseRoute);
      assert.equal(band, best?.estimate.band ?? 'none', code);
      if (best && band !== 'now') assert.ok(title!.includes(best.estimate.words), `${code}: ${title}`);
    }
    const byOutcome = await request(app).post('/compare').type('form').send({ ...formOf('new-graduate'), colour: 'outcome' });
    const outcomeTiles = [...byOutcome.text.matchAll(/<button class="tile outcome-([a-z-]+)" form="carry" name="jurisdiction" value="([A-Z]{2})"/g)];
    assert.equal(outcomeTiles.length, codes().length);
    for (const [, outcome, code] of outcomeTiles) {
      assert.equal(outcome, (await evaluateProfile(catalog().get(code!, 'nha')!, persona('new-graduate'))).outcome, code);
    }
    const rows = [...res.text.matchAll(/<th scope="row" data-label="Jurisdiction"><button class="link" form="carry" name="jurisdiction" value="([A-Z]{2})"/g)];
    assert.equal(rows.length, codes().length);
    assert.match(res.text, /<form id="carry" method="post" action="\/check"/);
    assert.match(res.text, /<input type="hidden" name="training\.aitHours" value="1000">/);
    assert.match(res.text, /<input type="hidden" name="license" value="nha">/);
    assert.doesNotMatch(res.text, /<script/i);
  });

  it('has a legend that names every colour in words beside its icon, with counts adding up to every jurisdiction', async () => {
    const legend = (html: string) => [...html.matchAll(/<li><span class="swatch [a-z0-9-]+" aria-hidden="true">[^<]+<\/span> ([^<(]+) \((\d+)\)<\/li>/g)].map((m) => [m[1]!, Number(m[2])] as const);
    const byTime = legend((await request(app).post('/compare').type('form').send(formOf('new-graduate'))).text);
    assert.deepEqual(byTime.map(([w]) => w).slice(0, 5), ['Eligible now', 'Under 6 months', '6 to 12 months', 'Over 12 months', 'Not known yet']);
    assert.equal(byTime.reduce((a, [, n]) => a + n, 0), codes().length);
    const byOutcome = legend((await request(app).post('/compare').type('form').send({ ...formOf('new-graduate'), colour: 'outcome' })).text);
    assert.deepEqual(byOutcome.map(([w]) => w), ['Eligible', 'More information needed', 'Not eligible yet', 'No credential issued']);
    assert.equal(byOutcome.reduce((a, [, n]) => a + n, 0), codes().length);
  });

  it('lists the soonest first by default: timed estimates first, then open-ended ones, then those with an untimeable step ahead; within each, verified before unverified, then by the middle of the estimate', async () => {
    const res = await request(app).post('/compare').type('form').send(formOf('career-changer'));
    assert.match(res.text, /<th scope="col" aria-sort="ascending">Time to a license/);
    const listed = [...res.text.matchAll(/data-label="Jurisdiction"><button class="link" form="carry" name="jurisdiction" value="([A-Z]{2})"/g)].map((m) => m[1]!);
    const rows = await compareJurisdictions(catalog(), 'nha', persona('career-changer'));
    const estimate = (code: string) => rows.find((r) => r.jurisdiction === code)!.estimate;
    const tier = (c: string) => (!estimate(c) ? 3 : estimate(c)!.untimed.length ? 2 : estimate(c)!.maxMonths === null ? 1 : 0);
    const tiers = listed.map(tier);
    assert.deepEqual(tiers, [...tiers].sort((a, b) => a - b), 'timed, then open-ended, then untimeable, then no route');
    const soon = (c: string) => (estimate(c)!.maxMonths === null ? estimate(c)!.timedMaxMonths : (estimate(c)!.minMonths + estimate(c)!.maxMonths!) / 2);
    for (const t of [0, 1, 2]) {
      const inTier = listed.filter((c) => tier(c) === t);
      const verified = inTier.filter((c) => estimate(c)!.unverified.length === 0);
      assert.deepEqual(inTier.slice(0, verified.length), verified, `tier ${t}: verified first`);
      for (const group of [verified, inTier.slice(verified.length)]) {
        for (let i = 1; i < group.length; i++) assert.ok(soon(group[i - 1]!) <= soon(group[i]!), `${group[i - 1]} before ${group[i]}`);
      }
    }
    // Sorting by another column keeps the map's colours, and the colours keep the sort.
    const sorted = await request(app).post('/compare').type('form').send({ ...formOf('career-changer'), sort: 'jurisdiction', keepColour: 'outcome' });
    assert.match(sorted.text, /<button class="tile outcome-/);
    assert.match(sorted.text, /name="keepSort" value="jurisdiction"/);
  });

  it('keeps time-limited credentials out of the ranking: each row times the route to the full license and names the other beside it', async () => {
    for (const p of personas) {
      for (const row of await compareJurisdictions(catalog(), (p.license ?? 'nha') as 'nha', p.profile)) {
        if (!row.bestLicenseRoute) continue;
        const route = catalog().get(row.jurisdiction, p.license ?? 'nha')!.pathways.find((x) => x.id === row.bestLicenseRoute)!;
        assert.equal(route.term, 'full', `${p.id} ${row.jurisdiction}`);
        if (row.meanwhile) assert.equal(catalog().get(row.jurisdiction, p.license ?? 'nha')!.pathways.find((x) => x.id === row.meanwhile!.id)!.term, 'time-limited');
      }
    }
  });

  it('sorts the table by the column asked for, without scripts', async () => {
    const order = async (sort: string) => {
      const res = await request(app).post('/compare').type('form').send({ ...formOf('career-changer'), sort });
      return [...res.text.matchAll(/data-label="Jurisdiction"><button class="link" form="carry" name="jurisdiction" value="[A-Z]{2}">([^<]+)</g)].map((m) => m[1]!);
    };
    const byName = await order('jurisdiction');
    assert.deepEqual(byName, [...byName].sort((a, b) => a.localeCompare(b, 'en')));
    const byOutcome = await order('outcome');
    const rank = ['eligible', 'needs-information', 'not-eligible', 'no-credential'];
    const outcomes = await compareJurisdictions(catalog(), 'nha', persona('career-changer'));
    const outcomeOf = (label: string) => rank.indexOf(outcomes.find((r) => label.endsWith(`(${r.jurisdiction})`))!.outcome);
    assert.deepEqual(byOutcome.map(outcomeOf), byOutcome.map(outcomeOf).sort((a, b) => a - b));
    const res = await request(app).post('/compare').type('form').send({ ...formOf('career-changer'), sort: 'left' });
    assert.match(res.text, /<th scope="col" aria-sort="ascending">What is left/);
  });

  it('opens a jurisdiction checklist from a tile with the carried answers', async () => {
    const res = await request(app).post('/check').type('form').send({ ...formOf('new-graduate'), jurisdiction: 'FL' });
    assert.equal(res.status, 200);
    assert.match(res.text, /<h1>Florida: /);
  });

  it('carries only the checked profile\'s fields in its hidden inputs, and the license once', async () => {
    const res = await request(app)
      .post('/compare')
      .type('form')
      .send(new URLSearchParams([
        ...Object.entries({ ...formOf('new-graduate'), 'training.aitHours': '1,000' }),
        ...[['evil', '1'], ['__proto__', 'x'], ['constructor', 'y'], ['toString.x', 'z'], ['jurisdiction', 'TX'], ['sort', 'left']],
      ] as [string, string][]).toString());
    assert.equal(res.status, 200);
    const carry = /<form id="carry"[^>]*>([\s\S]*?)<\/form>/.exec(res.text)![1]!;
    const hidden = [...carry.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]);
    const names = hidden.map(([name]) => name);
    for (const unknown of ['evil', '__proto__', 'constructor', 'toString.x', 'jurisdiction', 'sort', 'attestations']) assert.ok(!names.includes(unknown), unknown);
    assert.equal(res.text.match(/name="license"/g)?.length, 1, 'one license input in the page');
    assert.deepEqual(names.filter((n) => n === 'license'), ['license']);
    // The answers as checked, not as typed: "1,000" travels as 1000.
    const carried = Object.fromEntries(hidden);
    // Besides the answers, only the view's settings travel: the sort asked for and the map's colours.
    assert.deepEqual(carried, { ...flatFromProfile(persona('new-graduate')), license: 'nha', keepSort: 'left', keepColour: 'time' });
  });

  it('opens the same checklist from the carried answers as from the answers typed', async () => {
    const page = await request(app).post('/compare').type('form').send(formOf('career-changer'));
    const carry = /<form id="carry"[^>]*>([\s\S]*?)<\/form>/.exec(page.text)![1]!;
    const hidden = [...carry.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map((m) => [m[1]!, m[2]!] as [string, string]);
    const fromTile = await request(app).post('/check').type('form').send(new URLSearchParams([...hidden, ['jurisdiction', 'FL']]).toString());
    const typed = await request(app).post('/check').type('form').send({ ...formOf('career-changer'), jurisdiction: 'FL' });
    assert.equal(fromTile.status, 200);
    assert.equal(fromTile.text, typed.text);
  });

  it('asks again for a license type or a bad answer, keeping what was typed', async () => {
    const res = await request(app).post('/compare').type('form').send({ license: '', age: '300' });
    assert.equal(res.status, 422);
    assert.match(res.text, /Choose a license type from the lists/);
    assert.match(res.text, /name="age" type="number" value="300"/);
  });
});
