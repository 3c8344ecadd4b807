import type { Catalog } from '../data/loadRuleSets';
import type { Problem } from '../data/schemas';
import { listOf, textOf, type FlatValues } from '../profile/flatProfile';
import { emptyRecord, getPath, setPath } from '../profile/safePath';
import type { CeRecord } from './computeCeFacts';
import { COURSE_COLUMNS, readCourses } from './readCourses';

/**
 * A CE record as flat named values, both ways, for the renewal page's form: inputs are named by the record's
 * dot paths ("license.issued", "courses.2.hours"), so a problem's JSON pointer finds its input. Values are
 * kept as typed, to show them again. Courses come from the form's rows and from a course list in the CSV
 * columns of `ltc-check renewal --courses` (readCourses), pasted or uploaded; the record lists the rows' courses
 * first, then the list's, and says where each came from.
 */

/** The form's course rows: this many open, and up to COURSE_ROWS_MAX in all (each row weighs 3 KB of page; a longer record goes in the course list). */
export const COURSE_ROWS_OPEN = 10;
export const COURSE_ROWS_MAX = 40;
/** The course list, pasted or uploaded as a file (whose text the form shows again here). */
export const COURSE_LIST = 'courseList';
export const COURSE_FILE = 'courseFile';
/** The parts of a course row: the course list's columns, in their order. */
export const COURSE_PARTS = COURSE_COLUMNS;
/** A course part's name inside its row, whose legend ("Course 3") already names the course. */
export const COURSE_PART_LABELS: Record<(typeof COURSE_PARTS)[number], string> = {
  title: 'Title',
  hours: 'Hours',
  completed: 'Date completed',
  topics: 'Topics',
  delivery: 'How it was given',
  approval: 'Approved by',
};

/** Where a course of the record came from: a row of the form, or a line of the course list. */
export type CoursePlace = { row: number } | { line: number };

export interface ParsedCeForm {
  /** The record, unchecked: validateCeRecord says what is wrong with it. */
  record: Record<string, unknown>;
  /** Where each course came from, by its place in the record. */
  places: CoursePlace[];
  /** Problems with the course list itself (its columns, its CSV), at the COURSE_LIST input. */
  listProblems: Problem[];
}

/** A number as typed, with thousands commas; anything else stays text, for the schema to refuse. */
function numberOf(raw: string): number | string {
  const n = Number(raw.replace(/,/g, ''));
  return raw !== '' && Number.isFinite(n) ? n : raw;
}

function courseFromRow(values: FlatValues, row: number): Record<string, unknown> | undefined {
  const course = emptyRecord();
  for (const part of COURSE_PARTS) {
    const name = `courses.${row}.${part}`;
    if (part === 'topics') {
      const topics = listOf(values[name]).map((t) => t.trim()).filter(Boolean);
      if (topics.length) course.topics = [...new Set(topics)];
      continue;
    }
    const typed = textOf(values[name]);
    if (typed !== '') course[part] = part === 'hours' ? numberOf(typed) : typed;
  }
  return Object.keys(course).length ? course : undefined;
}

/** The courses of a pasted or uploaded list, or a problem saying why it could not be read. */
function coursesFromList(text: string, catalog: Catalog, license: { jurisdiction: string; type: string }) {
  if (text.trim() === '') return { courses: [], lines: [], problems: [] };
  try {
    return readCourses(text, catalog.get(license.jurisdiction, license.type));
  } catch (e) {
    return { courses: [], lines: [], problems: [{ pointer: COURSE_LIST, message: `is not a CSV list that can be read (${(e as Error).message})` }] };
  }
}

/** The record the form's values describe, and where each of its courses came from. */
export function ceRecordFromFlat(values: FlatValues, catalog: Catalog): ParsedCeForm {
  const license = { jurisdiction: textOf(values['license.jurisdiction']), type: textOf(values['license.type']) };
  const record = emptyRecord();
  setPath(record, 'license', emptyRecord());
  for (const key of ['jurisdiction', 'type', 'issued', 'periodEnds'] as const) {
    const typed = textOf(values[`license.${key}`]);
    if (typed !== '') setPath(record, `license.${key}`, typed);
  }
  const roles = listOf(values['license.roles']).filter(Boolean);
  if (roles.length) setPath(record, 'license.roles', [...new Set(roles)]);

  const places: CoursePlace[] = [];
  const courses: Record<string, unknown>[] = [];
  for (let row = 0; row < COURSE_ROWS_MAX; row++) {
    const course = courseFromRow(values, row);
    if (!course) continue;
    courses.push(course);
    places.push({ row });
  }
  // A list whose columns are wrong is refused as a whole, as the CLI refuses it: its rows would only repeat that.
  const list = coursesFromList(textOf(values[COURSE_LIST]), catalog, license);
  if (list.problems.length === 0) {
    courses.push(...list.courses);
    places.push(...list.lines.map((line) => ({ line })));
  }
  if (courses.length) record.courses = courses;

  const carried = textOf(values.carriedOverHours);
  if (carried !== '') record.carriedOverHours = numberOf(carried);
  const confirmed = listOf(values.confirmed).filter(Boolean);
  if (confirmed.length) record.confirmed = [...new Set(confirmed)];
  const asOf = textOf(values.asOf);
  if (asOf !== '') record.asOf = asOf;
  // A client of its own may send more rows than the form has: say so rather than drop them unseen.
  const beyond = Object.keys(values).some((k) => Number(/^courses\.(\d+)\./.exec(k)?.[1] ?? -1) >= COURSE_ROWS_MAX);
  const rowProblems = beyond ? [{ pointer: COURSE_LIST, message: `holds no rows past course ${COURSE_ROWS_MAX}, the most the form reads: put a longer record in the course list` }] : [];
  return { record, places, listProblems: [...list.problems, ...rowProblems] };
}

/** The flat values of a record: to fill the form from an example, or from a link that names the license. */
export function flatFromCeRecord(record: CeRecord): FlatValues {
  const values: FlatValues = emptyRecord();
  for (const key of ['jurisdiction', 'type', 'issued', 'periodEnds'] as const) {
    const v = getPath(record, `license.${key}`);
    if (typeof v === 'string') values[`license.${key}`] = v;
  }
  if (record.license.roles?.length) values['license.roles'] = record.license.roles;
  (record.courses ?? []).slice(0, COURSE_ROWS_MAX).forEach((course, row) => {
    for (const part of COURSE_PARTS) {
      const v = course[part];
      if (v !== undefined) values[`courses.${row}.${part}`] = Array.isArray(v) ? v : String(v);
    }
  });
  if (record.carriedOverHours !== undefined) values.carriedOverHours = String(record.carriedOverHours);
  if (record.confirmed?.length) values.confirmed = record.confirmed;
  if (record.asOf) values.asOf = record.asOf;
  return values;
}
