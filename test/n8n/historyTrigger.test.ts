/**
 * The statistic trigger in n8n-core's engine, polled as n8n's ActiveWorkflows polls it
 * (static data kept between polls and saved as n8n saves it), against the emulator, with
 * the clocks of both moved by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject, INode } from 'n8n-workflow';
import { dayStartSeconds, formatDay, parseDay, type ChinaDay } from '../../core/dates/chinaDay';
import { STAT_FIELDS } from '../../core/records/fields';
import { CORP_ID, SECRET } from '../reliability/knownSecrets';
import { Captured } from '../reliability/support/leakScan';
import { startEmulator, type Emulator } from '../../emulator';
import { statisticByDay } from '../../emulator/company';
import { mulberry32 } from '../../emulator/faults';
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { InProcessPoller, type PollOutcome } from '../../scripts/hosts/n8n/poller';
import { STATISTIC_NODE, statisticWorkflow } from '../../scripts/hosts/n8n/statisticWorkflow';
import { TRIGGER_NODE, triggerWorkflow } from '../../scripts/hosts/n8n/triggerWorkflow';

// Faults cost a retry or two, at a thousandth of the product's backoff.
jest.mock('../../core/request/retryPolicy', () => jest.requireActual<typeof import('../reliability/support/scaledDefaults')>('../reliability/support/scaledDefaults').scaledRetryPolicy(1));

let clock = 0;
/** China wall-clock time on a day: what both the node (Date.now) and the emulator see. */
function setClock(emu: Emulator, day: ChinaDay, minuteOfDay: number): void {
  clock = (dayStartSeconds(day) + minuteOfDay * 60) * 1000;
  emu.setToday(formatDay(day));
}
let spy: jest.SpyInstance<number, []>;
beforeAll(() => {
  spy = jest.spyOn(Date, 'now').mockImplementation(() => clock);
});
afterAll(() => {
  spy.mockRestore();
  releaseN8nResources();
});
const emulators: Emulator[] = [];
afterEach(async () => {
  for (const emu of emulators) captured.tokensOf(emu);
  await Promise.all(emulators.splice(0).map((emu) => emu.close()));
});
// Every poll's items and errors, scanned at the end for the secret and every token issued.
const captured = new Captured();
async function emulator(owners: number, seed: number): Promise<Emulator> {
  const emu = await startEmulator({ port: 0, today: '2026-01-01', owners, seed, corpId: CORP_ID, corpSecret: SECRET });
  emulators.push(emu);
  return emu;
}

const FIRST_DAY = parseDay('2026-01-01') as ChinaDay;
const byDay = (start: Record<string, unknown>) => ({ mode: 'byDay', ownerSource: 'all', readyTime: '09:00', ...start });
const jsonOf = (outcome: PollOutcome): IDataObject[] => (outcome.emitted?.[0] ?? []).map((item) => item.json);
const LOST = /^WeCom no longer keeps /;
const lostDaysOf = (outcome: PollOutcome): string[] =>
  outcome.errors.filter((error) => LOST.test(error.message)).flatMap((error) => String((error as { description?: string }).description).replace('Lost days: ', '').split(', '));

