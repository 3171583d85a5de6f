/** The report's tick maths and wording, checked against plain arithmetic and Intl's Asia/Shanghai clock. */
import fc from 'fast-check';
import { mondays, niceTicks } from '../../scripts/demo/axes';
import { chinaTimeInWords, roundedNumber } from '../../scripts/demo/format';
import { inShanghai } from '../support/shanghaiClock';

const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

describe('niceTicks', () => {
  it('steps in round numbers from zero to just above the data', () => {
    expect(niceTicks(16)).toEqual([0, 5, 10, 15, 20]);
    expect(niceTicks(130)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(237_229)).toEqual([0, 50_000, 100_000, 150_000, 200_000, 250_000]);
    expect(niceTicks(1_552_421)).toEqual([0, 500_000, 1_000_000, 1_500_000, 2_000_000]);
  });

  it('keeps whole steps for small counts, and an axis for all zeros', () => {
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('gives 4 to 6 evenly spaced ticks of 1, 2 or 5 x 10^n from 0 past the maximum, for any maximum from 10 up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 2_000_000_000 }), (max) => {
        const ticks = niceTicks(max);
        const step = ticks[1];
        expect(ticks.length).toBeGreaterThanOrEqual(4);
        expect(ticks.length).toBeLessThanOrEqual(6);
        expect(ticks[0]).toBe(0);
        expect(ticks.every((tick, i) => tick === i * step)).toBe(true);
        // The top tick is the first one at or above the data: the line never leaves the axis.
        expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
        expect(ticks.at(-2)).toBeLessThan(max);
        // Whole steps from 10 up: the step's digits without its trailing zeros.
        expect(['1', '2', '5']).toContain(String(step).replace(/0+$/, ''));
      }),
    );
  });
});

describe('mondays', () => {
  it('finds each Monday among the dates', () => {
    // 2026-09-04 is a Friday.
    expect(mondays(['2026-09-04', '2026-09-05', '2026-09-06', '2026-09-07', '2026-09-08'])).toEqual([3]);
  });

  it('marks exactly the days the calendar calls Monday, one a week, in any run of days', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1) / DAY_MS, max: Date.UTC(2099, 0, 1) / DAY_MS }), fc.integer({ min: 1, max: 180 }), (first, length) => {
        const dates = Array.from({ length }, (_, i) => new Date((first + i) * DAY_MS).toISOString().slice(0, 10));
        const expected = dates.flatMap((date, i) => (new Date(`${date}T12:00:00Z`).getUTCDay() === 1 ? [i] : []));
        expect(mondays(dates)).toEqual(expected);
      }),
    );
  });
});

describe('roundedNumber', () => {
  it('rounds the axis labels of large figures', () => {
    expect([0, 50, 2_500, 25_000, 1_500_000, 2_000_000].map(roundedNumber)).toEqual(['0', '50', '2.5K', '25K', '1.5M', '2M']);
  });
});

describe('chinaTimeInWords', () => {
  it('says the China date and time in words', () => {
    expect(chinaTimeInWords(new Date('2026-12-02T09:30:00Z'))).toBe('2 December 2026, 17:30 China time (UTC+8)');
    // Past 16:00 UTC it is already the next day (and here the next year) in China.
    expect(chinaTimeInWords(new Date('2026-12-31T16:05:59Z'))).toBe('1 January 2027, 00:05 China time (UTC+8)');
  });

  it('agrees with the Asia/Shanghai clock at any instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1993, 0, 1), max: Date.UTC(2099, 11, 31) }), (millis) => {
        const { date, time } = inShanghai(millis);
        const [year, month, day] = date.split('-').map(Number);
        expect(chinaTimeInWords(new Date(millis))).toBe(`${day} ${MONTHS[month - 1]} ${year}, ${time.slice(0, 5)} China time (UTC+8)`);
      }),
    );
  });
});
