/**
 * Property-based tests of the history rule over simulated years of scheduled runs: random
 * outages (1 to 250 days), runs at any hour, random server time zones, failed and partial
 * fetches. Checked against Intl's Asia/Shanghai clock and plain date arithmetic, not core.
 */
import fc from 'fast-check';
import { advanceCursor, dueDays, type HistorySettings, type HistoryStart } from '../../core/history/dueDays';
import { setServerTimeZone } from '../support/serverTimeZone';
import { inShanghai } from '../support/shanghaiClock';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const RETENTION = 180;
const ZONES = ['UTC', 'Asia/Shanghai', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Asia/Kolkata', 'America/St_Johns', 'Australia/Lord_Howe'];

/** The wall clock in Shanghai: the date and the minute of the day. */
function chinaClock(millis: number): { date: string; minute: number } {
  const { date, time } = inShanghai(millis);
  return { date, minute: Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5)) };
}
const addDays = (date: string, count: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + count * DAY_MS).toISOString().slice(0, 10);
const minutesOf = (time: string): number => Number(time.split(':')[0]) * 60 + Number(time.split(':')[1]);

interface Run {
  /** Minutes since the previous run (or the simulation's start). */
  gap: number;
  /** How many of the due days are fetched in full before the run fails: all, or a count. */
  fetched: 'all' | number;
  zone: string;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const readyTime = fc.option(fc.record({ h: fc.integer({ min: 0, max: 23 }), m: fc.integer({ min: 0, max: 59 }) }).map(({ h, m }) => `${pad(h)}:${pad(m)}`), { nil: undefined });
/** A date start is given relative to the first run: up to 400 days before it or 60 after. */
const start = fc.oneof(
  fc.constant<{ from: 'now' }>({ from: 'now' }),
  fc.integer({ min: 1, max: 180 }).map((days) => ({ from: 'backfill' as const, days })),
  fc.integer({ min: -400, max: 60 }).map((offset) => ({ from: 'date' as const, offset })),
);
const run: fc.Arbitrary<Run> = fc.record({
  gap: fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 1, max: 1440 }) }, // later the same day or the next
    { weight: 4, arbitrary: fc.integer({ min: 1300, max: 1580 }) }, // about daily, at a drifting hour
    { weight: 1, arbitrary: fc.integer({ min: 1 * 1440, max: 250 * 1440 + 1439 }) }, // an outage of 1 to 250 days
  ),
  fetched: fc.oneof({ weight: 6, arbitrary: fc.constant<'all'>('all') }, { weight: 2, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 200 }) }),
  zone: fc.constantFrom(...ZONES),
});
const simulation = fc.record({
  // China has kept UTC+8 without daylight saving since 1992: Intl's Shanghai clock is the oracle from then on.
  firstMillis: fc.integer({ min: Date.UTC(1993, 0, 1), max: Date.UTC(2090, 0, 1) }),
  start,
  readyTime,
  runs: fc.array(run, { minLength: 1, maxLength: 300 }),
});

type Simulation = typeof simulation extends fc.Arbitrary<infer T> ? T : never;

interface Event {
  kind: 'delivered' | 'lost';
  day: string;
  run: number;
}

/** Runs the schedule through the rule as a host would, and lists what went wrong. */
function simulate({ firstMillis, start: startArb, readyTime: ready, runs }: Simulation): string[] {
  const firstDate = chinaClock(firstMillis).date;
  const historyStart: HistoryStart = startArb.from === 'date' ? { from: 'date', date: addDays(firstDate, startArb.offset) } : startArb;
  const settings: HistorySettings = { start: historyStart, readyTime: ready };
  const readyMinute = minutesOf(ready ?? '09:00');
  const problems: string[] = [];
  const events: Event[] = [];
  // The window of days WeCom kept and were ready at each run that fetched all it was asked for.
  const completeRuns: { index: number; oldestKept: string; lastReady: string }[] = [];
  let cursor: string | undefined;
  let millis = firstMillis;
  let firstDay: string | undefined;
  runs.forEach((scheduled, index) => {
    millis += scheduled.gap * MINUTE_MS;
    const clock = chinaClock(millis);
    const lastReady = addDays(clock.date, clock.minute >= readyMinute ? -1 : -2);
    const oldestKept = addDays(clock.date, -RETENTION);
    const restore = setServerTimeZone(scheduled.zone);
    let result;
    try {
      result = dueDays(cursor, settings, () => millis);
    } finally {
      restore();
    }
    const count = scheduled.fetched === 'all' ? result.due.length : Math.min(scheduled.fetched, result.due.length);
    const fetched = result.due.slice(0, count);
    const here = `run ${index} at China ${clock.date} minute ${clock.minute}`;
    for (const day of result.lost) {
      events.push({ kind: 'lost', day, run: index });
      if (day >= oldestKept) problems.push(`${here}: ${day} named lost while WeCom keeps it`);
      // Lost only if no earlier run could have fetched it.
      const couldHave = completeRuns.find((window) => window.oldestKept <= day && day <= window.lastReady);
      if (couldHave) problems.push(`${here}: ${day} lost though run ${couldHave.index} fetched all it was asked for while WeCom kept it`);
    }
    for (const day of fetched) {
      events.push({ kind: 'delivered', day, run: index });
      if (day > lastReady) problems.push(`${here}: ${day} delivered before it was ready`);
      if (day < oldestKept) problems.push(`${here}: ${day} fetched though WeCom no longer keeps it`);
    }
    const startDay =
      historyStart.from === 'now' ? addDays(clock.date, -1) : historyStart.from === 'backfill' ? addDays(clock.date, -historyStart.days) : historyStart.date;
    // The first run fixes where the history starts, even when it delivers nothing.
    if (cursor === undefined) firstDay = startDay;
    cursor = advanceCursor(cursor, result, fetched);
    if (count === result.due.length) {
      completeRuns.push({ index, oldestKept, lastReady });
      // A run that fetched all it was asked for leaves nothing behind: caught up to the last ready day.
      const last = events.at(-1)?.day;
      if (last !== undefined && last !== lastReady) problems.push(`${here}: a complete run left the history at ${last}, the last ready day is ${lastReady}`);
      if (last === undefined && (firstDay as string) <= lastReady) problems.push(`${here}: nothing delivered though the start, ${firstDay}, is ready`);
      const before = last ?? addDays(firstDay as string, -1);
      if (cursor !== before) problems.push(`${here}: the cursor is ${cursor}, the last day delivered or named lost (or the day before the start) is ${before}`);
    }
  });
  if (events.length > 0 && events[0].day !== firstDay) problems.push(`the history starts at ${events[0].day}, not at ${firstDay}, where the first run put it`);
  // Every day, delivered or named lost, exactly once and in order: a gap or repeat breaks the chain.
  events.forEach((event, i) => {
    if (i > 0 && event.day !== addDays(events[i - 1].day, 1)) problems.push(`${event.kind} ${event.day} (run ${event.run}) follows ${events[i - 1].day}`);
  });
  return problems;
}

describe('the history rule over simulated years (fast-check)', () => {
  test('the time zones used are really in effect when set', () => {
    const instant = Date.UTC(2026, 6, 1);
    const offsets = ZONES.map((zone) => {
      const restore = setServerTimeZone(zone);
      try {
        return new Date(instant).getTimezoneOffset();
      } finally {
        restore();
      }
    });
    expect(new Set(offsets).size).toBe(ZONES.length);
  });

  test('every day is delivered or named lost exactly once, in order; none before it is ready; complete runs catch up', () => {
    fc.assert(
      fc.property(simulation, (sim) => {
        expect(simulate(sim)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
