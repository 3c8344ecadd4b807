import type { CeApproval, CeDelivery, CeRules } from '../data/ruleSetTypes';
import type { RenewalPeriod } from './renewalPeriod';
import { CE_TOPICS } from './ceFactFields';
import { daysBetween } from './renewalPeriod';
import { formatNumber } from '../words';

/** A course as the record gives it (validated against rules/schema/ce-record.schema.json). */
export interface CeCourse {
  title?: string;
  hours: number;
  completed: string;
  topics?: string[];
  delivery?: CeDelivery;
  approval?: CeApproval;
}

export interface CeRecord {
  license: { jurisdiction: string; type: 'nha' | 'ala'; issued?: string; periodEnds?: string; roles?: string[] };
  courses?: CeCourse[];
  /** Hours the licensee carries over from the period before, where the rules let extra hours carry over. */
  carriedOverHours?: number;
  confirmed?: string[];
  asOf?: string;
}

/** An hour figure as the least and the most the record can count: courses not fully described widen it. */
export interface HourRange {
  min: number;
  max: number;
}

/** What became of one course: counted, not counted, or counted only if what is missing turns out right. */
export interface CourseOutcome {
  index: number;
  title: string;
  hours: number;
  completed: string;
  counts: 'yes' | 'no' | 'maybe';
  /** Hours it adds to the total at least (0 for a course that may or may not count). */
  countedHours: number;
  reasons: string[];
}

/** The `ce` fact the renewal conditions read (docs/renewal-data.md), and each course's outcome. */
export interface CeFacts {
  facts: {
    hours?: { total: HourRange; topic: Record<string, HourRange>; inPerson: HourRange; live: HourRange; liveOnline: HourRange; selfStudy: HourRange; distance: HourRange };
    courses?: { topic: Record<string, HourRange> };
    license: { yearsLicensed?: number; roles: string[] };
    /** first: the license was issued during this period; firstRequired: the hours a prorated first period needs. */
    period: { first?: boolean; firstRequired?: number };
    confirmed: string[];
  };
  courses: CourseOutcome[];
}

const APPROVAL_WORDS: Record<CeApproval, string> = {
  ncers: 'NAB (NCERS)', board: 'the board', college: 'an accredited college', 'other-state-board': "another state's board", government: 'a government agency', other: 'another body',
};
const fmt = (n: number) => formatNumber(n, 2);

const range = (): HourRange => ({ min: 0, max: 0 });
/** Hours to the hundredth: sums of fractional caps would otherwise read 2.3999999999999986. */
export const round = (n: number) => Math.round(n * 100) / 100;
const roundRange = (r: HourRange): HourRange => ({ min: round(r.min), max: round(r.max) });
const monthsOrPart = (from: string, to: string) =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1;
const add = (r: HourRange, min: number, max: number) => {
  r.min += min;
  r.max += max;
};

/**
 * Counts the record's courses for a period under the rule set's CE rules: only courses completed inside the
 * period (or its look-back window) count; a course approved by a body the rules do not accept never counts;
 * one whose approval is not given may count (it widens the figures); at most `maxHoursPerDay` count per day;
 * hours beyond a cap on some deliveries do not count, and a course whose delivery is not given is taken, at
 * the least, to fall under the caps. Without a period nothing can be counted: the hour facts are left out,
 * so every hour requirement is unknown.
 */
