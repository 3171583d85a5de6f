/**
 * In-process workflow tests: workflow JSON fixtures run by n8n-core's engine (WorkflowExecute)
 * with the WeCom node, against the local emulator. The emulator's company data is the oracle.
 */
import { NodeApiError, NodeOperationError, type IDataObject, type INodeExecutionData } from 'n8n-workflow';
import { dayStartSeconds, parseDay, type ChinaDay } from '../../core/dates/chinaDay';
import { startEmulator, type Emulator, type EmulatorOptions, type StatData } from '../../emulator';
import { InProcessN8n, releaseN8nResources, withNode, type WorkflowRun } from '../../scripts/hosts/n8n/engine';
import { serializeEverything } from '../support/serializeEverything';
import { loadFixture } from './fixtures';

const TODAY = '2026-11-25';
/** 10:00 on TODAY in China: the node resolves dates against this clock, the emulator against TODAY. */
const NOW = new Date('2026-11-25T02:00:00Z');
const NODE = 'WeCom';
const STAT_KEYS: (keyof StatData)[] = ['new_chat_cnt', 'chat_total', 'chat_has_msg', 'new_member_cnt', 'member_total', 'member_has_msg', 'msg_total'];

// Only Date is faked: the node's presets and date checks see NOW; timers, I/O and the engine run for real.
beforeEach(() => {
  jest.useFakeTimers({
    now: NOW,
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
      'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
    ],
  });
});

const emulators: Emulator[] = [];
async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ port: 0, host: '127.0.0.1', today: TODAY, owners: 250, seed: 3, ...options });
  emulators.push(emu);
  return emu;
}
afterEach(async () => {
  jest.useRealTimers();
  await Promise.all(emulators.splice(0).map((emu) => emu.close()));
});
afterAll(releaseN8nResources);

function day(text: string): ChinaDay {
  const parsed = parseDay(text);
  if (parsed === undefined) throw new Error(`not a day: ${text}`);
  return parsed;
}

function figures(data: StatData): Record<string, number> {
  return Object.fromEntries(STAT_KEYS.map((key) => [key, data[key] as number]));
}

/** The company's figures summed over the given owners for one window. */
function sumOver(emu: Emulator, owners: readonly string[], begin: ChinaDay, end: ChinaDay): Record<string, number> {
  const sum = Object.fromEntries(STAT_KEYS.map((key) => [key, 0]));
  for (const owner of owners) {
    const data = emu.company.windowData(owner, begin, end);
    for (const key of STAT_KEYS) sum[key] += data[key] as number;
  }
  return sum;
}

function expectSuccess(result: WorkflowRun): void {
  expect(result.run.data.resultData.error).toBeUndefined();
  expect(result.run.status).toBe('success');
}

/** Items grouped by window (start_date..end_date), in output order. */
function byWindow(items: INodeExecutionData[]): Map<string, IDataObject[]> {
  const windows = new Map<string, IDataObject[]>();
  for (const { json } of items) {
    const key = `${String(json.start_date)}..${String(json.end_date)}`;
    windows.set(key, [...(windows.get(key) ?? []), json]);
  }
  return windows;
}

