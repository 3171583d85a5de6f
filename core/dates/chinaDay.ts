/**
 * Calendar days in China time (UTC+8, no daylight saving), whatever the server's zone.
 * A day is an integer: days since 1970-01-01 in China time. Integer days make range
 * arithmetic exact and keep the host's time zone out of every calculation.
 */
export type ChinaDay = number;

/** A run of days, both ends included. */
export interface DayRange {
  from: ChinaDay;
  to: ChinaDay;
}

const SECONDS_PER_DAY = 86_400;
const CHINA_OFFSET_SECONDS = 8 * 3_600;

/** The China calendar day that contains this instant (epoch seconds). */
export function dayOfEpochSeconds(epochSeconds: number): ChinaDay {
  return Math.floor((epochSeconds + CHINA_OFFSET_SECONDS) / SECONDS_PER_DAY);
}

/** The China calendar day that contains this instant (epoch milliseconds). */
export function dayOfEpochMillis(epochMillis: number): ChinaDay {
  return dayOfEpochSeconds(Math.floor(epochMillis / 1000));
}

/** That day's 00:00 in China time, as epoch seconds: what WeCom expects. */
export function dayStartSeconds(day: ChinaDay): number {
  return day * SECONDS_PER_DAY - CHINA_OFFSET_SECONDS;
}

/** YYYY-MM-DD of the day. */
export function formatDay(day: ChinaDay): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

/** The day numbered by a calendar date; undefined when the date does not exist. */
export function dayOfCalendarDate(year: number, month: number, dayOfMonth: number): ChinaDay | undefined {
  const millis = Date.UTC(year, month - 1, dayOfMonth);
  const date = new Date(millis);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== dayOfMonth) {
    return undefined;
  }
  return millis / (SECONDS_PER_DAY * 1000);
}

/** Parses exactly YYYY-MM-DD; undefined for anything else or an impossible date. */
export function parseDay(text: string): ChinaDay | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  return dayOfCalendarDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** Year, month (1-12), day of month and weekday (1 = Monday .. 7 = Sunday) of a day. */
export function calendarParts(day: ChinaDay): { year: number; month: number; dayOfMonth: number; weekday: number } {
  const date = new Date(day * SECONDS_PER_DAY * 1000);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    dayOfMonth: date.getUTCDate(),
    weekday: ((date.getUTCDay() + 6) % 7) + 1,
  };
}

/** Today in China time, by the given clock. */
export function todayInChina(now: () => number = Date.now): ChinaDay {
  return dayOfEpochMillis(now());
}