describe('WeCom Group Chat Statistic Trigger, polled in n8n-core', () => {
  test('each poll emits the due days or nothing; after three days down, the next poll emits three days', async () => {
    const emu = await emulator(30, 1);
    const poller = new InProcessPoller(new InProcessN8n(emu), triggerWorkflow(byDay({ start: 'backfill', backfillDays: 3 })), TRIGGER_NODE);
    setClock(emu, FIRST_DAY + 10, 10 * 60);
    const first = await poller.poll();
    expect(first.activationError).toBeUndefined();
    expect(jsonOf(first).map((item) => item.date)).toEqual(['2026-01-08', '2026-01-09', '2026-01-10']);
    const calls = emu.log.length;
    setClock(emu, FIRST_DAY + 10, 11 * 60);
    expect(await poller.poll()).toEqual({ emitted: null, errors: [] });
    // Before the ready time, yesterday is not due yet.
    setClock(emu, FIRST_DAY + 11, 8 * 60 + 59);
    expect(await poller.poll()).toEqual({ emitted: null, errors: [] });
    expect(emu.log).toHaveLength(calls);
    // n8n down for three days, then restarted.
    poller.restart();
    setClock(emu, FIRST_DAY + 13, 9 * 60);
    const caughtUp = await poller.poll();
    expect(jsonOf(caughtUp).map((item) => item.date)).toEqual(['2026-01-11', '2026-01-12', '2026-01-13']);
    expect(poller.savedStaticData).toEqual({ [`node:${TRIGGER_NODE}`]: { cursor: '2026-01-13' } });
  });

  test('Fetch Test Event (manual mode, through the engine) returns the newest ready day and moves no cursor', async () => {
    const emu = await emulator(30, 2);
    const n8n = new InProcessN8n(emu);
    const fixture = triggerWorkflow(byDay({ start: 'now' }));
    setClock(emu, FIRST_DAY + 10, 8 * 60);
    const manual = await n8n.run(fixture);
    expect(manual.run.data.resultData.error).toBeUndefined();
    expect(manual.items(TRIGGER_NODE).map((item) => item.json.date)).toEqual(['2026-01-09']);
    const poller = new InProcessPoller(n8n, fixture, TRIGGER_NODE);
    setClock(emu, FIRST_DAY + 10, 10 * 60);
    expect(jsonOf(await poller.poll()).map((item) => item.date)).toEqual(['2026-01-10']);
    const saved = poller.savedStaticData;
    // Three days later the test event shows the newest day only, and the next poll still emits both days due.
    setClock(emu, FIRST_DAY + 12, 10 * 60);
    expect(jsonOf(await poller.poll('manual')).map((item) => item.date)).toEqual(['2026-01-12']);
    expect(poller.savedStaticData).toEqual(saved);
    expect(jsonOf(await poller.poll()).map((item) => item.date)).toEqual(['2026-01-11', '2026-01-12']);
  });

  test('lost days are reported once, as a failed execution naming the dates, even when the same poll cannot fetch', async () => {
    const emu = await emulator(30, 4);
    const poller = new InProcessPoller(new InProcessN8n(emu), triggerWorkflow(byDay({ start: 'date', startDate: '2026-01-01' })), TRIGGER_NODE);
    // n8n was down for a long time: on restart the activation poll finds 5 lost days, and WeCom fails.
    setClock(emu, FIRST_DAY + 185, 10 * 60);
    emu.setFaults({ busy: 1 });
    const activation = await poller.poll();
    expect(activation.activationError).toBeUndefined();
    expect(activation.errors.map((error) => error.message)).toEqual([
      'WeCom no longer keeps 2026-01-01 to 2026-01-05 (5 days): it keeps only the last 180 days, so these days were never delivered. The history goes on from the next day.',
      expect.stringMatching(/^WeCom errcode -1: /),
    ]);
    expect(lostDaysOf(activation)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
    poller.restart();
    emu.setFaults({ busy: 0 });
    const next = await poller.poll();
    expect(next.errors).toEqual([]);
    expect(jsonOf(next).map((item) => item.date)).toEqual(Array.from({ length: 180 }, (_, i) => formatDay(FIRST_DAY + 5 + i)));
  });

  test('a poll that starts while the last one still runs emits nothing: no day twice', async () => {
    const emu = await emulator(30, 5);
    const poller = new InProcessPoller(new InProcessN8n(emu), triggerWorkflow(byDay({ start: 'backfill', backfillDays: 90 })), TRIGGER_NODE);
    setClock(emu, FIRST_DAY + 100, 10 * 60);
    await poller.poll();
    setClock(emu, FIRST_DAY + 105, 10 * 60);
    const [first, second] = await Promise.all([poller.poll(), poller.poll()]);
    expect(jsonOf(first).map((item) => item.date)).toHaveLength(5);
    expect(second).toEqual({ emitted: null, errors: [] });
  });

  test("items carry the statistic node's fields and values for the same day, By Day and By Owner", async () => {
    const emu = await emulator(30, 6);
    const n8n = new InProcessN8n(emu);
    setClock(emu, FIRST_DAY + 10, 10 * 60);
    for (const mode of ['byDay', 'byOwner']) {
      const trigger = await n8n.run(triggerWorkflow({ ...byDay({ start: 'now' }), mode }));
      const statistic = await n8n.run(statisticWorkflow({ mode, dateRange: 'yesterday', ownerSource: 'all', returnAll: true, orderBy: 'newChatCount', sortDirection: 'descending' }));
      const items = trigger.items(TRIGGER_NODE).map((item) => item.json);
      expect(items).toHaveLength(mode === 'byDay' ? 1 : 30);
      expect(items).toEqual(statistic.items(STATISTIC_NODE).map((item) => item.json));
    }
  });

  test('at activation, a failure with nothing fetched makes n8n refuse to activate, naming it; the next activation emits', async () => {
    const emu = await emulator(30, 7);
    const poller = new InProcessPoller(new InProcessN8n(emu), triggerWorkflow(byDay({ start: 'backfill', backfillDays: 2 })), TRIGGER_NODE);
    setClock(emu, FIRST_DAY + 10, 10 * 60);
    emu.setFaults({ busy: 1 });
    expect((await poller.poll()).activationError?.message).toMatch(/^WeCom errcode -1: system busy/);
    expect(poller.savedStaticData).toEqual({});
    emu.setFaults({ busy: 0 });
    expect(jsonOf(await poller.poll()).map((item) => item.date)).toEqual(['2026-01-09', '2026-01-10']);
  });

  test('the example workflow (n8n-workflows/history-to-google-sheets.json): its trigger backfills 180 days, then emits each new day once', async () => {
    const example = JSON.parse(readFileSync(join(__dirname, '../../n8n-workflows/history-to-google-sheets.json'), 'utf8')) as { nodes: INode[]; connections: object };
    const trigger = example.nodes.find((node) => node.type.endsWith('weComGroupChatStatisticTrigger')) as INode;
    expect(example.connections).toEqual({ [trigger.name]: { main: [[{ node: 'Append the day', type: 'main', index: 0 }]] } });
    const emu = await emulator(30, 8);
    const poller = new InProcessPoller(new InProcessN8n(emu), triggerWorkflow(trigger.parameters), TRIGGER_NODE);
    setClock(emu, FIRST_DAY + 200, 10 * 60);
    expect(jsonOf(await poller.poll())).toHaveLength(180);
    setClock(emu, FIRST_DAY + 201, 10 * 60);
    expect(jsonOf(await poller.poll()).map((item) => item.date)).toEqual([formatDay(FIRST_DAY + 200)]);
  });

  test('bad settings fail the activation before any call, naming the field by its label', async () => {
    const emu = await emulator(30, 3);
    setClock(emu, FIRST_DAY + 10, 10 * 60);
    for (const [parameters, label] of [
      [byDay({ start: 'backfill', backfillDays: 181 }), 'Backfill Days'],
      [byDay({ start: 'date', startDate: 'soon' }), 'Start Date'],
      [byDay({ start: 'now', readyTime: '9 am' }), 'Ready Time'],
      [{ ...byDay({ start: 'now' }), ownerSource: 'list', owners: 'bad id!' }, 'User IDs'],
    ] as const) {
      const outcome = await new InProcessPoller(new InProcessN8n(emu), triggerWorkflow(parameters), TRIGGER_NODE).poll();
      expect(outcome.activationError?.message).toMatch(new RegExp(`^Invalid ${label}: `));
    }
    expect(emu.log).toHaveLength(0);
  });
});

interface Simulation {
  /** Every item emitted, in order: the sink. */
  sink: IDataObject[];
  /** Days delivered or named lost, in the order it happened. */
  timeline: { day: string; lost: boolean }[];
  counts: { polls: number; empty: number; failed: number; partial: number; restarts: number };
  lastReady: string;
  saved: IDataObject;
}

/**
 * 400 simulated days: one to three polls a day at random minutes, a 200-day outage (days
 * 120-319) and random short ones, n8n restarts, and on some polls WeCom failing half its
 * calls. The last day ends with a clean poll after the ready time.
 */
async function simulate(emu: Emulator, parameters: Record<string, unknown>, seed: number): Promise<Simulation> {
  const random = mulberry32(seed);
  const poller = new InProcessPoller(new InProcessN8n(emu), triggerWorkflow(parameters), TRIGGER_NODE);
  const result: Simulation = { sink: [], timeline: [], counts: { polls: 0, empty: 0, failed: 0, partial: 0, restarts: 0 }, lastReady: '', saved: {} };
  const record = (outcome: PollOutcome): void => {
    captured.add(`seed ${seed}, poll ${result.counts.polls}`, outcome);
    // A failed activation is retried by n8n; here by the next poll.
    if (outcome.activationError) outcome.errors.push(outcome.activationError);
    const items = jsonOf(outcome);
    const days = [...new Set(items.map((item) => String(item.date ?? item.start_date)))];
    result.timeline.push(...lostDaysOf(outcome).map((day) => ({ day, lost: true })), ...days.map((day) => ({ day, lost: false })));
    result.sink.push(...items);
    result.counts.polls++;
    const failures = outcome.errors.filter((error) => !LOST.test(error.message)).length;
    if (failures > 0) result.counts[items.length > 0 ? 'partial' : 'failed']++;
    else if (items.length === 0) result.counts.empty++;
  };
  let downUntil = -1;
  for (let d = 0; d < 400; d++) {
    if (d === 120) downUntil = 319;
    else if (d > downUntil && random() < 0.03) downUntil = d + Math.floor(random() * 10);
    if (d <= downUntil) continue;
    if (random() < 0.05) {
      poller.restart();
      result.counts.restarts++;
    }
    const minutes = Array.from({ length: 1 + Math.floor(random() * 3) }, () => Math.floor(random() * 1440)).sort((a, b) => a - b);
    for (const minute of minutes) {
      setClock(emu, FIRST_DAY + d, minute);
      emu.setFaults({ busy: random() < 0.15 ? 0.5 : 0 });
      record(await poller.poll());
    }
  }
  setClock(emu, FIRST_DAY + 400, 10 * 60);
  emu.setFaults({ busy: 0 });
  record(await poller.poll());
  result.lastReady = formatDay(FIRST_DAY + 399);
  result.saved = poller.savedStaticData;
  return result;
}

/** Every day from `first` to the last ready day, delivered or named lost, exactly once and in order. */
function expectGapFree(sim: Simulation, first: string): void {
  const expected: string[] = [];
  for (let day = parseDay(first) as ChinaDay; day <= (parseDay(sim.lastReady) as ChinaDay); day++) expected.push(formatDay(day));
  expect(sim.timeline.map((event) => event.day)).toEqual(expected);
  expect(sim.saved).toEqual({ [`node:${TRIGGER_NODE}`]: { cursor: sim.lastReady } });
  // The 200-day outage lost the days that fell out of WeCom's 180 meanwhile, and nothing else.
  const lost = sim.timeline.filter((event) => event.lost).map((event) => event.day);
  expect(lost.length).toBeGreaterThan(0);
  expect(lost.every((day) => day >= '2026-04-20' && day <= '2026-05-20')).toBe(true);
  expect(sim.counts).toMatchObject({ empty: expect.any(Number), failed: expect.any(Number) });
  expect(Math.min(sim.counts.empty, sim.counts.failed, sim.counts.restarts)).toBeGreaterThan(0);
}

describe('400 simulated days with outages, restarts and faults', () => {
  jest.setTimeout(120_000);

  test('By Day: the sink holds every reachable day once, in order, equal to the emulator', async () => {
    const emu = await emulator(150, 11);
    const sim = await simulate(emu, byDay({ start: 'backfill', backfillDays: 30 }), 11);
    const firstPollDay = FIRST_DAY + 0;
    expectGapFree(sim, formatDay(firstPollDay - 30));
    const owners = emu.company.visibleOwners();
    for (const item of sim.sink) {
      const day = parseDay(String(item.date)) as ChinaDay;
      const { items } = statisticByDay(emu.company, { beginDay: day, endDay: day, owners });
      const { date, stat_time, owner_count, ...figures } = item;
      expect({ date, stat_time, owner_count, figures }).toEqual({ date, stat_time: items[0].stat_time, owner_count: owners.length, figures: items[0].data });
    }
    console.log(`By Day, 400 days: ${JSON.stringify(sim.counts)}, ${sim.sink.length} items, ${sim.timeline.filter((e) => e.lost).length} days lost`);
  });

  test('By Owner: one item per owner per day for every reachable day, once, in order, equal to the emulator', async () => {
    const emu = await emulator(40, 12);
    const sim = await simulate(emu, { ...byDay({ start: 'date', startDate: '2025-12-01' }), mode: 'byOwner' }, 12);
    expectGapFree(sim, '2025-12-01');
    const owners = [...emu.company.ownerIds].sort();
    const delivered = sim.timeline.filter((event) => !event.lost).map((event) => event.day);
    // Each day's items are together, in the order the days were delivered, one per owner.
    const runs: { day: string; owners: string[] }[] = [];
    for (const item of sim.sink) {
      const day = String(item.start_date);
      if (runs.at(-1)?.day !== day) runs.push({ day, owners: [] });
      (runs.at(-1) as { owners: string[] }).owners.push(String(item.owner));
      const n = parseDay(day) as ChinaDay;
      const figures = Object.fromEntries(Object.keys(STAT_FIELDS).filter((field) => field in item).map((field) => [field, item[field]]));
      expect({ end_date: item.end_date, figures }).toEqual({ end_date: day, figures: emu.company.windowData(String(item.owner), n, n) });
    }
    expect(runs.map((run) => run.day)).toEqual(delivered);
    expect(runs.every((run) => run.owners.length === owners.length && [...run.owners].sort().join() === owners.join())).toBe(true);
    console.log(`By Owner, 400 days: ${JSON.stringify(sim.counts)}, ${sim.sink.length} items, ${sim.timeline.filter((e) => e.lost).length} days lost`);
  });
});

it('puts no secret or token in any item or error of the simulations above', () => {
  expect(Object.keys(captured.texts).length).toBeGreaterThan(600);
  expect(captured.joined()).toMatch(/WeCom errcode -1/);
  expect(captured.tokenCount).toBeGreaterThan(0);
  expect(captured.leaks()).toEqual([]);
});
