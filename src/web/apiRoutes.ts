import express, { type NextFunction, type Request, type Response } from 'express';
import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import {
  validateComparisonRequest,
  validateEvaluationRequest,
  type ComparisonRequest,
  type EvaluationRequest,
} from '../profile/validateProfile';
import { evaluateProfile, evaluateEach } from '../evaluateProfile';
import type { Evaluation } from '../checklist/evaluationTypes';
import { compactEvaluation } from '../checklist/compactEvaluation';
import { compareJurisdictions } from '../compareJurisdictions';
import { describeRuleSet, listJurisdictions } from '../wording/describeRuleSet';
import { LICENSE_TYPES, type LicenseType } from '../data/ruleSetTypes';
import { toProblems, validators, type Problem } from '../data/schemas';
import { HttpProblem, problem, type ProblemBody } from './problems';
import type {
  BatchResponse,
  ComparisonResponse,
  EvaluationResponse,
  JurisdictionListResponse,
  RenewalBatchResponse,
  RenewalCheckResponse,
  RuleSetDescriptionResponse,
} from './apiTypes';
import { jsonLimitBreach } from './jsonLimits';
import { sendResults } from './sendResults';
import { cacheWithRuleData } from './cacheWithRuleData';
import { noCharge, type ChargeFor } from './rateLimit';
import { counted } from '../words';
import { isoDay } from '../data/staleness';
import { validateCeRecord } from '../renewal/validateCeRecord';
import { evaluateRenewal } from '../renewal/evaluateRenewal';
import type { CeRecord } from '../renewal/computeCeFacts';
import type { RenewalResult } from '../renewal/renewalTypes';

/** Request bodies above these are refused with 413: a full profile is about 2 KB. */
export const API_BODY_LIMIT = '64kb';
export const BATCH_BODY_LIMIT = '512kb';
export const BATCH_MAX_ITEMS = 100;

/** JSON in UTF-8 only (RFC 8259 §8.1): body-parser would also decode any "utf-" charset, UTF-7 included. */
function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (!req.is('application/json')) {
    throw new HttpProblem(problem(415, 'Send the request body as JSON with the header Content-Type: application/json.'));
  }
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.get('Content-Type') ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new HttpProblem(problem(415, `JSON is taken in UTF-8 only, not ${charset}: send Content-Type: application/json (or charset=utf-8).`));
  }
  next();
}

const kindOf = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);

/** Parses JSON up to `limit`, then refuses shapes no valid request has, before anything walks them. */
export function jsonBody(limit: string): express.RequestHandler[] {
  // Not strict: JSON that parses but is not an object is told apart from JSON that does not parse.
  const parse = express.json({ limit, strict: false });
  return [
    requireJson,
    parse,
    (req: Request, _res: Response, next: NextFunction) => {
      if (req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
        throw new HttpProblem(problem(422, `The request body must be a JSON object ({ … }), not ${kindOf(req.body)}.`, [{ pointer: '', message: 'must be an object' }]));
      }
      const breach = jsonLimitBreach(req.body);
      if (breach) throw new HttpProblem(problem(422, `The request body ${breach}.`));
      next();
    },
  ];
}

const invalid = (problems: Problem[]) =>
  new HttpProblem(problem(422, `The request has ${counted(problems.length, 'problem')}.`, problems));

function notFoundProblem(catalog: Catalog, jurisdiction: unknown, license: unknown): ProblemBody {
  const known = catalog.jurisdictions.map((j) => j.code).join(', ');
  return problem(404, `No rule set for jurisdiction "${String(jurisdiction)}" and license "${String(license)}". Jurisdictions: ${known}. Licenses: ${LICENSE_TYPES.join(', ')}.`);
}

function methodNotAllowed(allow: string) {
  return (_req: Request, res: Response) => {
    res.set('Allow', allow);
    throw new HttpProblem(problem(405, `Use ${allow} on this path.`));
  };
}

/** The items a body lists (a batch's items, a comparison's jurisdictions), as sent: counted before validation. */
const listed = (req: Request, key: string): number | undefined => {
  const list = (req.body as Record<string, unknown>)[key];
  return Array.isArray(list) ? list.length : undefined;
};

