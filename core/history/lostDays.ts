import { RETENTION_DAYS } from '../dates/dayRange';

/**
 * Finished days after the cursor that WeCom no longer keeps. Hosts raise it after moving
 * the cursor past them, so each lost day is reported once and never skipped silently.
 */
export class LostDaysError extends Error {
  readonly days: string[];

  constructor(days: string[]) {
    super(`WeCom no longer keeps ${describeDays(days)}: it keeps only the last ${RETENTION_DAYS} days, so ${days.length === 1 ? 'this day was' : 'these days were'} never delivered. The history goes on from the next day.`);
    this.name = 'LostDaysError';
    this.days = days;
  }
}

/** "2026-05-01" or "2026-05-01 to 2026-05-03 (3 days)" for consecutive days, oldest first. */
export function describeDays(days: string[]): string {
  if (days.length <= 1) return days[0] ?? 'no day';
  return `${days[0]} to ${days[days.length - 1]} (${days.length} days)`;
}
