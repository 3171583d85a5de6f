/**
 * Dates "New days since last run" in node-red-node-test-helper: the cursor in the node's
 * context, the history rule of the core, against the emulator with its clock moved day by
 * day and the node's clock (Date.now) moved with it.
 */
import { dayStartSeconds, formatDay, parseDay } from '../../core/dates/chinaDay';
import { startEmulator, type Emulator } from '../../emulator';
import { mulberry32 } from '../../emulator/faults';
import { CURSOR_KEY } from '../../nodes/node-red/sinceLastRun';
import type { StatisticNodeConfig } from '../../nodes/node-red/statisticQuery';
import { helper, loadFlow, startNodeRed, stopNodeRed, type Msg } from '../reliability/support/nodeRedFlow';

jest.setTimeout(300_000);

const OWNERS = 12;
const HISTORY: StatisticNodeConfig = { mode: 'byDay', dateRange: 'sinceLastRun', ownerSource: 'all', output: 'array', historyStart: 'backfill', backfillDays: '5', readyTime: '' };

let emu: Emulator;
let clock: number;
let dateSpy: jest.SpyInstance<number, []>;

/** China date `day` at hh:mm China time, as the node's clock. */
function at(day: string, time = '12:00'): number {
  return Date.parse(`${day}T${time}:00+08:00`);
}

/** Moves both clocks: the node's and the emulator's. */
function setDay(day: string, time = '12:00'): void {
  clock = at(day, time);
  emu.setToday(day);
}

const addDays = (day: string, count: number): string => formatDay((parseDay(day) as number) + count);

beforeAll(async () => {
  clock = at('2026-01-01');
  dateSpy = jest.spyOn(Date, 'now').mockImplementation(() => clock);
  emu = await startEmulator({ port: 0, host: '127.0.0.1', today: '2026-01-01', owners: OWNERS, seed: 12 });
  await startNodeRed();
});
afterAll(async () => {
  await stopNodeRed();
  await emu.close();
  dateSpy.mockRestore();
});
afterEach(async () => {
  await helper.unload();
  emu.setFaults({ busy: 0 });
  emu.clearLog();
});

interface Run {
  sent: Msg[];
  caught: Msg[];
  /** The error passed to done(), if any. */
  error?: Error;
  statuses: Record<string, unknown>[];
}

/** Sends the node these messages and resolves once it called done() for each: what it sent, what Catch got. */
function runAll(messages: Record<string, unknown>[]): Promise<Run> {
  const node = helper.getNode('stat');
  const result: Run = { sent: [], caught: [], statuses: [] };
  const out = (msg: Msg): number => result.sent.push(msg);
  const caught = (msg: Msg): number => result.caught.push(msg);
  const status = (call: { args: Record<string, unknown>[] }): number => result.statuses.push(call.args[0]);
  helper.getNode('stat-out').on('input', out);
  helper.getNode('caught').on('input', caught);
  node.on('call:status', status);
  return new Promise((resolve) => {
    // Node-RED calls _complete when the node calls done(): the end of a message's run.
    const complete = node._complete;
    let left = messages.length;
    node._complete = function (msg: unknown, error?: Error) {
      complete.call(this, msg, error);
      result.error ??= error;
      if (--left > 0) return;
      node._complete = complete;
      // Catch and the sink get their messages on the next ticks.
      setTimeout(() => {
        helper.getNode('stat-out').removeListener('input', out);
        helper.getNode('caught').removeListener('input', caught);
        node.removeListener('call:status', status);
        resolve(result);
      }, 20);
    };
    for (const msg of messages) node.receive(msg);
  });
}

const run = (payload: unknown = 'go', extra: Record<string, unknown> = {}): Promise<Run> => runAll([{ payload, ...extra }]);

/** What the emulator holds for that day, summed over every owner. */
function expectedDay(day: string): Record<string, number> {
  const d = parseDay(day) as number;
  const sum: Record<string, number> = {};
  for (const owner of emu.company.visibleOwners()) {
    for (const [key, value] of Object.entries(emu.company.windowData(owner, d, d))) sum[key] = (sum[key] ?? 0) + (value ?? 0);
  }
  return sum;
}

