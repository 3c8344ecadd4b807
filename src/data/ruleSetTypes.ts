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
  renewal?: { summary: string; ceHours?: number; periodMonths?: number; sources: string[] };
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

export function isLeaf(c: Condition): c is Leaf {
  return 'fact' in c;
}