export function apiRoutes(catalog: Catalog, chargeFor: ChargeFor = noCharge): express.Router {
  const router = express.Router();
  const everyJurisdiction = catalog.jurisdictions.length;
  const ruleDataVersion = catalog.version;
  const cached = cacheWithRuleData(catalog);

  /** An evaluation request checked: its rule set and profile, or the problem with it. */
  function checkRequest(body: unknown): { ok: true; ruleSet: LoadedRuleSet; profile: object } | { ok: false; problem: ProblemBody } {
    const problems = validateEvaluationRequest(body, catalog);
    if (problems.length > 0) return { ok: false, problem: invalid(problems).body };
    const { jurisdiction, license, profile } = body as EvaluationRequest;
    const ruleSet = catalog.get(jurisdiction, license);
    if (!ruleSet) return { ok: false, problem: notFoundProblem(catalog, jurisdiction, license) };
    return { ok: true, ruleSet, profile };
  }
  // The compact evaluation is a fresh object: the version is added to it rather than copied with it.
  const answer = (e: Evaluation): EvaluationResponse => Object.assign(compactEvaluation(e), { ruleDataVersion });

  /** A CE record checked on the day of the check: its rule set (validateCeRecord makes sure there is one), or the problem with it. */
  function checkRecord(body: unknown, today: string): { ok: true; ruleSet: LoadedRuleSet; record: CeRecord } | { ok: false; problem: ProblemBody } {
    const problems = validateCeRecord(body, catalog, today);
    if (problems.length > 0) return { ok: false, problem: invalid(problems).body };
    const record = body as CeRecord;
    return { ok: true, ruleSet: catalog.get(record.license.jurisdiction, record.license.type)!, record };
  }
  const renewalAnswer = (r: RenewalResult): RenewalCheckResponse => ({ ...r, ruleDataVersion });

  router.get('/jurisdictions', cached, (_req, res) => {
    res.json({ jurisdictions: listJurisdictions(catalog), ruleDataVersion } satisfies JurisdictionListResponse);
  });
  router.all('/jurisdictions', methodNotAllowed('GET'));

  router.get('/jurisdictions/:code/:license', cached, (req, res) => {
    const { code, license } = req.params as { code: string; license: string };
    const ruleSet = catalog.get(code.toUpperCase(), license);
    if (!ruleSet) throw new HttpProblem(notFoundProblem(catalog, code, license));
    res.json({ ...describeRuleSet(ruleSet), ruleDataVersion } satisfies RuleSetDescriptionResponse);
  });
  router.all('/jurisdictions/:code/:license', methodNotAllowed('GET'));

  router.post('/evaluations', ...jsonBody(API_BODY_LIMIT), async (req, res) => {
    const checked = checkRequest(req.body);
    if (!checked.ok) throw new HttpProblem(checked.problem);
    await evaluateProfile(checked.ruleSet, checked.profile, (evaluation) => res.json(answer(evaluation)));
  });
  router.all('/evaluations', methodNotAllowed('POST'));

  router.post('/evaluations/batch', ...jsonBody(BATCH_BODY_LIMIT), chargeFor((req) => Math.min(listed(req, 'items') ?? 1, BATCH_MAX_ITEMS)), async (req, res) => {
    if (!validators.batchRequest(req.body)) throw invalid(toProblems(validators.batchRequest.errors));
    const checked = (req.body as { items: unknown[] }).items.map(checkRequest);
    const evaluations = await evaluateEach(checked.flatMap((c) => (c.ok ? [c] : [])));
    const results = checked.map((c) => {
      if (!c.ok) return () => c.problem;
      const evaluate = evaluations.shift()!;
      return () => answer(evaluate());
    });
    await sendResults<BatchResponse>(res, results, { ruleDataVersion });
  });
  router.all('/evaluations/batch', methodNotAllowed('POST'));

  router.post('/renewal-checks', ...jsonBody(API_BODY_LIMIT), async (req, res) => {
    const today = isoDay();
    const checked = checkRecord(req.body, today);
    if (!checked.ok) throw new HttpProblem(checked.problem);
    res.json(renewalAnswer(await evaluateRenewal(checked.ruleSet, checked.record, today)));
  });
  router.all('/renewal-checks', methodNotAllowed('POST'));

  router.post('/renewal-checks/batch', ...jsonBody(BATCH_BODY_LIMIT), chargeFor((req) => Math.min(listed(req, 'items') ?? 1, BATCH_MAX_ITEMS)), async (req, res) => {
    if (!validators.renewalBatchRequest(req.body)) throw invalid(toProblems(validators.renewalBatchRequest.errors));
    const today = isoDay();
    // One at a time: each check takes its turn on the engine, and other requests are served between them.
    const results = (req.body as { items: unknown[] }).items.map((item) => async () => {
      const checked = checkRecord(item, today);
      return checked.ok ? renewalAnswer(await evaluateRenewal(checked.ruleSet, checked.record, today)) : checked.problem;
    });
    await sendResults<RenewalBatchResponse>(res, results, { ruleDataVersion });
  });
  router.all('/renewal-checks/batch', methodNotAllowed('POST'));

  router.post('/comparisons', ...jsonBody(API_BODY_LIMIT), chargeFor((req) => Math.min(listed(req, 'jurisdictions') ?? everyJurisdiction, everyJurisdiction)), async (req, res) => {
    const problems = validateComparisonRequest(req.body, catalog);
    if (problems.length > 0) throw invalid(problems);
    const body = req.body as ComparisonRequest;
    if (!(LICENSE_TYPES as readonly string[]).includes(body.license)) {
      throw new HttpProblem(problem(404, `No license type "${body.license}". Licenses: ${LICENSE_TYPES.join(', ')}.`));
    }
    const license = body.license as LicenseType;
    const unknownCodes = (body.jurisdictions ?? []).filter((c) => !catalog.get(c, license));
    if (unknownCodes.length > 0) throw new HttpProblem(notFoundProblem(catalog, unknownCodes.join(', '), license));
    await compareJurisdictions(catalog, license, body.profile, body.jurisdictions, (results) => res.json({ license, results, ruleDataVersion } satisfies ComparisonResponse));
  });
  router.all('/comparisons', methodNotAllowed('POST'));

  router.use((req) => {
    throw new HttpProblem(problem(404, `No API route ${req.method} ${req.baseUrl}${req.path}.`));
  });
  return router;
}
