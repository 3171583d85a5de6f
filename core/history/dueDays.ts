/**
 * The history rule: which finished China days a scheduled run must deliver now, given the
 * last day delivered. Pure: no host, no I/O; the clock is passed in.
 */
import { dayOfEpochMillis, formatDay, parseDay, type ChinaDay } from '../dates/chinaDay';
import { RETENTION_DAYS } from '../dates/dayRange';
import { describeValue } from '../errors/describeValue';
import { InvalidInputError } from '../errors/WeComError';

/** Where a history starts when no day was delivered yet. */
export type HistoryStart =
  | { from: 'now' } // only days from now on: the first due day is yesterday (once ready)
  | { from: 'backfill'; days: number } // the last N finished days (1..180), yesterday included once ready
  | { from: 'date'; date: string }; // from this China date (YYYY-MM-DD) on

export interface HistorySettings {
  start: HistoryStart;
  /** China time of day "HH:MM" after which yesterday is due; default DEFAULT_READY_TIME. */
  readyTime?: string;
}

/**
 * WeCom builds a day's statistics overnight and publishes no time for it; by 09:00 China
 * time the previous day is complete, with hours to spare before anyone reads a report.
 */
export const DEFAULT_READY_TIME = '09:00';

export const MAX_BACKFILL_DAYS = RETENTION_DAYS;

export interface DueDays {
  /** China dates (YYYY-MM-DD) to fetch now, oldest first, every one within WeCom's 180 days. */
  due: string[];
  /** Finished days after the cursor that WeCom no longer keeps: never fetched, always reported. */
  lost: string[];
  /** The first day this history covers: the day after the cursor, or where Start puts it on a first run. */
  from: string;
}

const DAY_MS = 86_400_000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * cursor: the last China date delivered (YYYY-MM-DD), or undefined on the first run.
 * Throws InvalidInputError, naming the field, for bad settings.
 */
export function dueDays(cursor: string | undefined, settings: HistorySettings, now: () => number = Date.now): DueDays {
  const readyMinutes = readyTimeMinutes(settings.readyTime);
  const start = checkStart(settings.start);
  const after = cursor === undefined ? undefined : cursorDay(cursor);
  const millis = now();
  const today = dayOfEpochMillis(millis);
  const ready = lastReady(readyMinutes, millis);
  const oldestKept = today - RETENTION_DAYS;
  const first = after === undefined ? startDay(start, today) : after + 1;
  return {
    lost: days(first, Math.min(ready, oldestKept - 1)),
    due: days(Math.max(first, oldestKept), ready),
    from: formatDay(first),
  };
}

/** Yesterday from the ready time of day (China time) on, the day before until then. */
function lastReady(readyMinutes: number, millis: number): ChinaDay {
  const minuteOfDay = Math.floor((((millis + CHINA_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS / 60_000);
  const today = dayOfEpochMillis(millis);
  return minuteOfDay >= readyMinutes ? today - 1 : today - 2;
}

/** The newest day that is finished and ready (what a test run shows), YYYY-MM-DD. */
export function lastReadyDay(readyTime?: string, now: () => number = Date.now): string {
  return formatDay(lastReady(readyTimeMinutes(readyTime), now()));
}

/**
 * The cursor after a run that fetched `fetchedInFull` (a prefix of `result.due`): the last of
 * them; else past the lost days (the caller reports them); else the old cursor; on a first
 * run, the day before Start's first day, so Start is fixed by the first run even when nothing
 * was ready yet (else "from now on" would move on and skip the day that ends meanwhile).
 */
export function advanceCursor(cursor: string | undefined, result: DueDays, fetchedInFull: string[]): string | undefined {
  fetchedInFull.forEach((day, index) => {
    if (result.due[index] !== day) throw new Error(`advanceCursor: ${day} is not the next due day`);
  });
  return fetchedInFull.at(-1) ?? result.lost.at(-1) ?? cursor ?? formatDay((parseDay(result.from) as ChinaDay) - 1);
}

function startDay(start: HistoryStart, today: ChinaDay): ChinaDay {
  if (start.from === 'now') return today - 1;
  if (start.from === 'backfill') return today - start.days;
  return parseDay(start.date) as ChinaDay;
}

function checkStart(start: unknown): HistoryStart {
  const from = (start as { from?: unknown } | undefined)?.from;
  if (from === 'now') return { from };
  if (from === 'backfill') {
    const count = (start as { days?: unknown }).days;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_BACKFILL_DAYS) {
      throw new InvalidInputError('backfillDays', `${describeValue(count)} is not a whole number of days from 1 to ${MAX_BACKFILL_DAYS}`, `1 to ${MAX_BACKFILL_DAYS} (WeCom keeps ${RETENTION_DAYS} days)`);
    }
    return { from, days: count };
  }
  if (from === 'date') {
    const date = (start as { date?: unknown }).date;
    if (typeof date !== 'string' || parseDay(date) === undefined) {
      throw new InvalidInputError('startDate', `${describeValue(date)} is not a date`, 'a China date YYYY-MM-DD, e.g. 2026-11-01');
    }
    return { from, date };
  }
  throw new InvalidInputError('start', `${describeValue(from)} is not a start`, 'now (only days from now on), backfill (the last N days), date (from a given date)');
}

function readyTimeMinutes(text: unknown): number {
  if (text === undefined || text === null || text === '') return readyTimeMinutes(DEFAULT_READY_TIME);
  const match = typeof text === 'string' ? /^(\d{1,2}):(\d{2})$/.exec(text.trim()) : null;
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    throw new InvalidInputError('readyTime', `${describeValue(text)} is not a time of day`, `HH:MM in China time, 00:00 to 23:59 (default ${DEFAULT_READY_TIME})`);
  }
  return minutes;
}

function cursorDay(cursor: string): ChinaDay {
  const day = parseDay(cursor);
  if (day === undefined) {
    throw new InvalidInputError('cursor', `the stored last day delivered, ${describeValue(cursor)}, is not a date`, 'a China date YYYY-MM-DD; reset the history to start over');
  }
  return day;
}

function days(from: ChinaDay, to: ChinaDay): string[] {
  const list: string[] = [];
  for (let day = from; day <= to; day++) list.push(formatDay(day));
  return list;
}
