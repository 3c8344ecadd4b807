import type { ErrorObject } from 'ajv';
import type { Catalog, LoadedRuleSet } from '../data/loadRuleSets';
import { renewalChoices } from './renewalChoices';
import { toProblems, validators, type Problem } from '../data/schemas';
import { isoDay } from '../data/staleness';
import { CE_TOPICS, SHARED_ROLES } from './ceFactFields';

/**
 * A CE record checked as strictly as a profile, the same way for the API, the CLI and the web page: first
 * against rules/schema/ce-record.schema.json, then against what the schema cannot know: the rule set of the
 * license, the topics and roles it declares, the items it lets a licensee confirm, and the day of the check.
 * Each problem points at the course and field it is about, in plain words.
 */

/** The schema keywords whose own messages ("must match format \"date\"") are not plain words. */
function plainMessage(e: ErrorObject): string | undefined {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'format':
      return 'must be a calendar date written YYYY-MM-DD, e.g. 2026-03-31';
    case 'pattern':
      return 'must be an id: lower-case letters and digits, words joined by hyphens (e.g. infection-control)';
    case 'exclusiveMinimum':
      return `must be more than ${String(params.limit)}`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;
    case 'minLength':
      return 'must not be empty';
    case 'maxItems':
      return `may list at most ${String(params.limit)} entries`;
    case 'uniqueItems':
      return `lists the same entry twice (entries ${Number(params.j) + 1} and ${Number(params.i) + 1})`;
    default:
      return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
/** A real calendar day written YYYY-MM-DD: the schema speaks of any other value. */
const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && new Date(v).toISOString().startsWith(v);
/** The entries of a list field that are strings, with their places: what the schema refused is its to say. */
const stringsIn = (v: unknown): [string, number][] => (Array.isArray(v) ? v.flatMap((x, i): [string, number][] => (typeof x === 'string' ? [[x, i]] : [])) : []);
const named = (items: readonly { id: string; title: string }[]) => items.map((t) => `${t.id} (${t.title})`).join('; ');

/** What the record names that the license's rule set does not know. */
function checkAgainstRuleSet(record: Record<string, unknown>, license: Record<string, unknown>, ruleSet: LoadedRuleSet, out: Problem[]): void {
  const where = `${ruleSet.jurisdictionName}'s ${ruleSet.title} renewal rules`;
  const { topics, roles, confirmable } = renewalChoices(ruleSet) ?? { topics: CE_TOPICS, roles: SHARED_ROLES, confirmable: [] };
  const topicIds = new Set(topics.map((t) => t.id));
  const roleIds = new Set(roles.map((r) => r.id));

  for (const [role, i] of stringsIn(license.roles)) {
    if (!roleIds.has(role)) out.push({ pointer: `/license/roles/${i}`, message: `"${role}" is not a role ${where} know; the roles are ${named(roles)}` });
  }
  if (Array.isArray(record.courses)) {
    record.courses.forEach((course, c) => {
      if (!isObject(course)) return;
      for (const [topic, k] of stringsIn(course.topics)) {
        if (!topicIds.has(topic)) out.push({ pointer: `/courses/${c}/topics/${k}`, message: `"${topic}" is not a topic ${where} know; the topics are ${named(topics)}` });
      }
    });
  }
  for (const [id, i] of stringsIn(record.confirmed)) {
    if (!confirmable.some((r) => r.id === id)) {
      const known = confirmable.length ? `the items you can confirm are ${named(confirmable)}` : 'they have no item you confirm yourself';
      out.push({ pointer: `/confirmed/${i}`, message: `"${id}" is not an item of ${where}: ${known}` });
    }
  }
}

/** Dates that cannot be right on the day of the check. */
function checkDates(record: Record<string, unknown>, license: Record<string, unknown>, today: string, out: Problem[]): void {
  const asOf = isDay(record.asOf) ? record.asOf : today;
  const day = record.asOf === undefined ? `today (${asOf})` : `the day of the check (${asOf})`;
  if (isDay(license.issued) && license.issued > asOf) out.push({ pointer: '/license/issued', message: `a license cannot be issued after ${day}` });
  if (isDay(license.issued) && isDay(license.periodEnds) && license.periodEnds <= license.issued) {
    out.push({ pointer: '/license/periodEnds', message: `the renewal period must end after the license was issued (${license.issued})` });
  }
  if (!Array.isArray(record.courses)) return;
  record.courses.forEach((course, c) => {
    if (isObject(course) && isDay(course.completed) && course.completed > asOf) {
      out.push({ pointer: `/courses/${c}/completed`, message: `a course cannot be completed after ${day}` });
    }
  });
}

/** Pointers in document order, list entries by number: the problems of course 2 before those of course 10. */
const byPlace = (a: Problem, b: Problem) => a.pointer.localeCompare(b.pointer, 'en', { numeric: true });

/**
 * Problems with a CE record, each with its JSON pointer; empty when the record can be checked. `today` is
 * the day of the check when the record gives no `asOf`.
 */
export function validateCeRecord(record: unknown, catalog: Catalog, today: string = isoDay()): Problem[] {
  const schemaOk = validators.ceRecord(record);
  const schemaProblems = schemaOk ? [] : toProblems((validators.ceRecord.errors ?? []).map((e) => ({ ...e, message: plainMessage(e) ?? e.message })));
  if (!isObject(record)) return schemaProblems;
  const license = isObject(record.license) ? record.license : {};
  const own: Problem[] = [];
  const { jurisdiction, type } = license;
  const ruleSet = typeof jurisdiction === 'string' && typeof type === 'string' ? catalog.get(jurisdiction, type) : undefined;
  if (ruleSet) checkAgainstRuleSet(record, license, ruleSet, own);
  else if (typeof jurisdiction === 'string' && !catalog.jurisdictions.some((j) => j.code === jurisdiction)) {
    own.push({ pointer: '/license/jurisdiction', message: `"${jurisdiction}" is not a jurisdiction code: use the two-letter USPS code in upper case, or DC` });
  } else if (schemaOk) own.push({ pointer: '/license/jurisdiction', message: `${String(jurisdiction)} has no rule set for ${String(type)} licenses` });
  checkDates(record, license, today, own);
  // Where both speak of one value, the record's own check says it in the rule set's words.
  const ownPointers = new Set(own.map((p) => p.pointer));
  return [...schemaProblems.filter((p) => !ownPointers.has(p.pointer)), ...own].sort(byPlace);
}
