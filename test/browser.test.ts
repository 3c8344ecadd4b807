import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { OUTCOME_WORDS } from '../src/checklist/outcomes';
import { evaluateProfile } from '../src/evaluateProfile';
import { startTestServer, type TestServer } from './support/startTestServer';

/**
 * The web app in a real browser (Debian's chromium), used the way a person would: pick a jurisdiction, fill
 * the form, read the checklist, confirm an item, fix a mistake, browse the sources. The tests follow one
 * visitor on one tab, in order; a test that needs a result page makes one if the tab is not on one. axe-core
 * checks each kind of page, and screenshots of a result page (screen and print) go to the temp folder.
 */

const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
/**
 * Axe rules Swagger UI's own markup breaks, which the API reference page cannot change (see the README), each
 * with where it may be found: inside Swagger UI, or, for its second main landmark, the page as a whole.
 */
const SWAGGER_UI_OWN: Record<string, string> = {
  'nested-interactive': '#swagger-ui',
  'heading-order': '#swagger-ui',
  'landmark-main-is-top-level': '#swagger-ui',
  'landmark-no-duplicate-main': 'body',
  'landmark-unique': 'body',
};
const VIEWPORT = { width: 1280, height: 900 };
const SCREENSHOTS = {
  screen: path.join(os.tmpdir(), 'ltc-result-screen.png'),
  print: path.join(os.tmpdir(), 'ltc-result-print.png'),
};