describe('wecom-groupchat-statistic, Dates "New days since last run"', () => {
  it('across 400 days with outages and faults: every reachable day once, in order, equal to the emulator; lost days to Catch once', async () => {
    await loadFlow(emu, { stat: HISTORY });
    const rand = mulberry32(400);
    const first = '2025-03-01';
    // Down for these spans of days (the 200-day one outlives WeCom's 180 days).
    const outages = [
      { from: 20, days: 1 },
      { from: 45, days: 3 },
      { from: 90, days: 20 },
      { from: 150, days: 200 },
      { from: 380, days: 7 },
    ];
    const down = (i: number): boolean => outages.some((o) => i >= o.from && i < o.from + o.days);
    const delivered: Record<string, unknown>[] = [];
    const lost: string[] = [];
    let failures = 0;
    let runs = 0;
    for (let i = 0; i <= 400; i++) {
      if (down(i)) continue;
      const today = addDays(first, i);
      const last = i === 400;
      // Any hour of the day (before 09:00 yesterday is not due yet); the last run at noon.
      const minute = last ? 12 * 60 : Math.floor(rand() * 24 * 60);
      setDay(today, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
      const fault = last ? 1 : rand();
      // WeCom a day behind (yesterday refused, errcode 600018), or busy now and then (retried, sometimes past the retries).
      if (fault < 0.06) emu.setToday(addDays(today, -1));
      else if (fault < 0.09) emu.setFaults({ busy: 0.5 });
      const outcome = await run();
      emu.setFaults({ busy: 0 });
      runs++;
      for (const msg of outcome.sent) delivered.push(...(msg.payload as Record<string, unknown>[]));
      for (const msg of outcome.caught) {
        const days = (msg.wecom?.error as { lost?: string[] } | undefined)?.lost;
        if (days) {
          // Lost only when WeCom no longer had it at this run.
          for (const day of days) expect((parseDay(day) as number)).toBeLessThan((parseDay(today) as number) - 180);
          lost.push(...days);
        } else {
          failures++;
          expect(msg.error?.message).toMatch(/errcode (600018|-1)/);
        }
      }
    }
    const dates = delivered.map((record) => record.date as string);
    // The first run (day 0, any hour) starts 5 days back; the last run ends at day 399 (its yesterday).
    const expectedAll: string[] = [];
    for (let day = parseDay(addDays(first, -5)) as number; day <= (parseDay(addDays(first, 399)) as number); day++) expectedAll.push(formatDay(day));
    expect(new Set(dates).size).toBe(dates.length);
    expect(new Set(lost).size).toBe(lost.length);
    expect([...lost, ...dates].sort()).toEqual(expectedAll);
    expect(dates).toEqual([...dates].sort());
    expect(lost.length).toBeGreaterThan(0);
    expect(failures).toBeGreaterThan(0);
    expect(runs).toBeGreaterThan(150);
    for (const record of delivered) expect(record).toMatchObject({ ...expectedDay(record.date as string), owner_count: OWNERS, stat_time: dayStartSeconds(parseDay(record.date as string) as number) });
  });

  it('emits the due days, nothing on the next message, the new day after midnight; resetCursor starts over; the status names the last day', async () => {
    setDay('2026-03-10', '10:00');
    await loadFlow(emu, { stat: HISTORY });
    const firstRun = await run();
    expect(firstRun.sent).toHaveLength(1);
    expect((firstRun.sent[0].payload as { date: string }[]).map((r) => r.date)).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09']);
    expect(firstRun.sent[0].wecom).toMatchObject({ query: { mode: 'byDay', from: '2026-03-05', to: '2026-03-09' }, history: { days: ['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'], lost: [], cursor: '2026-03-09' } });
    expect(firstRun.statuses.at(-1)).toEqual({ fill: 'green', shape: 'dot', text: 'up to 2026-03-09' });
    const calls = emu.callCount();

    const again = await run();
    expect(again.sent).toEqual([]);
    expect(again.error).toBeUndefined();
    expect(emu.callCount()).toBe(calls);

    // 08:59 the next day: yesterday is not ready yet; 09:00 it is.
    setDay('2026-03-11', '08:59');
    expect((await run()).sent).toEqual([]);
    setDay('2026-03-11', '09:00');
    const next = await run();
    expect((next.sent[0].payload as { date: string }[]).map((r) => r.date)).toEqual(['2026-03-10']);

    const reset = await run({ resetCursor: true });
    expect((reset.sent[0].payload as { date: string }[]).map((r) => r.date)).toEqual(['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    const byMsg = await run('go', { resetCursor: true });
    expect((byMsg.sent[0].payload as unknown[]).length).toBe(5);
  });

  it('lost days reach Catch with the dates after the due days are sent, once; the cursor moves past them', async () => {
    setDay('2026-04-01');
    await loadFlow(emu, { stat: HISTORY });
    await run();
    // 190 days later: 10 days (2026-04-01 .. 04-10) are older than WeCom keeps.
    setDay(addDays('2026-04-01', 190));
    const outcome = await run();
    expect(outcome.sent).toHaveLength(1);
    const days = (outcome.sent[0].payload as { date: string }[]).map((r) => r.date);
    expect(days).toHaveLength(180);
    expect(days[0]).toBe(addDays('2026-04-01', 10));
    expect(outcome.caught).toHaveLength(1);
    const lostMessage = 'WeCom no longer keeps 2026-04-01 to 2026-04-10 (10 days): it keeps only the last 180 days, so these days were never delivered. The history goes on from the next day.';
    expect(outcome.caught[0].error?.message).toBe(`LostDaysError: ${lostMessage}`);
    expect(outcome.caught[0].wecom?.error).toEqual({ kind: 'lost', lost: Array.from({ length: 10 }, (_, i) => addDays('2026-04-01', i)), message: lostMessage });
    expect(outcome.caught[0].wecom?.history).toMatchObject({ cursor: days.at(-1) });
    expect(outcome.statuses.at(-1)).toMatchObject({ fill: 'yellow', shape: 'ring' });
    const later = await run();
    expect(later.caught).toEqual([]);
    expect(later.sent).toEqual([]);
  });

  it('lost days and a failed fetch in one run: the days fetched in full are sent, both reach Catch, the cursor moves past those days', async () => {
    setDay('2026-04-01');
    await loadFlow(emu, { stat: HISTORY });
    await run();
    const today = addDays('2026-04-01', 190);
    setDay(today);
    // WeCom a day behind: the last 30-day window, with yesterday, is refused (600018).
    emu.setToday(addDays(today, -1));
    const outcome = await run();
    expect(outcome.sent).toHaveLength(1);
    const days = (outcome.sent[0].payload as { date: string }[]).map((r) => r.date);
    expect(days).toEqual(Array.from({ length: 150 }, (_, i) => addDays(today, i - 180)));
    expect(outcome.caught.map((msg) => (msg.wecom?.error as { kind?: string }).kind)).toEqual(['lost', 'api']);
    expect(outcome.caught[0].wecom?.error).toMatchObject({ lost: Array.from({ length: 10 }, (_, i) => addDays('2026-04-01', i)) });
    expect(outcome.error?.message).toContain('600018');
    expect(await helper.getNode('stat').context().get(CURSOR_KEY)).toBe(days.at(-1));
    emu.setToday(today);
    const next = await run();
    expect(next.caught).toEqual([]);
    expect((next.sent[0].payload as unknown[]).length).toBe(30);
  });

  it('a failed fetch leaves the cursor; the days fetched in full before it are sent and not sent again', async () => {
    setDay('2026-05-01');
    await loadFlow(emu, { stat: { ...HISTORY, mode: 'byOwner', output: 'split', historyStart: 'date', startDate: '2026-04-25' } });
    // WeCom a day behind: 04-30 is refused, 04-25 .. 04-29 come.
    emu.setToday('2026-04-30');
    const failed = await run();
    const owners = emu.company.visibleOwners().length;
    expect(failed.sent).toHaveLength(5 * owners);
    expect(failed.error?.message).toContain('600018');
    expect(failed.caught).toHaveLength(1);
    // One sequence for Join: the count is on the last message sent.
    expect(failed.sent.map((m) => (m.parts as { index: number }).index)).toEqual([...Array(5 * owners).keys()]);
    expect((failed.sent.at(-1)?.parts as { count?: number }).count).toBe(5 * owners);
    expect(await helper.getNode('stat').context().get(CURSOR_KEY)).toBe('2026-04-29');
    emu.setToday('2026-05-01');
    const retried = await run();
    expect(retried.sent).toHaveLength(owners);
    for (const msg of retried.sent) {
      const record = msg.payload as { owner: string; start_date: string; end_date: string };
      const d = parseDay('2026-04-30') as number;
      expect(record).toMatchObject({ start_date: '2026-04-30', end_date: '2026-04-30', ...emu.company.windowData(record.owner, d, d) });
    }
  });

  it('two messages at once deliver each day once', async () => {
    setDay('2026-06-01');
    await loadFlow(emu, { stat: HISTORY });
    const both = await runAll([{ payload: 1 }, { payload: 2 }]);
    expect(both.sent).toHaveLength(1);
    const dates = both.sent.flatMap((m) => (m.payload as { date: string }[]).map((r) => r.date));
    expect(dates.sort()).toEqual(['2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30', '2026-05-31']);
  });

  it('Start "only days from now on": the first run brings yesterday, once ready', async () => {
    setDay('2026-06-20', '08:00');
    await loadFlow(emu, { stat: { ...HISTORY, historyStart: 'now', backfillDays: '' } });
    expect((await run()).sent).toEqual([]);
    setDay('2026-06-20', '09:30');
    const ready = await run();
    expect(ready.sent[0].wecom?.history).toMatchObject({ days: ['2026-06-19'], cursor: '2026-06-19' });
  });

  it('takes Dates and the Start settings from msg.payload where the node leaves them blank', async () => {
    setDay('2026-07-10');
    await loadFlow(emu, { stat: { ...HISTORY, dateRange: '', historyStart: '', backfillDays: '' } });
    const outcome = await run({ preset: 'sinceLastRun', start: 'date', startDate: '2026-07-07', readyTime: '13:00' });
    expect(outcome.sent[0].wecom?.history).toMatchObject({ days: ['2026-07-07', '2026-07-08'] });
  });

  it.each([
    [{ backfillDays: '181' }, 'Backfill Days'],
    [{ historyStart: 'date', startDate: '2026-02-30' }, 'Start Date'],
    [{ readyTime: '25:00' }, 'Ready Time'],
    [{ historyStart: 'later' }, 'Start'],
  ])('refuses %j before any call, naming %s', async (bad, label) => {
    setDay('2026-08-01');
    await loadFlow(emu, { stat: { ...HISTORY, ...bad } });
    const outcome = await run();
    expect(outcome.caught[0].error?.message).toContain(`Invalid ${label}:`);
    expect(outcome.caught[0].wecom?.error).toMatchObject({ field: label });
    expect(outcome.statuses.at(-1)).toMatchObject({ fill: 'red', shape: 'ring' });
    expect(emu.callCount()).toBe(0);
  });
});
