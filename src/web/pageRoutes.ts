import express, { type Request, type Response } from 'express';
import type { Catalog } from '../data/loadRuleSets';
import { evaluateProfile } from '../evaluateProfile';
import { describeRuleSet, listJurisdictions } from '../wording/describeRuleSet';
import type { Evaluation } from '../checklist/evaluationTypes';
import { LICENSE_NAMES, LICENSE_TYPES, type LicenseType } from '../data/ruleSetTypes';
import { personas } from '../profile/personas';
import { questionTitles } from '../wording/describeFindings';
import { attestationInputId, formView, hiddenInputs, inputId, inputNameFor } from './profileForm';
import { flatFromProfile, profileFromFlat, type FlatValues, type ParsedFlat } from '../profile/flatProfile';
import { renderPage } from './renderPage';
import { answersGiven } from './answersGiven';
import { formErrors } from './formErrors';
import { formBody, formTooLarge, setAsideOverLong } from './formBody';
import { noCharge, type ChargeFor } from './rateLimit';
import { alreadyLicensedWords, estimateLine, headlineRoute, ROLE_WORDS, routesInOrder } from '../checklist/formatChecklist';
import { OUTCOME_ICONS } from '../checklist/outcomes';
import { compareJurisdictions } from '../compareJurisdictions';
import { comparisonView, DEFAULT_SORT, isMapColour, isSortKey } from './comparisonView';
import { buildCoverageReport } from '../coverage/buildCoverageReport';
import { percent } from '../coverage/formatCoverageReport';
import { cacheWithRuleData, keptForBackButton } from './cacheWithRuleData';
import { isoDay } from '../data/staleness';
import { counted } from '../words';
import { renewalRoutes } from './renewalRoutes';

const CREDENTIAL_WORDS: Record<string, string> = {
  license: 'License',
  certificate: 'Certificate',
  registration: 'Registration',
  none: 'No individual credential',
};

/** What a rule set's renewal continuing-education rules apply to, for the coverage page. */
const RENEWAL_APPLIES_WORDS: Record<string, string> = {
  credential: 'Renews on CE',
  'facility-training': 'Facility training',
  none: 'None found',
  missing: 'Not encoded',
};

/** The outcome in one sentence, about the route the page leads with (its own outcome may differ from the evaluation's). */
function outcomeSentence(e: Evaluation): string {
  const best = headlineRoute(e);
  const eligible = e.pathways.find((p) => p.id === e.bestPathway);
  if (!best) return `${e.jurisdictionName} issues no individual credential for this role and its rules set no qualifications for it.`;
  // Only a time-limited route may be complete: it is a way to work meanwhile, not the license.
  if (e.outcome === 'eligible' && eligible && eligible !== best) {
    return `Your answers meet every requirement of “${eligible.title}”, a way to work meanwhile. The license itself: “${best.title}”.`;
  }
  switch (best.outcome) {
    case 'eligible':
      return `Your answers meet every requirement of the route “${best.title}”.`;
    case 'needs-information':
      return `Nothing you told us rules you out of the route “${best.title}”, but ${best.counts.unknown} requirement${best.counts.unknown === 1 ? ' is' : 's are'} still unknown.`;
    default:
      return `Best route to a license: “${best.title}”, with ${counted(best.counts.unmet, 'requirement')} not met yet.${
        e.outcome === 'needs-information' ? ' Another route leaves questions open; the answers below would settle it.' : ''
      }`;
  }
}

/**
 * The form input that answers an entry question: the one its route's entry requirement waits on (a license
 * row, the HSE), or that requirement's own box where the person confirms it (a vacancy, a physician's license).
 */
function entryInput(e: Evaluation, q: Evaluation['entryQuestions'][number]): string {
  const route = e.pathways.find((p) => p.id === q.pathways[0])!;
  const gate = route.requirements.find((r) => r.id === route.entry!.requirement)!;
  if (gate.attestable) return attestationInputId(gate.id);
  // An unverified requirement waits on no field: the licenses held are where such a precondition is told.
  return inputId(inputNameFor(gate.missing[0] ?? '/credentials/licenses'));
}

