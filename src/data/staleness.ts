/**
 * Rule data goes stale: boards change rules. A rule set not checked against its sources within this many
 * months is flagged wherever it is shown, so nobody mistakes an old reading for today's rule.
 */
export const STALE_AFTER_MONTHS = 12;

/** True when `lastVerified` (YYYY-MM-DD) is more than STALE_AFTER_MONTHS before `today`. */
export function isStale(lastVerified: string, today: Date = new Date()): boolean {
  const limit = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - STALE_AFTER_MONTHS, today.getUTCDate()));
  return new Date(`${lastVerified}T00:00:00Z`) < limit;
}

/** Today's date as written, and the moment it stops being today. */
let today = { day: '', until: -Infinity };

/** A date as YYYY-MM-DD (UTC): how dates are written in rule data, checklists and reports. Today's by default. */
export function isoDay(date?: Date): string {
  if (date) return date.toISOString().slice(0, 10);
  // Every answer cites today's staleness (a comparison, 51 times): today's date is written once a day.
  const now = Date.now();
  if (now >= today.until) {
    const day = new Date(now).toISOString().slice(0, 10);
    today = { day, until: Date.parse(`${day}T00:00:00Z`) + 86_400_000 };
  }
  return today.day;
}
