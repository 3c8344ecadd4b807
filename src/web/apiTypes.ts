import type { Catalog } from '../data/loadRuleSets';
import type { LicenseType } from '../data/ruleSetTypes';
import type { CompactEvaluation } from '../checklist/compactEvaluation';
import type { ComparisonRow } from '../compareJurisdictions';
import type { JurisdictionSummary, RuleSetDescription } from '../wording/describeRuleSet';
import type { RenewalResult } from '../renewal/renewalTypes';
import type { ProblemBody } from './problems';

/**
 * What each API route answers when it succeeds, as rules/schema/responses.schema.json describes it (each
 * named after its schema; errors are ProblemBody, the schema's `problem`). test/openapi.test.ts checks real
 * answers against those schemas, so a field added here and not there, or there and not here, fails it.
 */

/** The rule data an answer came from (also sent as the X-Rule-Data-Version header). */
interface FromRuleData {
  ruleDataVersion: Catalog['version'];
}

/** GET /api/v1/jurisdictions: `jurisdictionList`. */
export interface JurisdictionListResponse extends FromRuleData {
  jurisdictions: JurisdictionSummary[];
}

/** GET /api/v1/jurisdictions/{code}/{license}: `ruleSetDescription`. */
export type RuleSetDescriptionResponse = RuleSetDescription & FromRuleData;

/** POST /api/v1/evaluations: `evaluation`. */
export type EvaluationResponse = CompactEvaluation & FromRuleData;

/** POST /api/v1/evaluations/batch: `batch`, one evaluation or one problem per item, in order. */
export interface BatchResponse extends FromRuleData {
  results: (EvaluationResponse | ProblemBody)[];
}

/** POST /api/v1/comparisons: `comparison`, one row per jurisdiction, in the order asked. */
export interface ComparisonResponse extends FromRuleData {
  license: LicenseType;
  results: ComparisonRow[];
}

/** POST /api/v1/renewal-checks: `renewalResult`. */
export type RenewalCheckResponse = RenewalResult & FromRuleData;

/** POST /api/v1/renewal-checks/batch: `renewalBatch`, one renewal check or one problem per item, in order. */
export interface RenewalBatchResponse extends FromRuleData {
  results: (RenewalCheckResponse | ProblemBody)[];
}
