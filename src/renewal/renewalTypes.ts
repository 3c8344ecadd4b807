import type { CitedSource } from '../checklist/evaluationTypes';
import type { CeRules, Status } from '../data/ruleSetTypes';
import type { CourseOutcome } from './computeCeFacts';
import type { RenewalPeriod } from './renewalPeriod';

/** The renewal check's model: plain data that the API sends as JSON and the page and CLI render. */

/**
 * compliant: every requirement met. not-yet-compliant: some requirement not met (hours still to earn).
 * needs-information: none unmet, some not known (the period's end, a course's delivery, a rule not verified).
 * no-ce-rules: no renewal CE was found for the credential (or the role has none).
 */
export type RenewalOutcome = 'compliant' | 'not-yet-compliant' | 'needs-information' | 'no-ce-rules';

export interface RenewalRequirementResult {
  id: string;
  title: string;
  kind: 'total' | 'topic' | 'delivery' | 'other';
  description: string;
  status: Status;
  detail: string;
  /** For an hours requirement: the hours counted at least, at most (courses not fully described), needed and still to go. */
  hours?: { counted: number; mayCount: number; needed: number; toGo: number };
  verified: boolean;
  sources: CitedSource[];
  effective?: string;
}

/** A part of the rules in words with its sources: the cycle, a cap, the first renewal… */
export interface CitedRule {
  title: string;
  text: string;
  sources: CitedSource[];
}

export interface RenewalResult {
  jurisdiction: string;
  jurisdictionName: string;
  license: 'nha' | 'ala';
  title: string;
  applies: CeRules['applies'];
  outcome: RenewalOutcome;
  /** The day the check was made for. */
  asOf: string;
  /** The period checked, with its deadline; null when neither the record nor the cycle says when it ends. */
  period: RenewalPeriod | null;
  requirements: RenewalRequirementResult[];
  courses: CourseOutcome[];
  /** The rules beside the requirements: the cycle, caps, approvals, first renewal, carry-over, variations, exemptions. */
  rules: CitedRule[];
  /** Pointers into the record of what would settle what is unknown. */
  missing: string[];
  nextSteps: string[];
  unverified: string[];
  about: { lastVerified: string; stale: boolean; confidence: CeRules['confidence']; agency: { name: string; url: string } };
}