/** What the visitor chooses and types, by label, and the same answers as the API's profile. */
const SELECTS = {
  'Highest completed degree': "Bachelor's degree",
  'Field of the highest degree': 'Business',
  'Degree is from an accredited institution': 'Yes',
  'Passed the NAB Core of Knowledge exam': 'Yes',
  'Passed the NAB Nursing Home Administrator (NHA) line-of-service exam': 'Yes',
  'Criminal background check cleared': 'Yes',
};
const TEXTS = {
  'Long-term care administration coursework': '12',
  'Administrator-in-training hours': '600',
  'State exams passed': 'TX',
};
const PROFILE = {
  education: { highestDegree: 'bachelor', field: 'business', accredited: true, ltcCreditHours: 12 },
  training: { aitHours: 600 },
  exams: { nabCore: true, nabNha: true, stateExams: ['TX'] },
  background: { checkCleared: true },
};
const AIT_REQUIREMENT = '1,000-hour internship in a nursing facility';
const ATTESTED_REQUIREMENT = 'Sponsorship by a Texas-licensed administrator';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('web app in a browser (chromium)', function () {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let page: Page;
  /** Console errors (CSP violations included), uncaught page errors and failed responses, from every page. */
  const problems: string[] = [];

  before(async function () {
    if (!fs.existsSync(CHROMIUM)) {
      if (process.env.CI === 'true') {
        throw new Error(`${CHROMIUM} is missing. In CI the browser tests must run: install Debian's chromium package.`);
      }
      console.log(`      ${CHROMIUM} is missing: skipping the browser tests (apt-get install chromium to run them).`);
      this.skip();
    }
    [server, browser] = await Promise.all([
      startTestServer(),
      chromium.launch({
        executablePath: CHROMIUM,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      }),
    ]);
    // The app's CSP stays on (no bypassCSP): axe goes in through page.evaluate, which CSP does not govern.
    page = await browser.newPage({ viewport: VIEWPORT });
    page.on('console', (m) => {
      // Failed loads are reported by the response handler below, which knows which ones are expected.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console error on ${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error on ${page.url()}: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`${r.failure()?.errorText ?? 'failed'}: ${r.url()}`));
    page.on('response', (r) => {
      // The expected error statuses: the form sent back with problems, and a form too large to read.
      if (r.status() >= 400 && !([413, 422].includes(r.status()) && ['/check', '/renewal'].includes(new URL(r.url()).pathname))) problems.push(`${r.status()} for ${r.url()}`);
    });
  });

  after(async function () {
    await browser?.close();
    await server?.close();
  });

  const url = (p: string) => `${server!.baseUrl}${p}`;
  const field = (scope: Page | Locator, label: string) => scope.getByLabel(label, { exact: true });

  /** Clicks a submit button and waits for the page it posts to; returns that response's status. */
  async function submit(button: string): Promise<number> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().isNavigationRequest() && r.request().method() === 'POST'),
      page.waitForEvent('load'),
      page.getByRole('button', { name: button }).click(),
    ]);
    return response.status();
  }

  /** Home page → Texas, nursing home administrator, the visitor's answers → the result page. */
  async function checkTexasProfile(): Promise<void> {
    if (new URL(page.url()).pathname !== '/') await page.goto(url('/'));
    await field(page, 'Jurisdiction').selectOption({ label: 'Texas' });
    await field(page, 'License type').selectOption({ label: 'Nursing home administrator' });
    for (const [label, option] of Object.entries(SELECTS)) await field(page, label).selectOption({ label: option });
    for (const [label, value] of Object.entries(TEXTS)) await field(page, label).fill(value);
    assert.equal(await submit('Check my profile'), 200);
  }

  /** Keeps the tab on a Texas result page, making one if an earlier test left it elsewhere. */
  async function onResultPage(): Promise<void> {
    const onResult = new URL(page.url()).pathname === '/check' && (await page.locator('section.pathway').count()) > 0;
    if (!onResult) await checkTexasProfile();
  }

  /** The rows, in every route (folded ones included), of the requirement with this title. */
  const requirementRows = (title: string) =>
    // By the header cell's text rather than its role: a folded route's rows are not rendered, but are there.
    page.locator('.pathway table.requirements tbody tr').filter({ has: page.locator('th[scope="row"]', { hasText: title }) });

  async function assertNoAxeViolations(where: string, known: Record<string, string> = {}): Promise<void> {
    await page.evaluate(AXE_SOURCE);
    const { violations: found, passes } = await page.evaluate(async ([tags, known]) => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }).axe;
      const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return {
        passes: results.passes.length,
        violations: results.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({
            target: n.target,
            failureSummary: n.failureSummary,
            allowed: Object.hasOwn(known, v.id) && Boolean(document.querySelector(String(n.target[0]))?.closest(known[v.id]!)),
          })),
        })),
      };
    }, [AXE_TAGS, known] as const);
    // A known limitation is allowed only where it belongs: on the rule named, inside the container named.
    const violations = found.filter((v) => !v.nodes.every((n) => n.allowed));
    assert.ok(passes > 10, `axe ran its rules on ${where}`);
    const report = violations.map((v) =>
      [
        `  ${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
        ...v.nodes.map((n) => `      ${JSON.stringify(n.target)}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`),
      ].join('\n'),
    );
    assert.equal(violations.length, 0, `\n${violations.length} accessibility violation(s) on ${where} (${page.url()}):\n${report.join('\n')}`);
  }

  it('home page: offers the profile form, with no accessibility violations', async function () {
    await page.goto(url('/'));
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /long-term care administrator/);
    assert.equal(await page.getByRole('button', { name: 'Check my profile' }).count(), 1);
    await assertNoAxeViolations('the home page');
  });

  it('result page: a Texas nursing home administrator checklist, outcome, routes, cited and dated', async function () {
    await checkTexasProfile();
    const ruleSet = server!.catalog.get('TX', 'nha')!;
    const expected = await evaluateProfile(ruleSet, PROFILE);
    const best = expected.pathways.find((p) => p.id === expected.bestLicenseRoute)!;

    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Texas: ${ruleSet.title}`);
    const outcome = page.locator('section.outcome');
    assert.match(await outcome.getByRole('heading', { level: 2 }).innerText(), new RegExp(`${escapeRegExp(OUTCOME_WORDS[expected.outcome]!)}$`));
    assert.match(await outcome.innerText(), new RegExp(escapeRegExp(best.title)));
    // How long it takes is said up front, and shown step by step under the route with its assumptions.
    assert.match(await outcome.innerText(), new RegExp(`How long: ${escapeRegExp(best.estimate.words)} from now`));
    const steps = page.getByRole('table', { name: /Steps still ahead/ });
    assert.match(await steps.innerText(), /400 hours at 40 hours a week/);
    assert.match(await page.locator('.assumptions').innerText(), /Full time is 40 hours a week/);

    // The best route comes first, then the others.
    const routeHeadings = await page.locator('.pathway h2').allInnerTexts();
    assert.equal(routeHeadings[0], `Best route: ${best.title}`);
    assert.ok(routeHeadings.slice(1).every((h) => /^(Other route|Meanwhile): /.test(h)), routeHeadings.join(' | '));

    // The internship row says how far along the visitor is, what to do, and where the rule comes from.
    const ait = requirementRows(AIT_REQUIREMENT);
    assert.equal(await ait.count(), 1);
    assert.match(await ait.locator('.status').innerText(), /Not met$/);
    assert.match(await ait.getByRole('cell').nth(1).innerText(), /^600 of 1,000 AIT hours — 400 to go\./);
    assert.ok((await ait.locator('.sources a').count()) > 0, 'the internship row cites a source');

    // Every requirement row and the rule set cite their sources with web links.
    const rows = page.locator('.pathway table.requirements tbody tr');
    assert.equal(await rows.count(), expected.pathways.reduce((n, p) => n + p.requirements.length, 0));
    assert.equal(await rows.filter({ has: page.locator('.sources a') }).count(), await rows.count(), 'every row cites a source');
    for (const href of await page.locator('.checklist .sources a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
      assert.match(href, /^https?:\/\/\S+$/);
    }

    const meta = await page.locator('.checklist > .meta').innerText();
    const checkedOn = /checked on (\d{4}-\d{2}-\d{2})/.exec(meta)?.[1];
    assert.ok(checkedOn, meta);
    assert.ok(Math.abs(Date.parse(checkedOn) - Date.now()) < 2 * 86_400_000, `"checked on ${checkedOn}" is today`);
    assert.match(meta, new RegExp(`rules last verified ${ruleSet.lastVerified}`));

    assert.match(await page.locator('.checklist .disclaimer').innerText(), /^Not legal advice\./);
    await assertNoAxeViolations('a result page');
  });

  it('result page: reads well on screen and in print (screenshots in the temp folder)', async function () {
    await onResultPage();
    await page.screenshot({ path: SCREENSHOTS.screen, fullPage: true });
    // About the width of a Letter or A4 page inside print.css's margins, at 96 px an inch.
    await page.setViewportSize({ width: 700, height: 900 });
    await page.emulateMedia({ media: 'print' });
    try {
      // Print keeps the checklist and drops the form and the navigation.
      assert.ok(await page.locator('section.pathway').first().isVisible());
      assert.equal(await page.locator('form.profile-form').isVisible(), false);
      assert.equal(await page.getByRole('navigation').isVisible(), false);
      await page.screenshot({ path: SCREENSHOTS.print, fullPage: true });
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize(VIEWPORT);
    }
    for (const file of Object.values(SCREENSHOTS)) assert.ok(fs.statSync(file).size > 10_000, `${file} has content`);
  });

  it('result page: the other routes are folded, the answers are recorded, and the bundled examples print on at most 4 Letter pages', async function () {
    await onResultPage();
    assert.ok(await page.locator('section.pathway').first().isVisible(), 'the best route is open');
    const folded = page.locator('details.pathway');
    assert.ok((await folded.count()) > 0);
    assert.equal(await folded.first().locator('table').isVisible(), false, 'another route is folded until opened');
    await folded.first().locator('summary').click();
    assert.ok(await folded.first().locator('table').isVisible(), 'and opens without JavaScript');
    const answers = page.getByRole('region', { name: 'Answers given' });
    assert.match(await answers.innerText(), /Administrator-in-training hours\s+600/);
    assert.match(await answers.innerText(), /Highest completed degree\s+Bachelor's degree/);

    for (const example of ['new-graduate', 'moving-administrator', 'director-of-nursing']) {
      await page.goto(url(`/?example=${example}`));
      await field(page, 'Jurisdiction').selectOption({ label: 'Texas' });
      await field(page, 'License type').selectOption({ label: 'Nursing home administrator' });
      assert.equal(await submit('Check my profile'), 200);
      await page.emulateMedia({ media: null }); // page.pdf prints with print.css unless screen media is emulated
      const pdf = await page.pdf({ format: 'Letter' });
      // The page tree's /Count: the number of pages in the document.
      const pages = Number(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/.exec(pdf.toString('latin1'))?.[1] ?? 0);
      assert.ok(pages >= 1 && pages <= 4, `the ${example} example's Texas checklist prints on ${pages} Letter pages`);
    }
    await page.goto(url('/')); // the next test makes its own Texas result
  });

  it('result page: ticking an attestation under "Change your answers" makes that requirement met', async function () {
    await onResultPage();
    // Text content, not rendered text: the requirement may sit in a folded route.
    const before = await requirementRows(ATTESTED_REQUIREMENT).locator('.status').allTextContents();
    assert.ok(before.length > 0 && before.every((s) => /Unknown$/.test(s)), before.join(' | '));

    const refine = page.getByRole('region', { name: 'Change your answers' });
    assert.equal(await field(refine, 'Administrator-in-training hours').inputValue(), '600', 'the answers given are in the form');
    await refine.getByRole('checkbox', { name: ATTESTED_REQUIREMENT }).check();
    assert.equal(await submit('Check again'), 200);

    const after = await requirementRows(ATTESTED_REQUIREMENT).locator('.status').allTextContents();
    assert.ok(after.length > 0 && after.every((s) => /Met$/.test(s)), after.join(' | '));
    assert.ok(await page.getByRole('checkbox', { name: ATTESTED_REQUIREMENT }).isChecked(), 'the box stays ticked');
  });

  it('form: bad answers come back as typed, each with its error next to it', async function () {
    await page.goto(url('/?jurisdiction=TX&license=nha'));
    await field(page, 'Age').fill('200');
    await field(page, 'Administrator-in-training hours').fill('600');
    const license1 = page.getByRole('group', { name: 'License 1' });
    await field(license1, 'Type').selectOption({ label: 'Nursing home administrator' });
    await field(license1, 'Issued by').selectOption({ label: 'Florida' });
    await field(license1, 'Active and in good standing').selectOption({ label: 'Yes' });
    await field(license1, 'Years held').fill('-3');
    assert.equal(await submit('Check my profile'), 422);

    assert.match(await page.title(), /^Please correct your answers/);
    const summary = page.getByRole('alert');
    assert.equal(await summary.getByRole('heading').innerText(), 'Please correct 2 answers');
    // The summary comes first, above the examples, and has the focus: the keyboard starts at what to fix.
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), 'focus is on the error summary');
    const [summaryTop, examplesTop] = await Promise.all([summary.boundingBox(), page.getByRole('region', { name: 'Start from an example' }).boundingBox()]);
    assert.ok(summaryTop!.y < examplesTop!.y, 'the summary is above the examples');

    // What was typed is kept, good and bad.
    assert.equal(await field(page, 'Jurisdiction').inputValue(), 'TX');
    assert.equal(await field(page, 'Administrator-in-training hours').inputValue(), '600');
    assert.equal(await field(license1, 'Type').inputValue(), 'nha');
    assert.equal(await field(license1, 'Issued by').inputValue(), 'FL');
    assert.equal(await field(page, 'Age').inputValue(), '200');
    assert.equal(await field(license1, 'Years held').inputValue(), '-3');

    for (const [label, input, message] of [
      ['Age', field(page, 'Age'), /120/],
      ['Years held', field(license1, 'Years held'), /(>=|≥|at least|less than)\s*0\b/],
    ] as const) {
      assert.equal(await input.getAttribute('aria-invalid'), 'true', label);
      // The message sits in the input's own field, is read out with it, and the summary links to the input.
      const error = input.locator('xpath=..').locator('.error-message');
      assert.match(await error.innerText(), message);
      assert.ok((await input.getAttribute('aria-describedby'))!.split(' ').includes((await error.getAttribute('id'))!), label);
      assert.equal(await summary.locator(`a[href="#${await input.getAttribute('id')}"]`).count(), 1, label);
    }
    await assertNoAxeViolations('the form with errors');
  });

  it('form: a long pasted answer comes back cut and flagged, the others kept; a form too large to send leaves them to Back', async function () {
    await page.goto(url('/?jurisdiction=TX&license=nha'));
    await field(page, 'Administrator-in-training hours').fill('600');
    await field(page, 'State exams passed').fill('TX, '.repeat(15_000));
    assert.equal(await submit('Check my profile'), 422);
    const summary = page.getByRole('alert');
    assert.equal(await summary.getByRole('heading').innerText(), 'Please correct 1 answer');
    assert.match(await summary.getByRole('link').innerText(), /^State exams passed: 60,000 characters is too long for an answer/);
    assert.equal(await field(page, 'Jurisdiction').inputValue(), 'TX');
    assert.equal(await field(page, 'Administrator-in-training hours').inputValue(), '600');
    assert.equal(await field(page, 'State exams passed').inputValue(), 'TX, '.repeat(250).trim(), 'the first 1,000 characters, to correct');

    // Past what the server reads at all: a page that says so, and Back finds the answers where they were.
    await field(page, 'State exams passed').fill('TX, '.repeat(150_000));
    assert.equal(await submit('Check my profile'), 413);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Your answers were not sent');
    assert.match(await page.locator('main').innerText(), /Use your browser's Back button: the form comes back with your answers still in it/);
    await assertNoAxeViolations('the page for a form too large to send');
    await page.goBack();
    assert.equal(await field(page, 'Administrator-in-training hours').inputValue(), '600');
    assert.equal((await field(page, 'State exams passed').inputValue()).length, 600_000);
  });

  it('jurisdictions: the list links to each rule set, whose page cites its sources', async function () {
    await page.goto(url('/'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('navigation').getByRole('link', { name: 'Jurisdictions and sources' }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Jurisdictions and sources');
    await assertNoAxeViolations('the jurisdictions list');

    const texas = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Texas (TX)' }) });
    await Promise.all([page.waitForEvent('load'), texas.getByRole('link').first().click()]);
    assert.equal(new URL(page.url()).pathname, '/jurisdictions/TX/nha');
    assert.match(await page.locator('.meta').innerText(), /rules last verified \d{4}-\d{2}-\d{2}/);
    for (const href of await page.locator('.sources a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
      assert.match(href, /^https?:\/\/\S+$/);
    }
    await assertNoAxeViolations('a jurisdiction page');
  });

  it('comparison: one profile against every jurisdiction, as a tile map and a sortable table, each opening its checklist', async function () {
    await page.goto(url('/?example=moving-administrator'));
    await field(page, 'License type').selectOption({ label: 'Nursing home administrator' });
    assert.equal(await submit('Compare all jurisdictions'), 200);
    assert.match(await page.getByRole('heading', { level: 1 }).innerText(), /Where can I be licensed\?/);
    const tiles = page.locator('.tile-map button');
    assert.equal(await tiles.count(), server!.catalog.jurisdictions.length);
    // Every tile is an equal square.
    const boxes = await tiles.evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => [Math.round(r.width), Math.round(r.height)]));
    assert.equal(new Set(boxes.map(([w, h]) => `${w}x${h}`)).size, 1, JSON.stringify(boxes.slice(0, 5)));
    assert.equal(boxes[0]![0], boxes[0]![1]);
    await assertNoAxeViolations('the comparison page');
    // Soonest first by default: the time column is the sorted one, and the first row is timed.
    assert.match(await page.locator('table.comparison thead th[aria-sort="ascending"]').innerText(), /^Time to a license/);
    assert.notEqual(await page.locator('table.comparison tbody tr').first().locator('td[data-label="Time to a license"]').innerText(), '—');

    await Promise.all([page.waitForEvent('load'), page.locator('table.comparison thead').getByRole('button', { name: /^Jurisdiction/ }).click()]);
    const names = await page.locator('table.comparison tbody th button').allInnerTexts();
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en')));

    const texasTile = (await page.locator('.tile-map button[value="TX"]').innerText()).replace(/\s+/g, ' ');
    assert.match(texasTile, /^TX \S+ Texas: (Eligible now|Under 6 months|6 to 12 months|Over 12 months|Not known yet)( \([^)]+\))?\. Open the checklist\.$/);
    assert.equal(await submit(texasTile.replace(/^TX \S+ /, 'TX ')), 200);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), `Texas: ${server!.catalog.get('TX', 'nha')!.title}`);
    // The same answers came along: the license the visitor holds is in the form under the checklist.
    assert.equal(await page.locator('[name="credentials.licenses.0.type"]').inputValue(), 'nha');
  });

  it('navigation: Back from a checklist opened from the comparison, and from a sorted comparison, returns to the page before', async function () {
    // The tab is on the Texas checklist opened from the sorted comparison (the test above).
    assert.equal(new URL(page.url()).pathname, '/check');
    const heading = () => page.getByRole('heading', { level: 1 }).innerText();
    await page.goBack();
    assert.match(await heading(), /Where can I be licensed\?/, 'Back: the sorted comparison, not an error or a resubmission prompt');
    const sorted = await page.locator('table.comparison tbody th button').allInnerTexts();
    assert.deepEqual(sorted, [...sorted].sort((a, b) => a.localeCompare(b, 'en')));
    await page.goBack();
    assert.match(await heading(), /Where can I be licensed\?/, 'Back again: the comparison as first shown');
    await page.goForward();
    assert.match(await heading(), /Where can I be licensed\?/);
  });

  it('comparison on a phone: a visible sort control, and no hidden button takes focus', async function () {
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      await page.goto(url('/?example=career-changer'));
      assert.equal(await submit('Compare all jurisdictions'), 200);
      const sortBy = page.getByRole('group', { name: 'Sort the table' });
      assert.ok(await sortBy.isVisible(), 'the sort control shows on a phone');
      assert.equal(await page.locator('table.comparison thead').isVisible(), false);
      // Tabbing through the page never lands on an element the visitor cannot see.
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const box = el?.getBoundingClientRect();
          return el && el !== document.body ? { tag: el.tagName, text: el.textContent?.trim().slice(0, 40), seen: !!box && box.width > 1 && box.height > 1 } : null;
        });
        if (focused) assert.ok(focused.seen, `focus on an unseen ${focused.tag} “${focused.text}”`);
      }
      await Promise.all([page.waitForEvent('load'), sortBy.getByRole('button', { name: 'Jurisdiction' }).click()]);
      assert.equal(await page.getByRole('group', { name: 'Sort the table' }).locator('[aria-current="true"]').innerText(), 'Jurisdiction');
      const names = await page.locator('table.comparison tbody th button').allInnerTexts();
      assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b, 'en')));
      await assertNoAxeViolations('the comparison page on a phone');
    } finally {
      await page.setViewportSize(VIEWPORT);
    }
  });

  it('navigation: opening a result\'s address by itself (a reload, a bookmark) leads to the form, not an error', async function () {
    for (const address of ['/check', '/compare']) {
      const response = await page.goto(url(address));
      assert.equal(response?.status(), 200, address);
      assert.equal(new URL(page.url()).pathname, '/', address);
      assert.ok(await page.getByRole('button', { name: 'Check my profile' }).isVisible(), address);
    }
  });

  it('renewal check: a licensee enters the license and courses in rows, and reads the result first, then every course and rule', async function () {
    await page.goto(url('/'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('navigation').getByRole('link', { name: 'Renewal check' }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Renewal check: continuing education');
    await assertNoAxeViolations('the renewal form');

    await field(page, 'Jurisdiction that issued it').selectOption({ label: 'Tennessee' });
    await field(page, 'License type').selectOption({ label: 'Nursing home administrator' });
    await field(page, 'Date the license was first issued').fill('2011-09-01');
    await page.getByRole('checkbox', { name: 'Preceptor of administrators-in-training' }).check();
    const courses = [
      { title: 'Leading quality improvement', hours: '8', completed: '2026-02-10', topics: ['Leadership and management', 'Patient safety and quality'], delivery: 'Live, in a room', approval: 'NAB (NCERS)' },
      { title: 'Resident rights', hours: '6', completed: '2026-05-22', topics: ['Resident rights'], delivery: 'Live webinar', approval: "This jurisdiction's board" },
      { title: 'Survey readiness', hours: '5', completed: '2025-11-03', topics: [], delivery: 'Live, in a room', approval: "This jurisdiction's board" },
    ];
    for (const [i, c] of courses.entries()) {
      const row = page.getByRole('group', { name: `Course ${i + 1}`, exact: true });
      await field(row, 'Title').fill(c.title);
      await field(row, 'Hours').fill(c.hours);
      await field(row, 'Date completed').fill(c.completed);
      await field(row, 'Topics').selectOption(c.topics.map((label) => ({ label })));
      await field(row, 'How it was given').selectOption({ label: c.delivery });
      await field(row, 'Approved by').selectOption({ label: c.approval });
    }
    await field(page, 'Check as of').fill('2026-11-16');
    assert.equal(await submit('Check my courses'), 200);

    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Tennessee: Nursing Home Administrator — renewal check');
    const outcome = page.locator('section.outcome');
    assert.match(await outcome.getByRole('heading', { level: 2 }).innerText(), /Not yet compliant$/);
    assert.equal(await outcome.locator('.deadline').innerText(), 'Deadline: 2026-12-31 — 45 days left.');
    const requirements = page.getByRole('table', { name: /Renewal requirements/ });
    assert.match(await requirements.innerText(), /14 counted · 27 needed · 13 to go/);
    assert.match(await page.getByRole('table', { name: 'Courses: Not counted' }).innerText(), /Survey readiness[\s\S]*outside the period that counts/);
    assert.equal(await page.getByRole('table', { name: 'Courses: Counted' }).locator('tbody tr').count(), 2);
    await assertNoAxeViolations('the renewal result page');

    // Printed: the form goes, the result stays dated, and each source is spelled out with its address.
    await page.emulateMedia({ media: 'print' });
    try {
      assert.equal(await page.locator('form.renewal-form').isVisible(), false);
      assert.match(await page.locator('.meta').innerText(), /checked as of 2026-11-16/);
      const printed = await page.getByRole('region', { name: 'About these rules' }).locator('.sources a').evaluateAll((links) => links.map((a) => getComputedStyle(a, '::after').content));
      assert.ok(printed.length > 0 && printed.every((c) => /<https?:\/\/\S+>/.test(c)), printed.join(' | '));
    } finally {
      await page.emulateMedia({ media: null });
    }

    // "Check again" keeps every answer: one more course, and the preceptor's 27 hours are closer.
    const refine = page.getByRole('region', { name: 'Change your answers' });
    assert.equal(await field(refine.getByRole('group', { name: 'Course 2', exact: true }), 'Title').inputValue(), 'Resident rights');
    assert.ok(await refine.getByRole('checkbox', { name: 'Preceptor of administrators-in-training' }).isChecked());
    const fourth = refine.getByRole('group', { name: 'Course 4', exact: true });
    await field(fourth, 'Hours').fill('13');
    await field(fourth, 'Date completed').fill('2026-09-30');
    await field(fourth, 'Approved by').selectOption({ label: 'NAB (NCERS)' });
    await field(fourth, 'How it was given').selectOption({ label: 'Self-study or recorded' });
    assert.equal(await submit('Check again'), 200);
    assert.match(await page.locator('section.outcome h2').innerText(), /Compliant$/);
  });

  it('renewal check: mistakes come back at their row and field; a course list file is counted', async function () {
    await page.goto(url('/renewal?jurisdiction=TN&license=nha'));
    const row = page.getByRole('group', { name: 'Course 1', exact: true });
    await field(row, 'Title').fill('Ethics');
    await field(row, 'Hours').fill('-3');
    await field(row, 'Date completed').fill('2026-03-12');
    await field(row, 'How it was given').selectOption({ label: 'Live, in a room' });
    await field(row, 'Approved by').selectOption({ label: 'NAB (NCERS)' });
    await field(page, 'Check as of').fill('2026-11-16');
    assert.equal(await submit('Check my courses'), 422);
    const summary = page.getByRole('alert');
    assert.equal(await summary.getByRole('heading').innerText(), 'Please correct 1 answer');
    assert.ok(await page.evaluate(() => document.activeElement?.classList.contains('error-summary')), 'focus is on the error summary');
    const hours = field(page.getByRole('group', { name: 'Course 1', exact: true }), 'Hours');
    assert.equal(await hours.inputValue(), '-3');
    assert.equal(await hours.getAttribute('aria-invalid'), 'true');
    assert.match(await hours.locator('xpath=..').locator('.error-message').innerText(), /Course 1 \(Ethics\), hours: enter the hours on the certificate/);
    await assertNoAxeViolations('the renewal form with errors');

    await hours.fill('6');
    await page.getByLabel('Or choose a CSV file').setInputFiles({
      name: 'courses.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('title,hours,completed,topics,delivery,approval\nInfection control,12,6/20/2026,Infection prevention and control,Live webinar,NCERS\n'),
    });
    assert.equal(await submit('Check my courses'), 200);
    assert.match(await page.getByRole('table', { name: 'Courses: Counted' }).innerText(), /Infection control\s+Course list, line 2/);
    assert.match(await page.locator('section.outcome h2').innerText(), /Compliant$/);
    assert.match(await field(page, 'Paste a course list').inputValue(), /^title,hours,completed,topics,delivery,approval\nInfection control,12/);
  });

  it('coverage: lists every rule set with its sourcing, confidence and date', async function () {
    await page.goto(url('/'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('navigation').getByRole('link', { name: 'Coverage' }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Rule data coverage');
    assert.equal(await page.locator('table.coverage tbody tr').count(), server!.catalog.jurisdictions.length * 2);
    await assertNoAxeViolations('the coverage page');
  });

  it('API reference: Swagger UI renders the OpenAPI description from this server, under its CSP', async function () {
    await page.goto(url('/'));
    await Promise.all([page.waitForEvent('load'), page.getByRole('navigation').getByRole('link', { name: 'API' }).click()]);
    assert.equal(await page.getByRole('heading', { level: 1 }).first().innerText(), 'API reference');
    // Swagger UI draws the document's title and one block per operation once it has fetched the document.
    await page.locator('.swagger-ui .opblock').first().waitFor({ timeout: 15000 });
    assert.match(await page.locator('.swagger-ui .info .title').innerText(), /LTC Licensure Checker API/);
    const operations = await page.locator('.swagger-ui .opblock-summary-path').allInnerTexts();
    for (const path of ['/api/v1/evaluations', '/api/v1/evaluations/batch', '/api/v1/comparisons']) {
      assert.ok(operations.some((o) => o.replace(/\u200b/g, '') === path), `${path} in ${operations.join(', ')}`);
    }
    // What this app controls there (colours, the server list's name) passes; Swagger UI's own structure
    // (nested controls in its operation headers, its second main landmark, its heading levels) is a known
    // limitation documented in the README, and only allowed inside Swagger UI's own container.
    await page.locator('#swagger-ui select#servers[aria-label="Server"]').waitFor({ timeout: 5000 });
    await assertNoAxeViolations('the API reference', SWAGGER_UI_OWN);
  });

  it('every page loaded with no console errors, CSP violations or failed requests', function () {
    assert.deepEqual(problems, []);
  });
});
