import type { CeRules } from '../data/ruleSetTypes';

/**
 * The renewal period a check is about: the one running on the day of the check. It ends on the license's
 * `periodEnds` where the record gives it, else where the rule set's cycle puts it (a fixed calendar date,
 * or the license's anniversary); CE counts from the period's start, or from a longer look-back window.
 * Dates are calendar days (YYYY-MM-DD), compared as UTC days.
 */
export interface RenewalPeriod {
  /** First day of the period. */
  starts: string;
  /** First day a course counts: the period's start, or earlier where CE counts from a longer window. */
  countsFrom: string;
  /** Last day of the period: the renewal deadline. */
  ends: string;
  /** Days from the check to the deadline; negative once it has passed. */
  daysLeft: number;
  /** Whether the period's end came from the record or from the cycle. */
  endFrom: 'record' | 'cycle';
}

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The day `months` after (or before, when negative) a day, kept to the month's last day where it has fewer. */
export function addMonths(day: string, months: number): string {
  const d = new Date(dayOf(day));
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), last));
  return iso(target.getTime());
}

export const addDays = (day: string, days: number) => iso(dayOf(day) + days * DAY);
export const daysBetween = (from: string, to: string) => Math.round((dayOf(to) - dayOf(from)) / DAY);

/** Where the cycle alone puts the end of the period running on `asOf`, or undefined when it cannot. */
function cycleEnd(cycle: CeRules['cycle'], asOf: string, issued: string | undefined): string | undefined {
  if (cycle.anchor === 'fixed' && cycle.ends) {
    const year = Number(asOf.slice(0, 4));
    for (let y = year; y <= year + 3; y++) {
      const candidate = `${y}-${cycle.ends}`;
      const parityOk = cycle.endYears === 'even' ? y % 2 === 0 : cycle.endYears === 'odd' ? y % 2 === 1 : cycle.months <= 12;
      if (parityOk && candidate >= asOf) return candidate;
    }
    return undefined;
  }
  if (cycle.anchor === 'anniversary' && issued) {
    // The first anniversary, one cycle after another, that falls on or after the day of the check.
    for (let k = 1; k < 200; k++) {
      const end = addDays(addMonths(issued, k * cycle.months), -1);
      if (end >= asOf) return end;
    }
  }
  return undefined;
}

/** The period running on `asOf`; undefined when neither the record nor the cycle says when it ends. */
export function renewalPeriod(cycle: CeRules['cycle'], asOf: string, license: { issued?: string; periodEnds?: string }): RenewalPeriod | undefined {
  const ends = license.periodEnds ?? cycleEnd(cycle, asOf, license.issued);
  if (!ends) return undefined;
  const starts = addDays(addMonths(ends, -cycle.months), 1);
  const countsFrom = cycle.lookBackMonths ? addDays(addMonths(ends, -cycle.lookBackMonths), 1) : starts;
  return { starts, countsFrom, ends, daysLeft: daysBetween(asOf, ends), endFrom: license.periodEnds ? 'record' : 'cycle' };
}
