/** Property-based tests of the planner: 30-day windows and balanced owner batches of at most 100. */
import fc from 'fast-check';
import { WeComClient } from '../../core/client';
import { dayStartSeconds, formatDay, type DayRange } from '../../core/dates/chinaDay';
import { MAX_OWNERS_PER_CALL } from '../../core/plan/batches';
import type { Plan } from '../../core/plan/planner';
import { splitIntoWindows } from '../../core/plan/windows';
import { normalizeOwners } from '../../core/query/owners';
import { MODES, ORDER_BY } from '../../core/query/query';
import { scriptedTransport } from '../support/scriptedTransport';

const DAY_SECONDS = 86_400;

/** Windows cover the range once, oldest first, without gap or overlap, in as few windows of at most 30 days as possible. */
function expectExactCover(range: DayRange, windows: DayRange[]): void {
  // One expect per run, with the offending windows listed: fast, and clear when it fails.
  expect({
    count: windows.length,
    from: windows[0]?.from,
    to: windows.at(-1)?.to,
    notFollowingThePrevious: windows.filter((window, index) => index > 0 && window.from !== windows[index - 1].to + 1),
    // What WeCom sees: both ends included, so end - begin must be at most 29 days.
    emptyOrTooLong: windows.filter((window) => window.to < window.from || dayStartSeconds(window.to) - dayStartSeconds(window.from) > 29 * DAY_SECONDS),
  }).toEqual({ count: Math.ceil((range.to - range.from + 1) / 30), from: range.from, to: range.to, notFollowingThePrevious: [], emptyOrTooLong: [] });
}

/** Lengths and the first differing index: cheap to compare (shrinking compares many long lists) and to read. */
function compareLists(actual: readonly string[], expected: readonly string[]): { length: number; firstDifference: number } {
  const firstDifference = actual.findIndex((item, index) => item !== expected[index]);
  return { length: actual.length, firstDifference: firstDifference === -1 && actual.length !== expected.length ? actual.length : firstDifference };
}

const SAME = (expected: readonly string[]) => ({ length: expected.length, firstDifference: -1 });

/** Batches hold every owner once, in order, in as few batches of at most 100 as possible, as even as possible. */
function expectBalancedBatches(owners: string[], batches: string[][]): void {
  expect(compareLists(batches.flat(), owners)).toEqual(SAME(owners));
  const sizes = batches.map((batch) => batch.length);
  const count = Math.ceil(owners.length / MAX_OWNERS_PER_CALL);
  expect({ count: batches.length, largest: Math.max(...sizes), smallest: Math.min(...sizes) }).toEqual({
    count,
    largest: Math.ceil(owners.length / count),
    smallest: Math.floor(owners.length / count),
  });
  expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_OWNERS_PER_CALL);
}

// Valid WeCom user IDs: a stem plus a number keeps them distinct however many are needed.
const stem = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_\-@.]{0,40}$/);
const SEPARATORS = [',', ', ', '\n', '\r\n', ';', ' ', '\t', '，', '；', '、', '\u3000'];
const PADDING = ['', ' ', '\t', '  '];

/**
 * Owner IDs as a user would list them: repeats anywhere, stray spaces, any separator; and
 * the IDs meant. Built from a count and a few repeats, so a failure shrinks quickly.
 */
const ownerInput = fc
  .record({
    stem,
    distinct: fc.integer({ min: 1, max: 1200 }),
    repeats: fc.array(fc.nat(), { maxLength: 60 }),
    separators: fc.array(fc.constantFrom(...SEPARATORS), { minLength: 1, maxLength: 8 }),
    padding: fc.array(fc.constantFrom(...PADDING), { minLength: 1, maxLength: 5 }),
    asText: fc.boolean(),
  })
  .map(({ stem: prefix, distinct, repeats, separators, padding, asText }) => {
    const ids = Array.from({ length: distinct }, (_, index) => `${prefix}${index}`);
    // A repeat may land before the first occurrence of its ID, changing which one is first.
    for (const repeat of repeats) ids.splice(repeat % (ids.length + 1), 0, `${prefix}${repeat % distinct}`);
    const pad = (id: string, index: number) => `${padding[index % padding.length]}${id}${padding[(index + 1) % padding.length]}`;
    const given = asText ? ids.map((id, index) => `${pad(id, index)}${separators[index % separators.length]}`).join('') : ids.map(pad);
    // First occurrences, in order: what the core promises to keep.
    const meant = ids.filter((id, index) => ids.indexOf(id) === index);
    return { given, meant };
  });

describe('planner (fast-check)', () => {
  it('windows cover any range exactly once, in order, none longer than 30 days', () => {
    const range = fc.record({ from: fc.integer({ min: 0, max: 60_000 }), days: fc.integer({ min: 1, max: 2_000 }) });
    fc.assert(
      fc.property(range, ({ from, days }) => {
        const wanted = { from, to: from + days - 1 };
        expectExactCover(wanted, splitIntoWindows(wanted));
      }),
      { numRuns: 1000 },
    );
  });

  it('owners are normalised to the distinct IDs in first-seen order, whether given as text or array', () => {
    fc.assert(
      fc.property(ownerInput, ({ given, meant }) => {
        expect(compareLists(normalizeOwners(given), meant)).toEqual(SAME(meant));
      }),
      { numRuns: 300 },
    );
  });

  it('a planned query covers its days with windows and its owners with balanced batches, without a request', async () => {
    const NOW = Date.parse('2026-11-25T10:00:00+08:00');
    const YESTERDAY = Date.parse('2026-11-24T00:00:00Z') / (DAY_SECONDS * 1000);
    // Any From/To inside what WeCom keeps: the 180 days up to yesterday.
    const keptRange = fc
      .tuple(fc.integer({ min: 1, max: 180 }), fc.integer({ min: 1, max: 180 }))
      .map(([a, b]) => ({ from: YESTERDAY - Math.max(a, b) + 1, to: YESTERDAY - Math.min(a, b) + 1 }));
    const query = fc.record({
      mode: fc.constantFrom(...MODES),
      orderBy: fc.constantFrom(...Object.keys(ORDER_BY)),
      ascending: fc.boolean(),
      range: keptRange,
      owners: ownerInput,
    });
    await fc.assert(
      fc.asyncProperty(query, async ({ mode, orderBy, ascending, range, owners }) => {
        const transport = scriptedTransport([]);
        const client = new WeComClient({ corpId: 'ww_plan', corpSecret: 'plan-secret', transport, now: () => NOW });
        const plan: Plan = await client.plan({
          mode,
          orderBy,
          ascending,
          dates: { from: formatDay(range.from), to: formatDay(range.to) },
          owners: owners.given,
        });
        expect(plan.range).toEqual(range);
        expectExactCover(range, plan.windows);
        expectBalancedBatches(owners.meant, plan.batches);
        expect(plan.ownerCount).toBe(owners.meant.length);
        expect(plan.requestCount).toBe(plan.windows.length * plan.batches.length);
        expect(transport.requests).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
