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

/** A date as YYYY-MM-DD (UTC): how dates are written in rule data, checklists and reports. */
export const isoDay = (date: Date = new Date()) => date.toISOString().slice(0, 10);
