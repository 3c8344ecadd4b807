import express, { type NextFunction, type Request, type Response } from 'express';
import type { Catalog } from '../data/loadRuleSets';
import { validateComparisonRequest, validateEvaluationRequest, type ComparisonRequest, type EvaluationRequest } from '../profile/validateProfile';
import { compareJurisdictions } from '../compareJurisdictions';
import { LICENSE_TYPES, type LicenseType } from '../data/ruleSetTypes';
import type { Problem } from '../data/schemas';
import { evaluateProfile } from '../evaluateProfile';
import { describeRuleSet, listJurisdictions } from '../checklist/describeRuleSet';
import { HttpProblem, problem } from './problems';

/** Request bodies above this are refused with 413: a full profile is about 2 KB. */
export const API_BODY_LIMIT = '64kb';

function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (!req.is('application/json')) {
    throw new HttpProblem(problem(415, 'Send the request body as JSON with the header Content-Type: application/json.'));
  }
  next();
}

function notFound(catalog: Catalog, jurisdiction: unknown, license: unknown): HttpProblem {
  const known = catalog.jurisdictions.map((j) => j.code).join(', ');
  return new HttpProblem(problem(404, `No rule set for jurisdiction "${String(jurisdiction)}" and license "${String(license)}". Jurisdictions: ${known}. Licenses: nha, ala.`));
}

const invalid = (problems: Problem[]) =>
  new HttpProblem(problem(422, `The request has ${problems.length} problem${problems.length === 1 ? '' : 's'}.`, problems));

function methodNotAllowed(allow: string) {
  return (_req: Request, res: Response) => {
    res.set('Allow', allow);
    throw new HttpProblem(problem(405, `Use ${allow} on this path.`));
  };
}

export function apiRoutes(catalog: Catalog): express.Router {
  const router = express.Router();
  const json = express.json({ limit: API_BODY_LIMIT, strict: true });

  router.get('/jurisdictions', (_req, res) => {
    res.json({ jurisdictions: listJurisdictions(catalog) });
  });
  router.all('/jurisdictions', methodNotAllowed('GET'));

  router.get('/jurisdictions/:code/:license', (req, res) => {
    const { code, license } = req.params as { code: string; license: string };
    const ruleSet = catalog.get(code.toUpperCase(), license);
    if (!ruleSet) throw notFound(catalog, code, license);
    res.json(describeRuleSet(ruleSet));
  });
  router.all('/jurisdictions/:code/:license', methodNotAllowed('GET'));

  router.post('/evaluations', requireJson, json, async (req, res) => {
    const problems = validateEvaluationRequest(req.body, catalog);
    if (problems.length > 0) throw invalid(problems);
    const body = req.body as EvaluationRequest;
    const ruleSet = catalog.get(body.jurisdiction, body.license);
    if (!ruleSet) throw notFound(catalog, body.jurisdiction, body.license);
    res.json(await evaluateProfile(ruleSet, body.profile));
  });
  router.all('/evaluations', methodNotAllowed('POST'));

  router.post('/comparisons', requireJson, json, async (req, res) => {
    const problems = validateComparisonRequest(req.body, catalog);
    if (problems.length > 0) throw invalid(problems);
    const body = req.body as ComparisonRequest;
    if (!(LICENSE_TYPES as readonly string[]).includes(body.license)) {
      throw new HttpProblem(problem(404, `No license type "${body.license}". Licenses: ${LICENSE_TYPES.join(', ')}.`));
    }
    const unknownCodes = (body.jurisdictions ?? []).filter((c) => !catalog.get(c, body.license));
    if (unknownCodes.length > 0) throw notFound(catalog, unknownCodes.join(', '), body.license);
    const results = await compareJurisdictions(catalog, body.license as LicenseType, body.profile, body.jurisdictions);
    res.json({ license: body.license, results });
  });
  router.all('/comparisons', methodNotAllowed('POST'));

  router.use((req) => {
    throw new HttpProblem(problem(404, `No API route ${req.method} ${req.baseUrl}${req.path}.`));
  });
  return router;
}
