import type { RouteKind } from './describeRoute';
import type { citeRuleSet } from './citeRequirement';
import type { EntryPrecondition, Outcome, PathwayOutcome, RequirementCategory, Source, Status } from '../data/ruleSetTypes';

/** The checklist model: plain data that the API sends as JSON and the views and CLI render. */

export type CitedSource = Source;

export interface Gap {
  /** JSON pointer of the profile field. */
  field: string;
  have: number;
  need: number;
  remaining: number;
  unit: string;
}

export interface RequirementResult {
  id: string;
  title: string;
  category: RequirementCategory;
  status: Status;
  /** One line on why: the gap, the missing answers, or that it could not be verified. */
  detail: string;
  description: string;
  remedy: string;
  attestable: boolean;
  verified: boolean;
  gaps: Gap[];
  /** Pointers of the profile fields whose absence left it unknown. */
  missing: string[];
  sources: CitedSource[];
  effective?: string;
}

export interface PathwayResult extends RouteKind {
  id: string;
  title: string;
  summary?: string;
  outcome: PathwayOutcome;
  counts: Record<Status, number>;
  requirements: RequirementResult[];
}

export interface Evaluation {
  jurisdiction: string;
  jurisdictionName: string;
  license: string;
  title: string;
  credential: string;
  outcome: Outcome;
  /** The person already holds an active license of this kind issued here: renewal, not licensure, is what is left. */
  alreadyLicensed: boolean;
  /** An eligible pathway's id, else the one closest to completion; null where there is none. */
  bestPathway: string | null;
  /** In the rule set's order. */
  pathways: PathwayResult[];
  nextSteps: string[];
  /**
   * Who-may-take-it questions still unanswered, asked before any other: whether the person holds what a
   * route is only for (a license elsewhere, the HSE, a vacancy appointment, a license in a profession).
   */
  entryQuestions: { question: string; holds: EntryPrecondition; pathways: string[] }[];
  missing: string[];
  ruleSet: ReturnType<typeof citeRuleSet>;
}
