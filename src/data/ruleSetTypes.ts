/** Types of the rule data in states/ and rules/conditions/, mirroring rules/schema/jurisdiction.schema.json. */

export const LICENSE_TYPES = ['nha', 'ala'] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];
export const LICENSE_NAMES: Record<LicenseType, string> = {
  nha: 'Nursing home administrator',
  ala: 'Assisted living administrator',
};

export type Status = 'met' | 'unmet' | 'unknown';
export type PathwayOutcome = 'eligible' | 'not-eligible' | 'needs-information';
export type Outcome = PathwayOutcome | 'no-credential';

export interface Leaf {
  fact: 'profile';
  path: string;
  operator: string;
  value: unknown;
}
export type TopCondition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { condition: string };
export type Condition = TopCondition | Leaf;

export interface Source {
  id: string;
  title: string;
  url: string;
  official: boolean;
  effective?: string;
  seen?: string;
}

export type RequirementCategory =
  | 'education' | 'experience' | 'training' | 'exam' | 'license' | 'background' | 'application' | 'other';

export interface Requirement {
  id: string;
  title: string;
  category: RequirementCategory;
  description: string;
  conditions?: TopCondition;
  attestable?: true;
  unverified?: string;
  sources: string[];
  effective?: string;
  remedy: string;
  /** How long it takes from a standing start, where the profile cannot measure what is left (for estimates). */
  takes?: { hours?: number; weeks?: number; months?: number };
  /** How the conditions convert the rule's unit to the profile's, in words, with its basis. */
  conversion?: { text: string; assumption?: string; source?: string };
}

export type PathwayKind = 'initial' | 'endorsement';
export type PathwayTerm = 'full' | 'time-limited';
export type LimitedCredential = 'provisional' | 'temporary' | 'acting' | 'vacancy' | 'pending-exam';
export type EntryPrecondition = 'license-elsewhere' | 'hse' | 'vacancy-appointment' | 'profession-license' | 'role-held';

/** Who may take a route where not everyone may (see the jurisdiction schema). */
export interface PathwayEntry {
  holds: EntryPrecondition;
  requirement: string;
  question: string;
}

export interface Pathway {
  id: string;
  title: string;
  kind: PathwayKind;
  term: PathwayTerm;
  limitedCredential?: LimitedCredential;
  entry?: PathwayEntry;
  summary?: string;
  requires: string[];
}

/** How to reach an agency, from an official page of its own (cited by `source`). */
interface AgencyContact {
  address?: string;
  phone?: string;
  email?: string;
  source: string;
}

export interface RuleSet {
  title: string;
  credential: 'license' | 'certificate' | 'registration' | 'none';
  summary?: string;
  agency: { name: string; url: string; contact?: AgencyContact };
  lastVerified: string;
  confidence: 'high' | 'medium' | 'low';
  confidenceNote?: string;
  sources: Source[];
  requirements: Requirement[];
  pathways: Pathway[];
  renewal?: { summary: string; ceHours?: number; periodMonths?: number; ce?: CeRules; sources: string[] };
  unverified?: { topic: string; note: string }[];
}

export interface JurisdictionFile {
  jurisdiction: string;
  name: string;
  ruleSets: Record<LicenseType, RuleSet>;
}

export interface NamedCondition {
  name: string;
  title: string;
  description: string;
  conditions: TopCondition;
}

/** A cited part of the renewal rules: plain words and the sources they rest on. */
interface Cited {
  text: string;
  sources: string[];
  effective?: string;
}

export type CeDelivery = 'in-person' | 'live-online' | 'self-study';
export type CeApproval = 'ncers' | 'board' | 'college' | 'other-state-board' | 'government' | 'other';

/** A leaf of a renewal condition: a CE fact computed from the course record. */
export interface CeLeaf {
  fact: 'ce';
  path: string;
  operator: string;
  value: unknown;
}
export type CeCondition = { all: CeCondition[] } | { any: CeCondition[] } | { not: CeCondition } | CeLeaf;

export interface CeRequirement {
  id: string;
  title: string;
  kind: 'total' | 'topic' | 'delivery' | 'other';
  description: string;
  conditions?: CeCondition;
  attestable?: true;
  unverified?: string;
  sources: string[];
  effective?: string;
}

/** The continuing-education rules of a renewal, mirroring #/$defs/ceRules (docs/renewal-data.md). */
export interface CeRules {
  applies: 'credential' | 'facility-training' | 'none';
  lastVerified: string;
  confidence: 'high' | 'medium' | 'low';
  hourMinutes?: { minutes: number; sources: string[] };
  cycle: Cited & { months: number; anchor: 'fixed' | 'anniversary' | 'birthday' | 'unknown'; ends?: string; endYears?: 'even' | 'odd' | 'every'; lookBackMonths?: number };
  requirements: CeRequirement[];
  caps?: (Cited & { id: string; deliveries: CeDelivery[]; maxHours?: number; maxShare?: number })[];
  maxHoursPerDay?: Cited & { hours: number };
  approvals?: Cited & { accepted: CeApproval[] };
  firstRenewal?: Cited & { rule: 'exempt' | 'reduced' | 'prorated' | 'same' | 'unknown'; hoursPerMonth?: number };
  variations?: (Cited & { id: string; when: string; minYears?: number; totalHours?: number })[];
  carryOver?: Cited & { maxHours: number };
  exemptions?: (Cited & { id: string })[];
  topics?: { id: string; title: string; includes?: string[] }[];
  roles?: { id: string; title: string }[];
  unverified: string[];
}
