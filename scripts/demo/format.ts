/** Text for the report: escaped, with thousands separators or rounded, and China time in words. */
import { calendarParts, dayOfEpochMillis, dayStartSeconds } from '../../core/dates/chinaDay';

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** 1552421 -> "1,552,421". */
export const fullNumber = (value: number): string => value.toLocaleString('en-US');

const COMPACT = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** 1500000 -> "1.5M", 25000 -> "25K", 50 -> "50": for axis ticks. */
export const roundedNumber = (value: number): string => COMPACT.format(value);

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** The instant as a manager reads it: "2 December 2026, 17:30 China time (UTC+8)", whatever the server's zone. */
export function chinaTimeInWords(at: Date): string {
  const day = dayOfEpochMillis(at.getTime());
  const { year, month, dayOfMonth } = calendarParts(day);
  const minutes = Math.floor((at.getTime() / 1000 - dayStartSeconds(day)) / 60);
  const clock = [Math.floor(minutes / 60), minutes % 60].map((n) => String(n).padStart(2, '0')).join(':');
  return `${LONG_DATE.format(Date.UTC(year, month - 1, dayOfMonth))}, ${clock} China time (UTC+8)`;
}
