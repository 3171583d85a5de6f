import type { DayRange } from '../../core/dates/chinaDay';
import { MAX_OWNERS_PER_CALL, splitIntoBatches } from '../../core/plan/batches';
import { buildPlan } from '../../core/plan/planner';
import { MAX_WINDOW_DAYS, splitIntoWindows } from '../../core/plan/windows';
import type { ValidQuery } from '../../core/query/query';

/** Day number of a YYYY-MM-DD, computed independently of core. */
const dayNo = (ymd: string): number => Date.parse(`${ymd}T00:00:00Z`) / 86_400_000;
const owners = (n: number): string[] => Array.from({ length: n }, (_, i) => `u${i + 1}`);
const sizes = <T>(batches: T[][]): number[] => batches.map((batch) => batch.length);

/** Checks that windows cover [from, to] exactly once, contiguously, each 1..30 days. */
function expectExactCover(range: DayRange, windows: DayRange[], maxDays = 30): void {
  const length = range.to - range.from + 1;
  expect(windows.length).toBe(Math.ceil(length / maxDays));
  expect(windows[0].from).toBe(range.from);
  expect(windows[windows.length - 1].to).toBe(range.to);
  let next = range.from;
  for (const [i, window] of windows.entries()) {
    expect(window.from).toBe(next);
    expect(window.to).toBeGreaterThanOrEqual(window.from);
    const days = window.to - window.from + 1;
    expect(days).toBeLessThanOrEqual(maxDays);
    // Every window but the last is full.
    if (i < windows.length - 1) expect(days).toBe(maxDays);
    next = window.to + 1;
  }
  expect(next).toBe(range.to + 1);
}

describe('splitIntoWindows', () => {
  test('constants', () => {
    expect(MAX_WINDOW_DAYS).toBe(30);
    expect(MAX_OWNERS_PER_CALL).toBe(100);
  });

  test('1 day -> 1 window', () => {
    expect(splitIntoWindows({ from: 500, to: 500 })).toEqual([{ from: 500, to: 500 }]);
  });

  test('30 days -> 1 window', () => {
    expect(splitIntoWindows({ from: 0, to: 29 })).toEqual([{ from: 0, to: 29 }]);
  });

  test('31 days -> 2 windows', () => {
    expect(splitIntoWindows({ from: 0, to: 30 })).toEqual([
      { from: 0, to: 29 },
      { from: 30, to: 30 },
    ]);
  });

  test('60 days -> 2 windows, 61 days -> 3 windows', () => {
    expect(splitIntoWindows({ from: 10, to: 69 })).toEqual([
      { from: 10, to: 39 },
      { from: 40, to: 69 },
    ]);
    expect(splitIntoWindows({ from: 10, to: 70 })).toEqual([
      { from: 10, to: 39 },
      { from: 40, to: 69 },
      { from: 70, to: 70 },
    ]);
  });

  test('180 days -> 6 windows of 30 days (2026-05-29 .. 2026-11-24)', () => {
    const windows = splitIntoWindows({ from: dayNo('2026-05-29'), to: dayNo('2026-11-24') });
    expect(windows).toEqual([
      { from: dayNo('2026-05-29'), to: dayNo('2026-06-27') },
      { from: dayNo('2026-06-28'), to: dayNo('2026-07-27') },
      { from: dayNo('2026-07-28'), to: dayNo('2026-08-26') },
      { from: dayNo('2026-08-27'), to: dayNo('2026-09-25') },
      { from: dayNo('2026-09-26'), to: dayNo('2026-10-25') },
      { from: dayNo('2026-10-26'), to: dayNo('2026-11-24') },
    ]);
  });

  test('a custom maximum', () => {
    expect(splitIntoWindows({ from: 0, to: 9 }, 4)).toEqual([
      { from: 0, to: 3 },
      { from: 4, to: 7 },
      { from: 8, to: 9 },
    ]);
    expect(splitIntoWindows({ from: 0, to: 2 }, 1)).toEqual([
      { from: 0, to: 0 },
      { from: 1, to: 1 },
      { from: 2, to: 2 },
    ]);
  });

  test('an empty range (from after to) has no window', () => {
    expect(splitIntoWindows({ from: 10, to: 9 })).toEqual([]);
  });

  test('exhaustive: every length 1..180 from several start days covers exactly once', () => {
    for (const start of [0, 1, dayNo('2026-05-29'), dayNo('2028-02-01')]) {
      for (let length = 1; length <= 180; length++) {
        const range = { from: start, to: start + length - 1 };
        expectExactCover(range, splitIntoWindows(range));
      }
    }
  });
});