describe('WeCom node in n8n workflows, run by n8n-core against the emulator', () => {
  it('by day, 90 custom days, all members with Customer Contact: one item per day with the company sums', async () => {
    const emu = await emulator();
    const n8n = new InProcessN8n(emu);
    const result = await n8n.run(loadFixture('byday-all-owners-90d'));
    expectSuccess(result);

    const items = result.items(NODE);
    expect(items).toHaveLength(90);
    expect(items[0].json.date).toBe('2026-08-01');
    expect(items[89].json.date).toBe('2026-10-29');
    for (const item of items) {
      expect(item.pairedItem).toEqual({ item: 0 });
      expect(item.json.owner_count).toBe(250);
    }
    expect(emu.company.ownerIds).toHaveLength(250);
    for (const index of [0, 37, 89]) {
      const { json } = items[index];
      const d = day(json.date as string);
      expect(json).toEqual({
        date: json.date,
        stat_time: dayStartSeconds(d),
        owner_count: 250,
        ...sumOver(emu, emu.company.ownerIds, d, d),
      });
    }
    // One token, the owner list, then 3 windows x 3 batches of up to 100 owners.
    expect(emu.callCount('gettoken')).toBe(1);
    expect(emu.callCount('get_follow_user_list')).toBe(1);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(9);
    expect(emu.callCount('groupchat/statistic')).toBe(0);
    expect(n8n.credentials.preAuthenticationFetches).toBe(1);
  });

  it('by owner, 95 custom days, 250 listed owners, return all: each window ranked by new chats, flat and raw', async () => {
    const emu = await emulator();
    const fixture = loadFixture('byowner-listed-95d');
    const owners = emu.company.ownerIds.slice(0, 250);
    expect(fixture.nodes.find((node) => node.name === NODE)?.parameters.owners).toBe(owners.join('\n'));
    const n8n = new InProcessN8n(emu);

    const flat = await n8n.run(fixture);
    expectSuccess(flat);
    const items = flat.items(NODE);
    expect(items).toHaveLength(4 * 250);
    const windows = byWindow(items);
    expect([...windows.keys()]).toEqual([
      '2026-08-01..2026-08-30',
      '2026-08-31..2026-09-29',
      '2026-09-30..2026-10-29',
      '2026-10-30..2026-11-03',
    ]);
    for (const [key, records] of windows) {
      const [begin, end] = key.split('..').map(day);
      expect(records).toHaveLength(250);
      expect(new Set(records.map((json) => json.owner))).toEqual(new Set(owners));
      const counts = records.map((json) => json.new_chat_cnt as number);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(counts[0]).toBeGreaterThan(counts[249]);
      for (const json of records) {
        expect(json).toEqual({
          owner: json.owner,
          start_date: key.slice(0, 10),
          end_date: key.slice(12),
          day_begin_time: dayStartSeconds(begin),
          day_end_time: dayStartSeconds(end),
          ...figures(emu.company.windowData(json.owner as string, begin, end)),
        });
      }
    }
    for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
    expect(emu.callCount('gettoken')).toBe(1);
    expect(emu.callCount('get_follow_user_list')).toBe(0);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(0);
    // 4 windows x 3 batches of up to 100 owners (each owner once per window), one page each.
    expect(emu.callCount('groupchat/statistic')).toBe(12);
    const batchSizes = emu.log
      .filter((entry) => entry.endpoint === 'groupchat/statistic')
      .map((entry) => (entry.body as { owner_filter: { userid_list: string[] } }).owner_filter.userid_list.length);
    expect(Math.max(...batchSizes)).toBeLessThanOrEqual(100);
    expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBe(4 * 250);

    const raw = await n8n.run(withNode(fixture, NODE, { parameters: { options: { output: 'raw', ownerRecords: 'perWindow' } } }));
    expectSuccess(raw);
    const rawItems = raw.items(NODE);
    expect(rawItems).toHaveLength(1000);
    // Same records in the same order, in WeCom's shape plus the window.
    rawItems.forEach(({ json }, index) => {
      const flatJson = items[index].json;
      expect(Object.keys(json).sort()).toEqual(['data', 'day_begin_time', 'day_end_time', 'owner']);
      expect(json).toEqual({
        owner: flatJson.owner,
        data: figures(flatJson as unknown as StatData),
        day_begin_time: flatJson.day_begin_time,
        day_end_time: flatJson.day_end_time,
      });
    });
    // The second run reused the stored token.
    expect(emu.callCount('gettoken')).toBe(1);
  });

  it('runs once per input item: owner lists from an expression, outputs paired with their input item', async () => {
    const emu = await emulator();
    const n8n = new InProcessN8n(emu);
    const fixture = loadFixture('owners-per-item');
    expect(fixture.nodes.find((node) => node.name === NODE)?.parameters.owners).toBe('={{ $json.owners }}');
    const result = await n8n.run(fixture);
    expectSuccess(result);

    expect(result.items('Teams').map((item) => item.json.owners)).toEqual([
      ['owner_00001', 'owner_00002', 'owner_00003'],
      ['owner_00010', 'owner_00011'],
    ]);
    const items = result.items(NODE);
    expect(items).toHaveLength(5);
    const begin = day('2026-11-01');
    const end = day('2026-11-10');
    const expected = [
      { item: 0, owners: ['owner_00001', 'owner_00002', 'owner_00003'] },
      { item: 1, owners: ['owner_00010', 'owner_00011'] },
    ];
    for (const { item, owners } of expected) {
      const paired = items.filter((output) => (output.pairedItem as { item: number }).item === item);
      expect(paired.map((output) => output.json.owner).sort()).toEqual(owners);
      for (const { json } of paired) {
        expect(json).toMatchObject({ start_date: '2026-11-01', end_date: '2026-11-10', ...figures(emu.company.windowData(json.owner as string, begin, end)) });
      }
      const counts = paired.map((output) => output.json.new_chat_cnt as number);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
    // Item 0's outputs come first, then item 1's.
    expect(items.map((output) => (output.pairedItem as { item: number }).item)).toEqual([0, 0, 0, 1, 1]);
    // One token for the whole execution, one statistic call per input item.
    expect(emu.callCount('gettoken')).toBe(1);
    expect(emu.callCount('groupchat/statistic')).toBe(2);
  });

  it('resolves a preset against the clock: Last 7 Days ends yesterday in China time', async () => {
    const emu = await emulator();
    const n8n = new InProcessN8n(emu);
    const fixture = loadFixture('byday-last7days');

    const result = await n8n.run(fixture);
    expectSuccess(result);
    expect(result.items(NODE).map((item) => item.json.date)).toEqual([
      '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24',
    ]);

    // Five days earlier on the node's clock (still inside what the emulator keeps).
    jest.setSystemTime(new Date('2026-11-20T02:00:00Z'));
    const earlier = await n8n.run(fixture);
    expectSuccess(earlier);
    const items = earlier.items(NODE);
    expect(items.map((item) => item.json.date)).toEqual([
      '2026-11-13', '2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19',
    ]);
    const d = day('2026-11-13');
    expect(items[0].json).toMatchObject({ owner_count: 250, ...sumOver(emu, emu.company.ownerIds, d, d) });
  });

  it('keeps the token in the n8n credential: reused across runs, refreshed once after expiry and after revocation', async () => {
    const emu = await emulator();
    const n8n = new InProcessN8n(emu);
    const fixture = loadFixture('byday-week');
    expect(n8n.storedCredential().accessToken).toBeUndefined();

    for (let run = 0; run < 3; run++) {
      const result = await n8n.run(fixture);
      expectSuccess(result);
      expect(result.items(NODE)).toHaveLength(7);
    }
    expect(emu.callCount('gettoken')).toBe(1);
    expect(n8n.credentials.preAuthenticationFetches).toBe(1);
    expect(n8n.credentials.updates).toBe(1);
    const first = n8n.storedCredential();
    expect(typeof first.accessToken).toBe('string');
    expect((first.accessToken as string).length).toBeGreaterThan(20);
    expect(first.accessTokenExpiresAt).toBe(NOW.getTime() + 7200 * 1000);
    // 3 runs x (owner list + 3 batches), no retries.
    expect(emu.callCount()).toBe(1 + 3 * 4);

    emu.expireTokens();
    emu.clearLog();
    const afterExpiry = await n8n.run(fixture);
    expectSuccess(afterExpiry);
    expect(afterExpiry.items(NODE)).toHaveLength(7);
    expect(emu.log.filter((entry) => entry.errcode === 42001).length).toBeGreaterThan(0);
    expect(emu.callCount('gettoken')).toBe(1);
    expect(n8n.credentials.preAuthenticationFetches).toBe(2);
    const second = n8n.storedCredential();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect((second.accessToken as string).length).toBeGreaterThan(20);
    // The refresh came after the first rejection, and nothing was rejected after it.
    const refresh = emu.log.findIndex((entry) => entry.endpoint === 'gettoken');
    expect(refresh).toBeGreaterThan(emu.log.findIndex((entry) => entry.errcode === 42001));
    expect(emu.log.slice(refresh).map((entry) => entry.errcode)).toEqual(emu.log.slice(refresh).map(() => 0));

    emu.revokeTokens();
    emu.clearLog();
    const afterRevocation = await n8n.run(fixture);
    expectSuccess(afterRevocation);
    expect(afterRevocation.items(NODE)).toHaveLength(7);
    expect(emu.log.filter((entry) => entry.errcode === 40014).length).toBeGreaterThan(0);
    const refreshAgain = emu.log.findIndex((entry) => entry.endpoint === 'gettoken');
    expect(refreshAgain).toBeGreaterThan(emu.log.findIndex((entry) => entry.errcode === 40014));
    expect(emu.log.slice(refreshAgain).map((entry) => entry.errcode)).toEqual(emu.log.slice(refreshAgain).map(() => 0));
    expect(emu.callCount('gettoken')).toBe(1);
    expect(n8n.credentials.preAuthenticationFetches).toBe(3);
    const third = n8n.storedCredential();
    expect(third.accessToken).not.toBe(second.accessToken);
    expect(third.accessToken).not.toBe(first.accessToken);

    // And the refreshed token is reused again.
    emu.clearLog();
    expectSuccess(await n8n.run(fixture));
    expect(emu.callCount('gettoken')).toBe(0);
    expect(n8n.credentials.preAuthenticationFetches).toBe(3);
    expect(n8n.storedCredential().accessToken).toBe(third.accessToken);
  });

  it('fails the node with a NodeApiError for a WeCom error, or emits an error item with Continue On Fail', async () => {
    const emu = await emulator({ invisibleOwners: ['owner_00003'] });
    const n8n = new InProcessN8n(emu);
    const fixture = loadFixture('invisible-owner');

    const failed = await n8n.run(fixture);
    expect(failed.run.status).toBe('error');
    const error = failed.run.data.resultData.error;
    // The engine keeps a copy of the thrown error ({...error, message, stack}): its class shows in `name`.
    expect(error?.name).toBe(NodeApiError.name);
    expect(error).toMatchObject({ errorResponse: { errcode: 60011, endpoint: 'externalcontact/groupchat/statistic' }, context: { itemIndex: 0 } });
    expect(error?.message).toContain('errcode 60011');
    expect(error?.description).toContain('visible range');
    expect(failed.run.data.resultData.lastNodeExecuted).toBe(NODE);
    const task = failed.task(NODE);
    expect(task.error).toEqual(error);
    expect(task.executionStatus).toBe('error');
    expect(emu.log.filter((entry) => entry.endpoint === 'groupchat/statistic').map((entry) => entry.errcode)).toEqual([60011]);

    const continued = await n8n.run(withNode(fixture, NODE, { onError: 'continueRegularOutput' }));
    expectSuccess(continued);
    const items = continued.items(NODE);
    expect(items).toHaveLength(1);
    expect(items[0].pairedItem).toEqual({ item: 0 });
    expect(items[0].json).toMatchObject({ errcode: 60011, endpoint: expect.stringContaining('groupchat/statistic') });
    expect(items[0].json.error).toContain('errcode 60011');
    expect(items[0].json.hint).toContain('visible range');
  });

  it('with "Continue (using error output)" sends the error item to the error output, not among the records', async () => {
    const emu = await emulator({ invisibleOwners: ['owner_00003'] });
    const result = await new InProcessN8n(emu).run(withNode(loadFixture('invisible-owner'), NODE, { onError: 'continueErrorOutput' }));
    expectSuccess(result);
    const [regular, errors] = result.task(NODE).data?.main ?? [];
    expect(regular).toEqual([]);
    expect(errors).toHaveLength(1);
    // n8n keeps only the message in an error output item's json.
    expect(errors?.[0].json).toEqual({ error: expect.stringContaining('WeCom errcode 60011: no privilege') });
    expect(errors?.[0].pairedItem).toEqual({ item: 0 });
  });

  it.each([['stops', {}], ['stops with Continue On Fail', { onError: 'continueRegularOutput' as const }]])(
    '%s as canceled when the execution is stopped mid-run: no error, no error item',
    async (_name, settings) => {
      const emu = await emulator({ latencyMs: 200 });
      const stop = new AbortController();
      setTimeout(() => stop.abort(), 100);
      const result = await new InProcessN8n(emu).run(withNode(loadFixture('byday-all-owners-90d'), NODE, settings), stop.signal);
      expect(result.run.status).toBe('canceled');
      expect(result.run.data.resultData.error?.name).toBe('ManualExecutionCancelledError');
      expect(result.task(NODE).error).toBeUndefined();
      expect(result.items(NODE)).toEqual([]);
    },
  );

  it('rejects a bad parameter (From after To) with a NodeOperationError before any request', async () => {
    const emu = await emulator();
    const n8n = new InProcessN8n(emu);
    const result = await n8n.run(loadFixture('from-after-to'));

    expect(result.run.status).toBe('error');
    const error = result.run.data.resultData.error;
    expect(error?.name).toBe(NodeOperationError.name);
    expect(error?.message).toBe('Invalid From: 2026-10-10 is after To (2026-10-01). Allowed: a From on or before To.');
    expect(error?.description).toContain('Parameter: From.');
    expect(result.task(NODE).error).toEqual(error);
    expect(emu.callCount()).toBe(0);
    expect(emu.log).toHaveLength(0);
    expect(n8n.credentials.preAuthenticationFetches).toBe(0);
  });

  it('leaks neither the corp secret nor any access token into run data, failures included', async () => {
    const corpSecret = 'corp-secret-9d41c7e2b8';
    const emu = await emulator({ corpSecret, invisibleOwners: ['owner_00003'] });
    const n8n = new InProcessN8n(emu);
    const listed = withNode(loadFixture('byday-week'), NODE, { parameters: { ownerSource: 'list', owners: 'owner_00001\nowner_00002' } });
    const invisible = loadFixture('invisible-owner');

    const runs: WorkflowRun[] = [];
    const tokens = new Set<string>();
    const noteToken = () => tokens.add(n8n.storedCredential().accessToken as string);

    runs.push(await n8n.run(listed));
    expectSuccess(runs[0]);
    noteToken();
    runs.push(await n8n.run(invisible));
    runs.push(await n8n.run(withNode(invisible, NODE, { onError: 'continueRegularOutput' })));
    runs.push(await n8n.run(loadFixture('from-after-to')));
    emu.expireTokens();
    runs.push(await n8n.run(listed));
    noteToken();
    emu.revokeTokens();
    runs.push(await n8n.run(invisible));
    noteToken();

    expect(runs.map((result) => result.run.status)).toEqual(['success', 'error', 'success', 'error', 'success', 'error']);
    expect(tokens.size).toBe(3);
    expect(new Set(emu.issuedTokens())).toEqual(tokens);
    const secrets = [corpSecret, ...tokens];
    for (const secret of secrets) expect(secret.length).toBeGreaterThan(8);
    // The serialization does include what the failures carry (message, description, stack).
    expect(serializeEverything(runs[1].run)).toContain('errcode 60011');
    expect(serializeEverything(runs[3].run)).toContain('at toNodeError');
    for (const result of runs) {
      const plain = JSON.stringify(result.run.data);
      const everything = serializeEverything(result.run);
      for (const secret of secrets) {
        expect(plain).not.toContain(secret);
        expect(everything).not.toContain(secret);
      }
    }
  });
});
