/**
 * Property-based tests of the China-time dates, checked against Intl's Asia/Shanghai
 * calendar and plain calendar arithmetic rather than against the core's own helpers.
 */
import fc from 'fast-check';
import { dayOfEpochMillis, dayStartSeconds, formatDay, parseDay, type ChinaDay } from '../../core/dates/chinaDay';
import { resolveDateRange, RETENTION_DAYS } from '../../core/dates/dayRange';
import { parseDateInput } from '../../core/dates/parseDate';
import { DATE_PRESETS } from '../../core/dates/presets';
import { InvalidInputError } from '../../core/errors/WeComError';
import { inShanghai } from '../support/shanghaiClock';

const DAY_MS = 86_400_000;
// China has kept UTC+8 without daylight saving since 1992 (it had DST in 1986-1991), so
// Intl's Asia/Shanghai is a valid oracle from then on; the checks look up to 180 days back,
// so the clock starts a year later (a 1992-01-12 clock met 1991's DST).
const FIRST_MS = Date.UTC(1993, 0, 1);
const LAST_MS = Date.UTC(2099, 11, 31);
const day = fc.integer({ min: FIRST_MS / DAY_MS, max: LAST_MS / DAY_MS });
const instant = fc.integer({ min: FIRST_MS, max: LAST_MS });

const pad = (value: number, width: number): string => String(value).padStart(width, '0');
const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysInMonth = (year: number, month: number): number =>
  [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];

/** The error `fn` throws, which must be an InvalidInputError. */
function rejection(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidInputError) return error;
    throw error;
  }
  throw new Error('expected an InvalidInputError, nothing was thrown');
}