/** Posted answers, checked, with a message per input whose answer was too long to be one. */
type Answers = ParsedFlat & { tooLong: Map<string, string> };

export function pageRoutes(catalog: Catalog, chargeFor: ChargeFor = noCharge): express.Router {
  const router = express.Router();
  const names = new Map(catalog.jurisdictions.map((j) => [j.code, j.name]));
  const stateName = (code: string) => names.get(code);
  // Pages that show only rule data may be cached and revalidated like the API's GET routes.
  const cached = cacheWithRuleData(catalog);

  function renderForm(res: Response, values: FlatValues, errors = new Map<string, string>(), status = 200): void {
    const ruleSet = catalog.get(String(values.jurisdiction ?? ''), String(values.license ?? ''));
    res.status(status).send(
      renderPage('home', {
        title: errors.size ? 'Please correct your answers' : 'Check a profile',
        examples: personas,
        jurisdiction: ruleSet?.jurisdiction,
        license: ruleSet?.license,
        form: formView(catalog, values, errors, ruleSet),
        submitLabel: 'Check my profile',
      }),
    );
  }

  router.get('/', (req: Request, res) => {
    const q = req.query as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : '');
    const persona = personas.find((p) => p.id === str(q.example));
    renderForm(res, { ...(persona ? flatFromProfile(persona.profile) : {}), jurisdiction: str(q.jurisdiction).toUpperCase(), license: str(q.license) || persona?.license || 'nha' });
  });

  /**
   * The posted answers, checked. An answer too long to be one is left out of the check; the form shown again
   * keeps its start, flagged, and every other answer as typed.
   */
  function readAnswers(body: FlatValues, options?: { forComparison: boolean }): Answers {
    const { answers, shown, tooLong } = setAsideOverLong(body);
    return { ...profileFromFlat(answers, catalog, options), values: shown, tooLong };
  }
  const hasProblems = (a: Answers) => a.problems.length > 0 || a.tooLong.size > 0;

  /** Shows the form again with a message at each input a problem points to. */
  function renderProblems(res: Response, a: Answers): void {
    renderForm(res, a.values, new Map([...a.tooLong, ...formErrors(a.problems, a.profile)]), 422);
  }

  router.post('/check', keptForBackButton, formBody, async (req, res) => {
    const parsed = readAnswers((req.body ?? {}) as FlatValues);
    if (hasProblems(parsed)) return renderProblems(res, parsed);
    const ruleSet = catalog.get(parsed.jurisdiction, parsed.license)!;
    // Sent from the engine's turn, as the API's answers are (see evaluateProfile).
    await evaluateProfile(ruleSet, parsed.profile, (e) => {
      const pathways = routesInOrder(e).map((p) => ({ ...p, best: p.role === 'best', roleWord: ROLE_WORDS[p.role], time: estimateLine(p) }));
      const headline = pathways.find((p) => p.best);
      const meanwhile = pathways.find((p) => p.role === 'meanwhile');
      res.send(
        renderPage('result', {
          title: `${e.jurisdictionName} ${e.title}: ${e.outcome}`,
          e,
          pathways,
          today: isoDay(),
          outcomeIcon: OUTCOME_ICONS[e.outcome],
          outcomeSentence: outcomeSentence(e),
          headline,
          meanwhile,
          // Who may take which route comes first: it decides which routes are worth the other questions.
          questions: [
            ...e.entryQuestions.map((q) => ({ title: q.question, inputId: entryInput(e, q) })),
            ...questionTitles(e.missing).map((title, i) => ({ title, inputId: inputId(inputNameFor(e.missing[i]!)) })),
          ],
          answers: answersGiven(parsed.profile, ruleSet, stateName),
          alreadyLicensed: e.alreadyLicensed && alreadyLicensedWords(e),
          form: formView(catalog, parsed.values, new Map(), ruleSet),
          submitLabel: 'Check again',
        }),
      );
    });
  });

  // The comparison form evaluates every jurisdiction: it costs that many against the rate limit.
  router.post('/compare', keptForBackButton, chargeFor(() => catalog.jurisdictions.length), formBody, async (req, res) => {
    const body = (req.body ?? {}) as FlatValues;
    const parsed = readAnswers(body, { forComparison: true });
    if (hasProblems(parsed)) return renderProblems(res, parsed);
    // A clicked button names what it changes; the hidden keep* inputs carry the rest of the view.
    const sort = [body.sort, body.keepSort].find(isSortKey) ?? DEFAULT_SORT;
    const colour = [body.colour, body.keepColour].find(isMapColour) ?? 'time';
    await compareJurisdictions(catalog, parsed.license as LicenseType, parsed.profile, undefined, (results) =>
      res.send(
        renderPage('compare', {
          title: `Where can I be licensed? ${LICENSE_NAMES[parsed.license as LicenseType]}`,
          license: parsed.license,
          today: isoDay(),
          ...comparisonView(results, sort, colour),
          // The profile travels in hidden inputs so each tile and row can open its checklist; nothing is stored.
          // Only the checked profile's fields travel (the view adds the license): no posted name is echoed.
          carried: hiddenInputs(flatFromProfile(parsed.profile)),
        }),
      ),
    );
  });
  // A result's address opened again (a reload after the answers are gone, a bookmark, a shared link) leads to
  // the form: the answers were never in the URL.
  router.get(['/check', '/compare'], (_req, res) => res.redirect(303, '/'));
  router.use(formTooLarge);
  router.use(renewalRoutes(catalog));

  router.get('/coverage', cached, (_req, res) => {
    const report = buildCoverageReport(catalog);
    const rows = report.rows.map((r) => ({
      ...r,
      share: percent(r.officialShare),
      credentialWord: CREDENTIAL_WORDS[r.credential],
      renewalWord: RENEWAL_APPLIES_WORDS[r.renewal?.applies ?? 'missing'],
      renewalShare: r.renewal && percent(r.renewal.officialShare),
    }));
    res.send(renderPage('coverage', { title: 'Rule data coverage', report, rows, share: percent(report.totals.officialShare), renewalShare: percent(report.totals.renewal.officialShare) }));
  });

  const jurisdictionRows = () =>
    listJurisdictions(catalog).map((j) => ({
      ...j,
      sets: LICENSE_TYPES.map((l) => ({ license: l, ...j.licenses[l], credentialWord: CREDENTIAL_WORDS[j.licenses[l]!.credential] })),
    }));

  /** A 404 that names what was asked for and leads to the list, rather than a bare "page not found". */
  const notInList = (res: Response, what: string) =>
    res.status(404).send(
      renderPage('error', {
        title: 'Not found',
        heading: 'Not found',
        message: `There is no ${what} in the checker.`,
        link: { href: '/jurisdictions', text: 'See every jurisdiction and license' },
      }),
    );

  router.get('/jurisdictions', cached, (_req, res) => {
    res.send(renderPage('jurisdictions', { title: 'Jurisdictions and sources', jurisdictions: jurisdictionRows() }));
  });

  router.get('/jurisdictions/:code', cached, (req, res) => {
    const code = String(req.params.code).toUpperCase();
    const jurisdictions = jurisdictionRows().filter((j) => j.code === code);
    if (jurisdictions.length === 0) return notInList(res, `jurisdiction “${String(req.params.code)}”`);
    res.send(renderPage('jurisdictions', { title: `${jurisdictions[0]!.name}: rule sets and sources`, jurisdictions }));
  });

  router.get('/jurisdictions/:code/:license', cached, (req, res) => {
    const { code, license } = req.params as { code: string; license: string };
    const ruleSet = catalog.get(code.toUpperCase(), license);
    if (!ruleSet) return notInList(res, `rule set for jurisdiction “${code}” and license “${license}” (licenses: ${LICENSE_TYPES.join(', ')})`);
    const rs = describeRuleSet(ruleSet);
    const requirements = rs.requirements.map((r) => ({
      ...r,
      routes: rs.pathways.filter((p) => p.requires.includes(r.id)).map((p) => p.title).join('; '),
    }));
    res.send(renderPage('jurisdiction', { title: `${rs.name}: ${rs.title}`, rs, requirements, credentialWord: CREDENTIAL_WORDS[rs.credential] }));
  });

  return router;
}
