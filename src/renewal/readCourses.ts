import { parse as parseCsv } from 'csv-parse/sync';
import type { LoadedRuleSet } from '../data/loadRuleSets';
import type { Problem } from '../data/schemas';
import { CE_TOPICS } from './ceFactFields';
import { ceRecordChoices } from './ceRecordFields';

/**
 * A CSV file of courses, one a row, for `ltc-check renewal --courses` and the renewal page's upload: columns title, hours, completed,
 * topics, delivery and approval (hours and completed required, the others optional). As in the batch CSV,
 * what a spreadsheet writes is read as the value it names: choices by value or label in any case ("Live
 * webinar", "NCERS", "In person"), topics by id or title separated by semicolons (titles hold commas), numbers with
 * thousands commas, dates as 2026-03-31 or 3/31/2026. A value naming nothing is kept as typed, for the record's
 * validation to refuse at its row and column.
 */
export const COURSE_COLUMNS = ['title', 'hours', 'completed', 'topics', 'delivery', 'approval'] as const;
const REQUIRED = ['hours', 'completed'];

export interface CourseRows {
  courses: Record<string, unknown>[];
  /** The file's line of each course, for saying where a problem is. */
  lines: number[];
  /** Problems with the file itself: its columns. */
  problems: Problem[];
}

/** Compared in any case, spaces, hyphens and underscores alike: "In person" names "in-person". */
const loose = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, ' ');
const choice = (options: { value: string; label: string }[], typed: string) => {
  const wanted = loose(typed);
  return options.find((o) => loose(o.value) === wanted || loose(o.label) === wanted)?.value ?? typed;
};

/** A US date (3/31/2026), as spreadsheets write dates, in the record's form; anything else as typed. */
function day(typed: string): string {
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
  return us ? `${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}` : typed;
}

export function readCourses(text: string, ruleSet: LoadedRuleSet | undefined): CourseRows {
  const rows = parseCsv(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, info: true }) as {
    record: Record<string, string>;
    info: { lines: number };
  }[];
  const header = rows[0] ? Object.keys(rows[0].record) : [];
  const problems: Problem[] = [
    ...header.filter((c) => !(COURSE_COLUMNS as readonly string[]).includes(c)).map((c) => ({ pointer: `column ${c}`, message: `is not a known column (the columns are ${COURSE_COLUMNS.join(', ')})` })),
    ...(rows.length ? REQUIRED.filter((c) => !header.includes(c)).map((c) => ({ pointer: `column ${c}`, message: 'is required' })) : []),
  ];
  const topics = [...CE_TOPICS, ...(ruleSet?.renewal?.ce?.topics ?? [])].map((t) => ({ value: t.id, label: t.title }));
  const deliveries = ceRecordChoices('/courses/0/delivery');
  const approvals = ceRecordChoices('/courses/0/approval');
  const courses = rows.map(({ record }) => {
    // Column names are the file's: only the known ones are read, each by its own name.
    const cell = (column: string) => (Object.hasOwn(record, column) ? (record[column] ?? '') : '');
    const hours = cell('hours').replace(/,/g, '');
    const listed = cell('topics').split(';').map((t) => t.trim()).filter(Boolean);
    return {
      ...(cell('title') && { title: cell('title') }),
      ...(hours && { hours: Number.isFinite(Number(hours)) ? Number(hours) : cell('hours') }),
      ...(cell('completed') && { completed: day(cell('completed')) }),
      ...(listed.length && { topics: [...new Set(listed.map((t) => choice(topics, t)))] }),
      ...(cell('delivery') && { delivery: choice(deliveries, cell('delivery')) }),
      ...(cell('approval') && { approval: choice(approvals, cell('approval')) }),
    };
  });
  return { courses, lines: rows.map((r) => r.info.lines), problems };
}