describe('China days (fast-check)', () => {
  it('formatting a day and parsing it back gives the same day', () => {
    fc.assert(
      fc.property(day, (d) => {
        const text = formatDay(d);
        expect(text).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(parseDay(text)).toBe(d);
        expect(parseDateInput(text, 'from')).toBe(d);
      }),
      { numRuns: 1000 },
    );
  });

  it('YYYY-MM-DD text parses exactly when the date exists, and formats back to the same text', () => {
    const parts = fc.record({ year: fc.integer({ min: 1992, max: 2099 }), month: fc.integer({ min: 1, max: 12 }), dom: fc.integer({ min: 1, max: 31 }) });
    fc.assert(
      fc.property(parts, ({ year, month, dom }) => {
        const text = `${year}-${pad(month, 2)}-${pad(dom, 2)}`;
        const parsed = parseDay(text);
        if (dom > daysInMonth(year, month)) {
          expect(parsed).toBeUndefined();
          expect(rejection(() => parseDateInput(text, 'to')).field).toBe('to');
          return;
        }
        expect(parsed).toBeDefined();
        expect(formatDay(parsed as ChinaDay)).toBe(text);
        // The compact form names the same day.
        expect(parseDateInput(text.replace(/-/g, ''), 'from')).toBe(parsed);
      }),
      { numRuns: 1000 },
    );
  });

  it("a day's start is midnight in China (UTC+8), and the second before it is the previous China day", () => {
    fc.assert(
      fc.property(day, (d) => {
        const start = dayStartSeconds(d) * 1000;
        expect(inShanghai(start)).toEqual({ date: formatDay(d), time: '00:00:00' });
        expect(inShanghai(start - 1000)).toEqual({ date: formatDay(d - 1), time: '23:59:59' });
        expect(dayStartSeconds(d + 1) - dayStartSeconds(d)).toBe(86_400);
      }),
      { numRuns: 1000 },
    );
  });

  it('any instant falls on its Shanghai calendar day, however it is written', () => {
    // Epoch seconds from 2001 on have 10 digits: never mistaken for a compact YYYYMMDD.
    const laterInstant = fc.integer({ min: 1_000_000_000_000, max: LAST_MS });
    fc.assert(
      fc.property(laterInstant, (millis) => {
        const expected = inShanghai(millis).date;
        const seconds = Math.floor(millis / 1000);
        expect(formatDay(dayOfEpochMillis(millis))).toBe(expected);
        for (const written of [new Date(millis), millis, seconds, String(seconds), new Date(millis).toISOString()]) {
          expect(formatDay(parseDateInput(written, 'from'))).toBe(expected);
        }
        // The same instant as Shanghai wall-clock time with its offset, and without one.
        const { date, time } = inShanghai(millis);
        expect(formatDay(parseDateInput(`${date}T${time}+08:00`, 'from'))).toBe(expected);
        expect(formatDay(parseDateInput(`${date} ${time}`, 'from'))).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});

describe('date ranges against the clock (fast-check)', () => {
  /** Today and yesterday in China by the oracle, and WeCom's oldest kept day. */
  function limits(now: number): { yesterday: string; oldest: string } {
    return { yesterday: inShanghai(now - DAY_MS).date, oldest: inShanghai(now - RETENTION_DAYS * DAY_MS).date };
  }

  it('every preset ends no later than yesterday and starts no earlier than 180 days ago, clamped or not', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...DATE_PRESETS), fc.boolean(), (now, preset, clamp) => {
        const today = inShanghai(now).date;
        const weekday = new Date(`${today}T00:00:00Z`).getUTCDay();
        const firstOfMonth = today.endsWith('-01');
        if ((preset === 'thisWeek' && weekday === 1) || (preset === 'thisMonth' && firstOfMonth)) {
          // Nothing of this week or month has ended yet.
          expect(rejection(() => resolveDateRange({ preset, clamp }, () => now)).field).toBe('preset');
          return;
        }
        const range = resolveDateRange({ preset, clamp }, () => now);
        const { yesterday, oldest } = limits(now);
        expect(range.from).toBeLessThanOrEqual(range.to);
        expect(formatDay(range.to) <= yesterday).toBe(true);
        expect(formatDay(range.from) >= oldest).toBe(true);
        expect(resolveDateRange({ preset, clamp: !clamp }, () => now)).toEqual(range);
      }),
      { numRuns: 1000 },
    );
  });

  it('presets have their calendar shape', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const yesterday = parseDay(limits(now).yesterday) as ChinaDay;
        const resolve = (preset: string) => resolveDateRange({ preset }, () => now);
        for (const [preset, days] of [['yesterday', 1], ['last7Days', 7], ['last30Days', 30], ['last90Days', 90], ['last180Days', 180]] as const) {
          expect(resolve(preset)).toEqual({ from: yesterday - days + 1, to: yesterday });
        }
        const lastWeek = resolve('lastWeek');
        // Monday to Sunday, the latest whole week before today.
        expect(new Date(formatDay(lastWeek.from)).getUTCDay()).toBe(1);
        expect(lastWeek.to - lastWeek.from).toBe(6);
        expect(yesterday - lastWeek.to).toBeGreaterThanOrEqual(0);
        expect(yesterday - lastWeek.to).toBeLessThanOrEqual(6);
        const lastMonth = resolve('lastMonth');
        expect(formatDay(lastMonth.from).endsWith('-01')).toBe(true);
        // It ends the day before this month's 1st.
        expect(formatDay(lastMonth.to + 1)).toBe(`${inShanghai(now).date.slice(0, 7)}-01`);
        expect(formatDay(lastMonth.from).slice(0, 7)).toBe(formatDay(lastMonth.to).slice(0, 7));
      }),
      { numRuns: 500 },
    );
  });

  const someDay = fc.integer({ min: -400, max: 40 }); // relative to today

  it('with clamp, From/To shrink to the kept days: never before 180 days ago, never after yesterday', () => {
    fc.assert(
      fc.property(instant, someDay, someDay, (now, a, b) => {
        const today = parseDay(inShanghai(now).date) as ChinaDay;
        const [from, to] = [today + Math.min(a, b), today + Math.max(a, b)];
        const kept = { from: Math.max(from, today - RETENTION_DAYS), to: Math.min(to, today - 1) };
        const input = { from: formatDay(from), to: formatDay(to), clamp: true };
        if (kept.from > kept.to) {
          expect(rejection(() => resolveDateRange(input, () => now)).field).toBe('dates');
          return;
        }
        const range = resolveDateRange(input, () => now);
        expect(range).toEqual(kept);
        const { yesterday, oldest } = limits(now);
        expect(formatDay(range.from) >= oldest && formatDay(range.to) <= yesterday).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('without clamp, From/To come back unchanged or are refused naming the field and the limit day', () => {
    fc.assert(
      fc.property(instant, someDay, someDay, (now, a, b) => {
        const today = parseDay(inShanghai(now).date) as ChinaDay;
        const [from, to] = [today + a, today + b];
        const input = { from: formatDay(from), to: formatDay(to) };
        const { yesterday, oldest } = limits(now);
        if (from > to) {
          expect(rejection(() => resolveDateRange(input, () => now)).field).toBe('from');
        } else if (to >= today) {
          // From itself too late is named first; else To.
          const error = rejection(() => resolveDateRange(input, () => now));
          expect(error.field).toBe(from >= today ? 'from' : 'to');
          expect(error.allowed).toContain(yesterday);
        } else if (from < today - RETENTION_DAYS) {
          const error = rejection(() => resolveDateRange(input, () => now));
          expect(error.field).toBe('from');
          expect(error.allowed).toContain(oldest);
        } else {
          expect(resolveDateRange(input, () => now)).toEqual({ from, to });
        }
      }),
      { numRuns: 2000 },
    );
  });
});
