import type { RouteKind } from '../wording/describeRoute';
import type { Gap } from '../engine/operators/numeric';
import type { Estimate } from '../estimate/estimateRoute';
import type { EntryPrecondition, LicenseType, Outcome, PathwayOutcome, RequirementCategory, RuleSet, Source, Status } from '../data/ruleSetTypes';

/** The checklist model: plain data that the API sends as JSON and the views and CLI render. */

export type CitedSource = Source;

export type { Gap };

/** What a reader needs to know of a rule set as a whole: where it comes from and how sure we are of it. */
export interface RuleSetAbout {
  title: string;
  summary?: string;
  agency: RuleSet['agency'];
  lastVerified: string;
  /** Not verified within the last STALE_AFTER_MONTHS: shown as a warning. */
  stale: boolean;
  confidence: RuleSet['confidence'];
  confidenceNote?: string;
  sources: CitedSource[];
  renewal?: { summary: string; ceHours?: number; periodMonths?: number; sources: CitedSource[] };
  unverified: { topic: string; note: string }[];
}

/** What a reader needs to know of a requirement, whatever the profile: shared by checklists and rule-set pages. */
export interface CitedRequirement {
  id: string;
  title: string;
  category: RequirementCategory;
  description: string;
  remedy: string;
  attestable: boolean;
  verified: boolean;
  sources: CitedSource[];
  effective?: string;
}

export interface RequirementResult extends CitedRequirement {
  status: Status;
  /** One line on why: the gap, the missing answers, or that it could not be verified. */
  detail: string;
  gaps: Gap[];
  /** Pointers of the profile fields whose absence left it unknown. */
  missing: string[];
  /** Where the rule counts in another unit than the profile, how it was converted, in words. */
  conversion?: string;
}

/**
 * Whether the person may take the route, from its entry condition: made for them (they hold what it asks),
 * open to everyone, not known yet (the entry question is unanswered), or not open to them.
 */
export type Access = 'made-for-you' | 'open' | 'unknown' | 'closed';

export interface PathwayResult extends RouteKind {
  id: string;
  title: string;
  summary?: string;
  outcome: PathwayOutcome;
  counts: Record<Status, number>;
  access: Access;
  /** How long from now until the person could hold what the route leads to. */
  estimate: Estimate;
  requirements: RequirementResult[];
}

export interface Evaluation {
  jurisdiction: string;
  jurisdictionName: string;
  license: LicenseType;
  title: string;
  credential: RuleSet['credential'];
  outcome: Outcome;
  /** The person already holds an active license of this kind issued here: renewal, not licensure, is what is left. */
  alreadyLicensed: boolean;
  /**
   * The public contract's best pathway: an eligible one where there is one (a full credential before a
   * time-limited one), else the best route to a license; null where there is no route.
   */
  bestPathway: string | null;
  /** The route to recommend: the best route to the full credential, never a time-limited one; null where none exists. */
  bestLicenseRoute: string | null;
  /** A time-limited credential (provisional, temporary, acting…) the person could work under meanwhile. */
  meanwhile: string | null;
  /** Every pathway id, best first: fit to the person, then the soonest estimate, then the closest to done. */
  rankedPathways: string[];
  /** Only steps taken with or after the application (the background check, the exams) are left on the best route to a license. */
  readyToApply: boolean;
  /** In the rule set's order. */
  pathways: PathwayResult[];
  nextSteps: string[];
  /**
   * Who-may-take-it questions still unanswered, asked before any other: whether the person holds what a
   * route is only for (a license elsewhere, the HSE, a vacancy appointment, a license in a profession).
   */
  entryQuestions: { question: string; holds: EntryPrecondition; pathways: string[] }[];
  missing: string[];
  ruleSet: RuleSetAbout;
}