export function computeCeFacts(record: CeRecord, ce: CeRules, period: RenewalPeriod | undefined, renewalHours: number | undefined): CeFacts {
  const courses = record.courses ?? [];
  const issued = record.license.issued;
  const license = {
    roles: record.license.roles ?? [],
    ...(issued && period && { yearsLicensed: Math.max(0, Math.floor(daysBetween(issued, period.ends) / 365.25)) }),
  };
  // The first renewal after the license was issued: the period the issue date falls in (from its first day on,
  // as where the cycle runs from the issue date).
  const first = issued && period ? issued >= period.starts : undefined;
  const perMonth = ce.firstRenewal?.rule === 'prorated' ? ce.firstRenewal.hoursPerMonth : undefined;
  const periodFacts = {
    ...(first !== undefined && { first }),
    // "So many hours for each month, or part of one, left in the period": the issue month counts whole.
    ...(first && perMonth !== undefined && { firstRequired: round(perMonth * monthsOrPart(issued!, period!.ends)) }),
  };
  const confirmed = record.confirmed ?? [];
  if (!period) {
    return {
      facts: { license, period: periodFacts, confirmed },
      courses: courses.map((c, index) => ({ index, title: c.title ?? `Course ${index + 1}`, hours: c.hours, completed: c.completed, counts: 'maybe', countedHours: 0, reasons: ['the renewal period is not known: give the date it ends'] })),
    };
  }
  const accepted = ce.approvals?.accepted;
  const inPeriod = (c: CeCourse) => c.completed >= period.countsFrom && c.completed <= period.ends;
  const refused = (c: CeCourse) => accepted !== undefined && c.approval !== undefined && !accepted.includes(c.approval);
  const approvalUnknown = (c: CeCourse) => accepted !== undefined && c.approval === undefined;
  // Where only so many hours count a day, a day over it counts each of its courses in proportion, so the
  // answer does not depend on the order the courses are listed in. A day's hours are counted twice over: of
  // the courses that surely count, and of all that may (a course whose approval is not given).
  const perDay = ce.maxHoursPerDay?.hours;
  const dayTotals = new Map<string, { sure: number; all: number }>();
  for (const c of courses) {
    if (!inPeriod(c) || refused(c)) continue;
    const day = dayTotals.get(c.completed) ?? { sure: 0, all: 0 };
    dayTotals.set(c.completed, { sure: day.sure + (approvalUnknown(c) ? 0 : c.hours), all: day.all + c.hours });
  }
  const share = (hours: number, dayHours: number) => (perDay !== undefined && dayHours > perDay ? round((hours * perDay) / dayHours) : hours);
  const outcomes: CourseOutcome[] = [];
  // Counted hours of each course, the least and the most, before the delivery caps.
  const counted: { course: CeCourse; min: number; max: number }[] = [];
  courses.forEach((course, index) => {
    const reasons: string[] = [];
    const title = course.title ?? `Course ${index + 1}`;
    const base = { index, title, hours: course.hours, completed: course.completed };
    if (!inPeriod(course)) {
      outcomes.push({ ...base, counts: 'no', countedHours: 0, reasons: [`completed ${course.completed}, outside the period that counts (${period.countsFrom} to ${period.ends})`] });
      return;
    }
    if (refused(course)) {
      outcomes.push({ ...base, counts: 'no', countedHours: 0, reasons: [`approved by ${APPROVAL_WORDS[course.approval!]}, which these rules do not accept (they accept ${accepted!.map((a) => APPROVAL_WORDS[a]).join(', ')})`] });
      return;
    }
    const day = dayTotals.get(course.completed)!;
    const maybe = approvalUnknown(course);
    // At the least the course shares its day with every course that may count; at the most, only with those
    // that surely do (and itself).
    const least = maybe ? 0 : share(course.hours, day.all);
    const most = share(course.hours, maybe ? day.sure + course.hours : day.sure);
    if (perDay !== undefined && day.all > perDay) reasons.push(`only ${fmt(perDay)} hours count a day and ${course.completed} has ${fmt(day.all)}: ${fmt(share(course.hours, day.all))} of its ${fmt(course.hours)} count`);
    if (maybe) reasons.push(`approval not given: it counts only if approved by ${accepted!.map((a) => APPROVAL_WORDS[a]).join(' or ')}`);
    if (course.delivery === undefined && (ce.caps?.length ?? 0) > 0) reasons.push('delivery not given: it may fall under a cap on some ways of delivery');
    counted.push({ course, min: least, max: most });
    outcomes.push({ ...base, counts: maybe ? 'maybe' : 'yes', countedHours: least, reasons });
  });

  const facts = {
    total: range(), topic: Object.create(null) as Record<string, HourRange>, inPerson: range(), live: range(), liveOnline: range(), selfStudy: range(), distance: range(),
  };
  // Topic ids come from the record: these maps have no prototype, so no id can reach one.
  const topicCourses = Object.create(null) as Record<string, HourRange>;
  for (const id of [...CE_TOPICS.map((t) => t.id), ...(ce.topics ?? []).map((t) => t.id)]) {
    facts.topic[id] = range();
    topicCourses[id] = range();
  }
  // A topic the rule set gathers from shared ones counts every course on it or on any of them, once.
  const gathered = (ce.topics ?? []).filter((t) => t.includes);
  const topicsOf = (c: CeCourse) => {
    const own = new Set(c.topics ?? []);
    for (const t of gathered) if (t.includes!.some((id) => own.has(id))) own.add(t.id);
    return own;
  };
  for (const { course, min, max } of counted) {
    for (const t of topicsOf(course)) {
      if (!facts.topic[t]) continue;
      add(facts.topic[t], min, max);
      add(topicCourses[t]!, min > 0 ? 1 : 0, max > 0 ? 1 : 0);
    }
    // A course whose delivery is not given is each way at most, none at least.
    const d = course.delivery;
    add(facts.inPerson, d === 'in-person' ? min : 0, d === undefined || d === 'in-person' ? max : 0);
    add(facts.liveOnline, d === 'live-online' ? min : 0, d === undefined || d === 'live-online' ? max : 0);
    add(facts.selfStudy, d === 'self-study' ? min : 0, d === undefined || d === 'self-study' ? max : 0);
    add(facts.live, d === 'in-person' || d === 'live-online' ? min : 0, d !== 'self-study' ? max : 0);
    add(facts.distance, d === 'live-online' || d === 'self-study' ? min : 0, d !== 'in-person' ? max : 0);
  }
  // The total: each cap keeps at most its hours of the deliveries it names. At the least, a course of no
  // stated delivery is taken to fall under every cap; at the most, under none.
  // Before the caps, a day's total is worked out whole: at the least, what surely counts up to the day's limit
  // (courses of unknown approval may not count and so take no share); at the most, all that may count.
  const dayLimit = (hours: number) => (perDay === undefined ? hours : Math.min(perDay, hours));
  let totalMin = [...dayTotals.values()].reduce((a, d) => a + dayLimit(d.sure), 0);
  let totalMax = [...dayTotals.values()].reduce((a, d) => a + dayLimit(d.all), 0);
  for (const cap of ce.caps ?? []) {
    // A share is of what this period needs: a prorated first period's figure where there is one.
    const base = periodFacts.firstRequired ?? renewalHours;
    const limit = cap.maxHours ?? (cap.maxShare !== undefined && base !== undefined ? cap.maxShare * base : undefined);
    if (limit === undefined) continue;
    const under = (c: CeCourse, unknownIsUnder: boolean) => (c.delivery === undefined ? unknownIsUnder : cap.deliveries.includes(c.delivery));
    const leastCase = counted.filter((c) => under(c.course, true)).reduce((a, c) => a + c.min, 0);
    const mostCase = counted.filter((c) => under(c.course, false)).reduce((a, c) => a + c.max, 0);
    totalMin -= Math.max(0, leastCase - limit);
    totalMax -= Math.max(0, mostCase - limit);
    if (leastCase > limit) {
      // The hours past the cap come off the latest courses under it, so each course shows what it adds.
      let over = leastCase - limit;
      for (const o of [...outcomes].reverse()) {
        const c = courses[o.index]!;
        if (o.counts === 'no' || c.delivery === undefined || !cap.deliveries.includes(c.delivery)) continue;
        const cut = Math.min(over, o.countedHours);
        over -= cut;
        o.countedHours -= cut;
        o.reasons.push(`at most ${fmt(limit)} hours of ${cap.deliveries.join(' or ')} courses count; this period has ${fmt(leastCase)}${cut > 0 ? `: ${fmt(cut)} of this course's hours do not count` : ''}`);
      }
    }
  }
  // Hours carried over from the period before count where the rules let them, up to their limit; where the
  // rules say nothing of carrying over, they may count.
  const carried = record.carriedOverHours ?? 0;
  const carriedMax = ce.carryOver ? Math.min(carried, ce.carryOver.maxHours) : carried;
  const carriedMin = ce.carryOver ? carriedMax : 0;
  facts.total = { min: Math.max(0, totalMin) + carriedMin, max: Math.max(0, totalMax) + carriedMax };
  const rounded = Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, k === 'topic' ? Object.assign(Object.create(null), Object.fromEntries(Object.entries(v as Record<string, HourRange>).map(([t, r]) => [t, roundRange(r)]))) : roundRange(v as HourRange)]));
  return { facts: { hours: rounded as typeof facts, courses: { topic: topicCourses }, license, period: periodFacts, confirmed }, courses: outcomes };
}
