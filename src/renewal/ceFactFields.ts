import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../projectRoot';

/**
 * The facts renewal conditions read (`"fact": "ce"`), computed from a licensee's course record by
 * computeCeFacts: their paths, titles and kinds, and which operators each kind takes. The rule-data checks,
 * the wording and docs/renewal-data.md all go by this list.
 */
export type CeFactKind = 'hours' | 'count' | 'years' | 'roles' | 'flag' | 'required';

export interface CeFactField {
  /** Dot path below the `ce` fact; `*` stands for a topic id. */
  path: string;
  title: string;
  unit?: string;
  /** The unit for exactly one, where it differs ("course on *"). */
  unitOne?: string;
  kind: CeFactKind;
}

export const CE_FACT_FIELDS: readonly CeFactField[] = [
  { path: 'hours.total', title: 'Hours counted toward the total', unit: 'hours', unitOne: 'hour', kind: 'hours' },
  { path: 'hours.topic.*', title: 'Hours on *', unit: 'hours on *', unitOne: 'hour on *', kind: 'hours' },
  { path: 'courses.topic.*', title: 'Courses on *', unit: 'courses on *', unitOne: 'course on *', kind: 'count' },
  { path: 'hours.inPerson', title: 'Hours live in a room', unit: 'in-person hours', unitOne: 'in-person hour', kind: 'hours' },
  { path: 'hours.live', title: 'Live hours, in a room or a live webinar', unit: 'live hours', unitOne: 'live hour', kind: 'hours' },
  { path: 'hours.liveOnline', title: 'Hours in live webinars', unit: 'live webinar hours', unitOne: 'live webinar hour', kind: 'hours' },
  { path: 'hours.selfStudy', title: 'Self-study hours', unit: 'self-study hours', unitOne: 'self-study hour', kind: 'hours' },
  { path: 'hours.distance', title: 'Distance hours, webinars and self-study', unit: 'distance hours', unitOne: 'distance hour', kind: 'hours' },
  { path: 'license.yearsLicensed', title: 'Years licensed', unit: 'years licensed', unitOne: 'year licensed', kind: 'years' },
  { path: 'license.roles', title: 'Roles held', kind: 'roles' },
  { path: 'period.first', title: 'First renewal after the license was issued', kind: 'flag' },
  { path: 'period.firstRequired', title: 'Hours a prorated first period needs', unit: 'hours', kind: 'required' },
];

/** The operators each kind of fact takes. */
export const CE_OPERATORS: Record<CeFactKind, readonly string[]> = {
  hours: ['atLeast'],
  count: ['atLeast'],
  years: ['greaterThanInclusive', 'greaterThan', 'lessThan', 'lessThanInclusive'],
  roles: ['contains', 'doesNotContain'],
  flag: ['equal', 'notEqual'],
  // Not a fact to test but a figure to test against: `"value": { "fact": "ce", "path": "period.firstRequired" }`.
  required: [],
};

/** Roles every rule set may test without declaring them. */
export const SHARED_ROLES: readonly { id: string; title: string }[] = [
  { id: 'preceptor', title: 'Preceptor of administrators-in-training' },
  { id: 'hse', title: 'Holds the NAB Health Services Executive (HSE) qualification' },
];

/** The shared topic vocabulary, rules/ce-topics.json. */
export const CE_TOPICS: readonly { id: string; title: string }[] = (
  JSON.parse(fs.readFileSync(path.join(projectRoot, 'rules', 'ce-topics.json'), 'utf8')) as { topics: { id: string; title: string }[] }
).topics;

/** The field a CE fact path names, with the topic it is about (for the `*` paths). */
export function ceFactAt(dotPath: string): { field: CeFactField; topic?: string } | undefined {
  for (const field of CE_FACT_FIELDS) {
    if (field.path === dotPath) return { field };
    if (field.path.endsWith('.*') && dotPath.startsWith(field.path.slice(0, -1))) {
      const topic = dotPath.slice(field.path.length - 1);
      if (/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(topic)) return { field, topic };
    }
  }
  return undefined;
}

/** A title inside a sentence: its first letter in lower case, unless the first word is an acronym (HIV). */
const inSentence = (title: string) => (/^[A-Z]{2}/.test(title) ? title : title.charAt(0).toLowerCase() + title.slice(1));
const topicTitles = new Map(CE_TOPICS.map((t) => [t.id, inSentence(t.title)]));
/**
 * A CE fact's title and unit in words, with the topic named ("Hours on ethics and professional standards"), a
 * topic a rule set declares for itself by the title it gives (`declared`).
 */
export function ceFactWords(dotPath: string, count?: number, declared?: ReadonlyMap<string, string>): { title: string; unit: string } | undefined {
  const at = ceFactAt(dotPath);
  if (!at) return undefined;
  const topic = at.topic === undefined ? '' : (topicTitles.get(at.topic) ?? (declared?.has(at.topic) ? inSentence(declared.get(at.topic)!) : undefined) ?? at.topic.replace(/-/g, ' '));
  const unit = (count === 1 && at.field.unitOne) || at.field.unit || at.field.title;
  return { title: at.field.title.replace('*', topic), unit: unit.replace('*', topic) };
}
