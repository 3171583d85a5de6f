import { describeValue } from '../errors/describeValue';
import type { InputField } from '../errors/inputFields';
import { InvalidInputError } from '../errors/WeComError';
import { dayOfCalendarDate, dayOfEpochMillis, parseDay, type ChinaDay } from './chinaDay';

export const DATE_FORMATS_ALLOWED =
  'YYYY-MM-DD (or YYYYMMDD), an ISO date-time (with or without offset), epoch seconds or milliseconds, or a Date';

// Below this a number is epoch seconds (until the year 5138), above it milliseconds.
const MILLIS_THRESHOLD = 1e11;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * The China calendar day a user meant. YYYY-MM-DD and date-times without an offset are
 * read as China dates; instants (offsets, epochs, Date objects) fall on the China day
 * that contains them.
 */
export function parseDateInput(value: unknown, field: InputField): ChinaDay {
  const day = toDay(value);
  if (day === undefined) {
    throw new InvalidInputError(field, `${describeValue(value)} is not a date`, DATE_FORMATS_ALLOWED);
  }
  return day;
}

function toDay(value: unknown): ChinaDay | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : dayOfEpochMillis(value.getTime());
  if (typeof value === 'number') return fromEpoch(value);
  if (typeof value === 'string') return fromText(value.trim());
  if (hasToMillis(value)) return fromEpoch(value.toMillis()); // Luxon DateTime from n8n expressions
  return undefined;
}

// Eight digits are a compact date: as epoch seconds they would be 1970, long gone from WeCom.
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

function fromEpoch(value: number): ChinaDay | undefined {
  if (!Number.isFinite(value) || value <= 0) return undefined;
  const compact = COMPACT_DATE.exec(String(value));
  if (compact) return dayOfCalendarDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  return dayOfEpochMillis(value < MILLIS_THRESHOLD ? value * 1000 : value);
}

function fromText(text: string): ChinaDay | undefined {
  if (/^\d+$/.test(text)) return fromEpoch(Number(text));
  const day = parseDay(text);
  if (day !== undefined) return day;
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return undefined;
  const [, year, month, dayOfMonth, hour, minute, second = '0', offset] = match;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const calendarDay = dayOfCalendarDate(Number(year), Number(month), Number(dayOfMonth));
  if (calendarDay === undefined) return undefined;
  if (!offset) return calendarDay;
  const millis = Date.parse(text.replace(' ', 'T'));
  return Number.isNaN(millis) ? undefined : dayOfEpochMillis(millis);
}

function hasToMillis(value: unknown): value is { toMillis(): number } {
  return typeof value === 'object' && value !== null && typeof (value as { toMillis?: unknown }).toMillis === 'function';
}
