import type { Problem } from '../data/schemas';
import { ceRecordChoices, ceRecordField } from '../renewal/ceRecordFields';
import { COURSE_LIST, COURSE_PART_LABELS, COURSE_PARTS, type CoursePlace } from '../renewal/flatCeRecord';
import { dotPathOf, lowerFirst } from '../words';

/**
 * The renewal form's error messages, one per input and in plain words: a problem with a CE record (its JSON
 * pointer, from validateCeRecord) is placed at the input it came from — a course's row and field, or the
 * line of the pasted course list — and said with that input's name ("Course 3 (Ethics), hours: …").
 */


/** What the person sees of a course: its row, or its line of the list, and its title where one was typed. */
function courseName(place: CoursePlace | undefined, title: string): string {
  const where = place && 'line' in place ? `Course list, line ${place.line}` : `Course ${(place?.row ?? 0) + 1}`;
  return title ? `${where} (${title})` : where;
}

/** The number fields' problems (not a number, too small, too large) all have one answer: the range. */
const RANGES: Record<string, string> = {
  hours: 'enter the hours on the certificate, a number more than 0 and at most 200',
  carriedOverHours: 'enter a number of hours from 0 to 200',
};

/** A choice refused ("must be one of: …"): named by what was typed, with the choices in words. */
function choiceWords(pointer: string, typed: unknown): string {
  const labels = ceRecordChoices(pointer).map((c) => c.label);
  return `“${String(typed)}” is not one of the choices (${labels.join('; ')})`;
}

/** Where a problem belongs: the input's name, the words that name it, and the message. */
function placed(p: Problem, places: CoursePlace[], courses: Record<string, unknown>[]): { name: string; label: string; message: string } {
  if (p.pointer === COURSE_LIST) return { name: COURSE_LIST, label: 'Course list', message: p.message };
  // The list's columns, as readCourses reports them ("column hours").
  if (p.pointer.startsWith('column ')) return { name: COURSE_LIST, label: `Course list, ${p.pointer}`, message: p.message };
  // Too many courses in all: the list is where a long record comes from.
  if (p.pointer === '/courses') return { name: COURSE_LIST, label: 'Courses', message: p.message };
  const course = /^\/courses\/(\d+)(?:\/([^/]+))?/.exec(p.pointer);
  if (course) {
    const index = Number(course[1]);
    const place = places[index];
    // A problem with a course as a whole (one without its hours) is told at its hours.
    const part = course[2] ?? 'hours';
    const typed = courses[index]?.[part];
    const title = courses[index]?.title;
    const label = `${courseName(place, typeof title === 'string' ? title : '')}, ${lowerFirst(Object.hasOwn(COURSE_PART_LABELS, part) ? COURSE_PART_LABELS[part as keyof typeof COURSE_PART_LABELS] : part)}`;
    const inForm = place !== undefined && 'row' in place;
    const message =
      course[2] === 'hours' && p.message !== 'is required'
        ? RANGES.hours!
        : p.message.startsWith('must be one of')
          ? choiceWords(`/courses/0/${part}`, typed)
          : // The topics are listed in every row's Topics list: the message need not name them all again.
            part === 'topics' && p.message.includes(' is not a topic ')
            ? `${p.message.replace(/;.*$/, '')}: ${inForm ? 'choose from the list' : 'write a topic’s id, or its title as the Topics lists name it'}`
            : p.message;
    return { name: inForm ? `courses.${place.row}.${part}` : COURSE_LIST, label, message };
  }
  const top = /^\/(license\/issued|license\/periodEnds|license\/roles|carriedOverHours|confirmed|asOf)(\/|$)/.exec(p.pointer)?.[1];
  if (!top) return { name: 'license.jurisdiction', label: '', message: 'Choose the jurisdiction that issued the license and the license type from the lists.' };
  const label = top === 'asOf' ? 'Check as of' : top === 'confirmed' ? 'Items you have done' : (ceRecordField(`/${top}`)?.title ?? top);
  return { name: dotPathOf(top), label, message: top === 'carriedOverHours' && p.message !== 'is required' ? RANGES.carriedOverHours! : p.message };
}

/** The inputs in the order the form shows them, so that the summary reads down the page. */
const FIELD_ORDER = ['license.jurisdiction', 'license.type', 'license.issued', 'license.periodEnds', 'license.roles', 'courses', COURSE_LIST, 'carriedOverHours', 'confirmed', 'asOf'];
function formOrder(name: string): number[] {
  const row = /^courses\.(\d+)\.(.+)$/.exec(name);
  if (row) return [FIELD_ORDER.indexOf('courses'), Number(row[1]), (COURSE_PARTS as readonly string[]).indexOf(row[2]!)];
  return [FIELD_ORDER.indexOf(name), 0, 0];
}
const byFormOrder = (a: string, b: string) => {
  const [x, y] = [formOrder(a), formOrder(b)];
  return x[0]! - y[0]! || x[1]! - y[1]! || x[2]! - y[2]!;
};

export function renewalFormErrors(problems: Problem[], places: CoursePlace[], record: Record<string, unknown>): Map<string, string> {
  const courses = Array.isArray(record.courses) ? (record.courses as Record<string, unknown>[]) : [];
  const byInput = new Map<string, string[]>();
  for (const p of problems) {
    const { name, label, message } = placed(p, places, courses);
    byInput.set(name, [...(byInput.get(name) ?? []), label ? `${label}: ${message}` : message]);
  }
  return new Map([...byInput].sort(([a], [b]) => byFormOrder(a, b)).map(([name, messages]) => [name, [...new Set(messages)].join('; ')]));
}
