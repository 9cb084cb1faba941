/**
 * When a waiver or an attestation stops applying. Both are evaluated against the evaluation time
 * (`run.evaluatedAt`, UTC), never against the clock of whoever reads the pack.
 */

/** Waivers and attestations ending within this many days of the evaluation are listed as expiring soon. */
export const EXPIRING_SOON_DAYS = 30;

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * End of validity in ms since the epoch: a date-only expiry (`2027-03-31`) lasts to the end of that
 * day in UTC (23:59:59.999Z), whatever the time zone of the host; a date-time is taken as written.
 * NaN when the text is no date.
 */
export function expiryTime(expires: string): number {
  if (DATE_ONLY.test(expires)) return Date.parse(`${expires}T23:59:59.999Z`);
  return Date.parse(expires);
}

/** Expired at `now` (ISO): the first millisecond after the end of validity; an unreadable expiry counts as expired. */
export function isExpired(x: { expires: string }, now: string): boolean {
  const t = expiryTime(x.expires);
  return Number.isNaN(t) || t < Date.parse(now);
}

/** The end of validity as an ISO instant (UTC), or null when the expiry is no date. */
export function validUntil(expires: string): string | null {
  const t = expiryTime(expires);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** Whole days left at `now` (0 on the last day, negative once expired). */
export function daysLeft(expires: string, now: string): number {
  const t = expiryTime(expires);
  if (Number.isNaN(t)) return -1;
  return Math.floor((t - Date.parse(now)) / DAY_MS);
}

/** Still valid at `now` and ending within EXPIRING_SOON_DAYS of it. */
export function expiresSoon(expires: string, now: string): boolean {
  const t = expiryTime(expires);
  const n = Date.parse(now);
  return !Number.isNaN(t) && t >= n && t - n <= EXPIRING_SOON_DAYS * DAY_MS;
}

/**
 * The default expiry of an attestation: one year after it was made, in the same form (a date for a
 * date, an ISO instant for a date-time). 29 February is followed by 28 February.
 */
export function oneYearAfter(at: string): string {
  const dateOnly = DATE_ONLY.test(at);
  const d = new Date(dateOnly ? `${at}T00:00:00.000Z` : at);
  const month = d.getUTCMonth();
  d.setUTCFullYear(d.getUTCFullYear() + 1);
  if (d.getUTCMonth() !== month) d.setUTCDate(0); // rolled over into March: last day of February
  return dateOnly ? d.toISOString().slice(0, 10) : d.toISOString();
}