describe('splitIntoBatches', () => {
  test('250 -> [84, 83, 83]', () => {
    const items = owners(250);
    const batches = splitIntoBatches(items);
    expect(sizes(batches)).toEqual([84, 83, 83]);
    expect(batches[0][0]).toBe('u1');
    expect(batches[0][83]).toBe('u84');
    expect(batches[1][0]).toBe('u85');
    expect(batches[2][0]).toBe('u168');
    expect(batches[2][82]).toBe('u250');
  });

  test('100 -> one batch, 101 -> [51, 50], 200 -> [100, 100], 201 -> [67, 67, 67]', () => {
    expect(sizes(splitIntoBatches(owners(100)))).toEqual([100]);
    expect(sizes(splitIntoBatches(owners(101)))).toEqual([51, 50]);
    expect(sizes(splitIntoBatches(owners(200)))).toEqual([100, 100]);
    expect(sizes(splitIntoBatches(owners(201)))).toEqual([67, 67, 67]);
    expect(splitIntoBatches(['only'])).toEqual([['only']]);
  });

  test('5000 -> 50 batches of 100', () => {
    const batches = splitIntoBatches(owners(5000));
    expect(batches).toHaveLength(50);
    expect(batches.every((batch) => batch.length === 100)).toBe(true);
    expect(batches[49][99]).toBe('u5000');
  });

  test('no items -> no batch', () => {
    expect(splitIntoBatches([])).toEqual([]);
  });

  test('order preserved, every item exactly once', () => {
    expect(splitIntoBatches(['e', 'd', 'c', 'b', 'a'], 2)).toEqual([['e', 'd'], ['c', 'b'], ['a']]);
    expect(splitIntoBatches([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 3)).toEqual([[1, 2, 3], [4, 5, 6], [7, 8], [9, 10]]);
  });

  test('does not modify its input', () => {
    const items = owners(150);
    const copy = [...items];
    splitIntoBatches(items);
    expect(items).toEqual(copy);
  });

  test('exhaustive: every owner count 1..1000 is balanced, bounded and complete', () => {
    for (let n = 1; n <= 1000; n++) {
      const items = owners(n);
      const batches = splitIntoBatches(items);
      const counts = sizes(batches);
      expect(batches.length).toBe(Math.ceil(n / 100));
      expect(Math.max(...counts)).toBeLessThanOrEqual(100);
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(1);
      // As even as possible: sizes differ by at most one, larger first.
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeLessThanOrEqual(counts[i - 1]);
      // Concatenated, the batches are the input in order: each item once.
      expect(batches.flat()).toEqual(items);
    }
  });
});

describe('buildPlan', () => {
  const query = (range: DayRange, extra: Partial<ValidQuery> = {}): ValidQuery => ({
    mode: 'byOwner',
    range,
    owners: 'allWithCustomerContact',
    orderBy: 'newChatCount',
    ascending: false,
    ownerRecords: 'combined',
    ...extra,
  });
  const last180 = { from: dayNo('2026-05-29'), to: dayNo('2026-11-24') };

  test('180 days x 250 owners = 6 windows x 3 batches = 18 calls', () => {
    const plan = buildPlan(query(last180, { orderBy: 'chatTotal', ascending: true, limit: 10 }), owners(250));
    expect(plan.mode).toBe('byOwner');
    expect(plan.range).toEqual(last180);
    expect(plan.windows).toHaveLength(6);
    expect(plan.windows[0]).toEqual({ from: dayNo('2026-05-29'), to: dayNo('2026-06-27') });
    expect(sizes(plan.batches)).toEqual([84, 83, 83]);
    expect(plan.ownerCount).toBe(250);
    expect(plan.orderBy).toBe('chatTotal');
    expect(plan.ascending).toBe(true);
    expect(plan.limit).toBe(10);
    expect(plan.ownerRecords).toBe('combined');
    expect(plan.pageSize).toBe(1000);
    expect(plan.requestCount).toBe(18);
  });

  test('pageSize = min(1000, limit ?? 1000)', () => {
    const range = { from: 100, to: 100 };
    expect(buildPlan(query(range), owners(5)).pageSize).toBe(1000);
    expect(buildPlan(query(range, { limit: 1 }), owners(5)).pageSize).toBe(1000);
    expect(buildPlan(query(range, { limit: 999 }), owners(5)).pageSize).toBe(1000);
    expect(buildPlan(query(range, { limit: 1000 }), owners(5)).pageSize).toBe(1000);
    expect(buildPlan(query(range), owners(5)).limit).toBeUndefined();
  });

  test('by day, 1 day, 5000 owners = 50 calls', () => {
    const plan = buildPlan(query({ from: 100, to: 100 }, { mode: 'byDay' }), owners(5000));
    expect(plan.mode).toBe('byDay');
    expect(plan.windows).toEqual([{ from: 100, to: 100 }]);
    expect(plan.batches).toHaveLength(50);
    expect(plan.requestCount).toBe(50);
    expect(plan.ownerCount).toBe(5000);
  });

  test('31 days x 101 owners = 2 x 2 = 4 calls', () => {
    const plan = buildPlan(query({ from: 0, to: 30 }), owners(101));
    expect(plan.windows).toEqual([
      { from: 0, to: 29 },
      { from: 30, to: 30 },
    ]);
    expect(sizes(plan.batches)).toEqual([51, 50]);
    expect(plan.requestCount).toBe(4);
  });

  test('exhaustive: range lengths 1..180 x sampled owner counts 1..1000', () => {
    const ownerCounts = [1, 2, 50, 99, 100, 101, 150, 199, 200, 201, 250, 333, 499, 500, 501, 777, 900, 999, 1000];
    const lists = new Map(ownerCounts.map((n) => [n, owners(n)]));
    for (let length = 1; length <= 180; length++) {
      const range = { from: dayNo('2026-05-29'), to: dayNo('2026-05-29') + length - 1 };
      for (const n of ownerCounts) {
        const list = lists.get(n) as string[];
        const plan = buildPlan(query(range, { limit: n }), list);
        const windowCount = Math.ceil(length / 30);
        const batchCount = Math.ceil(n / 100);
        expect(plan.windows).toHaveLength(windowCount);
        expect(plan.batches).toHaveLength(batchCount);
        expect(plan.requestCount).toBe(windowCount * batchCount);
        expect(plan.pageSize).toBe(1000);
        expect(plan.ownerCount).toBe(n);
        expectExactCover(range, plan.windows);
        expect(plan.batches.every((batch) => batch.length >= 1 && batch.length <= 100)).toBe(true);
        expect(plan.batches.flat()).toEqual(list);
      }
    }
  });
});
