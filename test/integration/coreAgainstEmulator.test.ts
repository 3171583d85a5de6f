import { parseDay, dayStartSeconds } from '../../core/dates/chinaDay';
import { WeComClient, type WeComClientOptions } from '../../core/client';
import { createAxiosTransport } from '../../core/http/axiosTransport';
import { InvalidInputError, WeComError } from '../../core/errors/WeComError';
import { ALL_OWNERS } from '../../core/query/owners';
import type { StatisticQuery } from '../../core/query/query';
import type { DayRecord, OwnerRecord, StatRecord } from '../../core/records/records';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';

const TODAY = '2026-11-25';
// Mid-morning in China on TODAY, whatever this machine's zone.
const now = () => Date.parse(`${TODAY}T10:00:00+08:00`);
const fastRetry = { baseDelayMs: 2, maxDelayMs: 20, rateLimitDelayMs: 5, maxRateLimitDelayMs: 20 };

const emulators: Emulator[] = [];
async function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = await startEmulator({ port: 0, today: TODAY, owners: 300, seed: 7, ...options });
  emulators.push(emu);
  return emu;
}
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((emu) => emu.close()));
});

function client(emu: Emulator, options: Partial<WeComClientOptions> = {}): WeComClient {
  return new WeComClient({
    baseUrl: emu.baseUrl,
    corpId: emu.corpId,
    corpSecret: emu.corpSecret,
    tokenStore: new MemoryTokenStore(),
    now,
    retry: fastRetry,
    ...options,
  });
}

const byDay90: StatisticQuery = { mode: 'byDay', dates: { preset: 'last90Days' }, owners: ALL_OWNERS };
const byOwner45: StatisticQuery = { mode: 'byOwner', dates: { from: '2026-10-01', to: '2026-11-14' }, owners: ALL_OWNERS };
// 6 windows x 3 batches + the owner list: enough calls for every fault kind to strike.
const byOwner180: StatisticQuery = { mode: 'byOwner', dates: { preset: 'last180Days' }, owners: ALL_OWNERS };

describe('core client against the emulator', () => {
  it('by day, last 90 days, all members with Customer Contact: sums equal the company figures', async () => {
    const emu = await emulator();
    const wecom = client(emu);
    const { plan, records } = await wecom.collectStatistics(byDay90);
    const days = records as DayRecord[];
    expect(plan.windows).toHaveLength(3);
    expect(plan.batches).toHaveLength(3);
    expect(days).toHaveLength(90);
    expect(days[0].date).toBe('2026-08-27');
    expect(days[89].date).toBe('2026-11-24');
    for (const record of [days[0], days[45], days[89]]) {
      const day = parseDay(record.date) as number;
      expect(record.stat_time).toBe(dayStartSeconds(day));
      const expected = { new_chat_cnt: 0, member_total: 0, msg_total: 0 };
      for (const owner of emu.company.ownerIds) {
        const data = emu.company.windowData(owner, day, day);
        expected.new_chat_cnt += data.new_chat_cnt;
        expected.member_total += data.member_total;
        expected.msg_total += data.msg_total;
      }
      expect(record.data).toMatchObject(expected);
      expect(record.owner_count).toBe(300);
    }
    // token + owner list + 3 windows x 3 batches, nothing more.
    expect(emu.callCount('gettoken')).toBe(1);
    expect(emu.callCount('get_follow_user_list')).toBe(1);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(9);
    expect(wecom.calls).toEqual({
      gettoken: 1,
      'externalcontact/get_follow_user_list': 1,
      'externalcontact/groupchat/statistic_group_by_day': 9,
    });
  });

  it('by owner, 45 days, 250 listed owners: one record per owner per window with window figures', async () => {
    const emu = await emulator();
    const owners = emu.company.ownerIds.slice(0, 250);
    const { records } = await client(emu).collectStatistics({ ...byOwner45, owners: owners.join('\n'), ownerRecords: 'perWindow' });
    const rows = records as OwnerRecord[];
    expect(rows).toHaveLength(500);
    const first = rows.filter((r) => r.start_date === '2026-10-01');
    const second = rows.filter((r) => r.start_date === '2026-10-31');
    expect(first).toHaveLength(250);
    expect(second.every((r) => r.end_date === '2026-11-14')).toBe(true);
    expect(new Set(first.map((r) => r.owner))).toEqual(new Set(owners));
    const sample = second[17];
    expect(sample.data).toEqual(emu.company.windowData(sample.owner, parseDay('2026-10-31') as number, parseDay('2026-11-14') as number));
    const counts = first.map((r) => r.data.new_chat_cnt);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(emu.callCount('groupchat/statistic')).toBe(2 * 3);
  });

  it('by owner, 45 days, 250 listed owners, combined: one record per owner with the range figures', async () => {
    const emu = await emulator();
    const owners = emu.company.ownerIds.slice(0, 250);
    const { records } = await client(emu).collectStatistics({ ...byOwner45, owners: owners.join('\n') });
    const rows = records as OwnerRecord[];
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.owner))).toEqual(new Set(owners));
    // The emulator's figures over a whole range are new_* summed and the rest as of its last day: the combining rule.
    const [from, to] = [parseDay('2026-10-01') as number, parseDay('2026-11-14') as number];
    for (const row of rows) expect(row.data).toEqual(emu.company.windowData(row.owner, from, to));
    expect(rows.every((r) => r.start_date === '2026-10-01' && r.end_date === '2026-11-14' && r.as_of_date === '2026-11-14')).toBe(true);
    expect(emu.callCount('groupchat/statistic')).toBe(2 * 3);
  });

  it('by owner with a limit ranks across batches: the top 5 of all 300 owners', async () => {
    const emu = await emulator();
    const { records } = await client(emu).collectStatistics({ ...byOwner45, dates: { preset: 'yesterday' }, orderBy: 'memberTotal', limit: 5 });
    const day = parseDay('2026-11-24') as number;
    const expected = emu.company.ownerIds
      .map((owner) => ({ owner, total: emu.company.windowData(owner, day, day).member_total }))
      .sort((a, b) => b.total - a.total || (a.owner < b.owner ? -1 : 1))
      .slice(0, 5)
      .map((r) => r.owner);
    expect((records as OwnerRecord[]).map((r) => r.owner)).toEqual(expected);
  });

  it('returns migrate_trainee_chat_cnt only when WeCom does', async () => {
    const general = await emulator();
    const education = await emulator({ industry: 'education' });
    const query: StatisticQuery = { mode: 'byDay', dates: { preset: 'yesterday' }, owners: 'owner_00001,owner_00002' };
    const [plain] = (await client(general).collectStatistics(query)).records as DayRecord[];
    const [school] = (await client(education).collectStatistics(query)).records as DayRecord[];
    expect(plain.data).not.toHaveProperty('migrate_trainee_chat_cnt');
    expect(school.data).toHaveProperty('migrate_trainee_chat_cnt');
  });
});

describe('faults: the records equal a fault-free run', () => {
  async function run(options: EmulatorOptions, clientOptions: Partial<WeComClientOptions> = {}): Promise<{ records: StatRecord[]; emu: Emulator }> {
    const emu = await emulator(options);
    const { records } = await client(emu, { retry: { ...fastRetry, retries: 8 }, timeoutMs: 400, ...clientOptions }).collectStatistics(byOwner180);
    return { records, emu };
  }

  let baseline: StatRecord[];
  beforeAll(async () => {
    const emu = await startEmulator({ port: 0, today: TODAY, owners: 300, seed: 7 });
    try {
      baseline = (await client(emu).collectStatistics(byOwner180)).records;
      expect(baseline).toHaveLength(300);
    } finally {
      await emu.close();
    }
  });

  it.each([
    ['busy (-1)', { busy: 0.3 }],
    ['rate limited (45009)', { rateLimited: 0.3 }],
    ['too concurrent (45033)', { concurrency: 0.3 }],
    ['HTTP 502/503', { http5xx: 0.3 }],
    ['reset connections', { reset: 0.3 }],
    ['timeouts', { timeout: 0.2 }],
    ['malformed bodies', { malformed: 0.3 }],
    ['all kinds mixed', { busy: 0.05, rateLimited: 0.05, concurrency: 0.05, http5xx: 0.05, reset: 0.05, timeout: 0.03, malformed: 0.05 }],
  ])('%s', async (_name, faults) => {
    for (const faultSeed of [1, 2]) {
      const { records, emu } = await run({ faults, faultSeed });
      expect(records).toEqual(baseline);
      expect(emu.log.some((entry) => entry.fault !== undefined)).toBe(true);
    }
  });

  it('45033 under a real concurrency limit: lowers concurrency and still delivers everything', async () => {
    const retries: string[] = [];
    const { records, emu } = await run({ maxConcurrentPerApi: 2, latencyMs: 20 }, { concurrency: 8, onRetry: (e) => retries.push(e.reason) });
    expect(records).toEqual(baseline);
    expect(retries).toContain('too-concurrent');
    expect(emu.log.filter((e) => e.errcode === 45033).length).toBeGreaterThan(0);
  });

  it('fails with a clear error when faults outlast the retry budget', async () => {
    const emu = await emulator({ faults: { busy: 1 } });
    const error = await client(emu, { retry: { ...fastRetry, retries: 2 } })
      .collectStatistics(byOwner45)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComError);
    expect(error).toMatchObject({ errcode: -1, attempts: 3, endpoint: 'externalcontact/get_follow_user_list' });
    expect((error as Error).message).toMatch(/after 3 attempts: errcode -1/);
  });
});

describe('tokens against the emulator', () => {
  it('reuses one token across runs and clients sharing a store', async () => {
    const emu = await emulator();
    const store = new MemoryTokenStore();
    const query: StatisticQuery = { mode: 'byDay', dates: { preset: 'yesterday' }, owners: 'owner_00001' };
    await client(emu, { tokenStore: store }).collectStatistics(query);
    await client(emu, { tokenStore: store }).collectStatistics(query);
    await Promise.all([client(emu, { tokenStore: store }).collectStatistics(query), client(emu, { tokenStore: store }).collectStatistics(query)]);
    expect(emu.callCount('gettoken')).toBe(1);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(4);
  });

  it.each([
    ['expired (42001)', (emu: Emulator) => emu.expireTokens()],
    ['revoked (40014)', (emu: Emulator) => emu.revokeTokens()],
  ])('refreshes exactly once when every token is %s mid-run, losing no page', async (_name, invalidate) => {
    const emu = await emulator({ latencyMs: 5 });
    const wecom = client(emu, { concurrency: 4 });
    const baseline = (await wecom.collectStatistics(byOwner45)).records;
    expect(emu.callCount('gettoken')).toBe(1);
    const records: StatRecord[] = [];
    let invalidated = false;
    for await (const record of wecom.fetchStatistics(byOwner45, {
      onProgress: (p) => {
        if (!invalidated && p.requestsDone >= 2) {
          invalidated = true;
          invalidate(emu);
        }
      },
    })) records.push(record);
    expect(records).toEqual(baseline);
    expect(emu.callCount('gettoken')).toBe(2);
  });

  it('a wrong secret fails with 40001 and its hint, after one gettoken and no other call', async () => {
    const emu = await emulator();
    const error = await client(emu, { corpSecret: 'not-the-secret-123' })
      .collectStatistics(byDay90)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ errcode: 40001, endpoint: 'gettoken', attempts: 1 });
    expect((error as WeComError).hint).toContain('客户联系');
    expect(JSON.stringify(error) + (error as Error).message + (error as Error).stack).not.toContain('not-the-secret-123');
    expect(emu.callCount()).toBe(1);
  });

  it('a wrong corp ID fails with 40013', async () => {
    const emu = await emulator();
    await expect(client(emu, { corpId: 'ww_wrong' }).collectStatistics(byDay90)).rejects.toMatchObject({ errcode: 40013 });
  });
});

describe('bad input is refused before any API call', () => {
  it.each([
    ['From after To', { ...byDay90, dates: { from: '2026-11-10', to: '2026-11-01' } }, 'from'],
    ['today, To empty', { ...byDay90, dates: { from: TODAY } }, 'from'],
    ['a To of today', { ...byDay90, dates: { from: '2026-11-20', to: TODAY } }, 'to'],
    ['older than 180 days', { ...byDay90, dates: { from: '2026-05-01', to: '2026-05-02' } }, 'from'],
    ['a bad date', { ...byDay90, dates: { from: '2026-02-30' } }, 'from'],
    ['an empty owner list', { ...byDay90, owners: ' , ' }, 'owners'],
    ['a limit of 0', { ...byOwner45, limit: 0 }, 'limit'],
    ['an unknown sort', { ...byOwner45, orderBy: 'members' }, 'orderBy'],
    ['an unknown mode', { ...byDay90, mode: 'byWeek' }, 'mode'],
  ])('%s', async (_name, query, field) => {
    const emu = await emulator();
    const error = await client(emu).collectStatistics(query as StatisticQuery).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe(field);
    expect(emu.callCount()).toBe(0);
  });

  it('clamps to the available 180 days when asked', async () => {
    const emu = await emulator();
    const { plan } = await client(emu).collectStatistics({ ...byDay90, dates: { from: '2026-04-01', to: '2026-12-31', clamp: true }, owners: 'owner_00001' });
    expect(plan.range).toEqual({ from: parseDay('2026-05-29'), to: parseDay('2026-11-24') });
  });
});

describe('stopping', () => {
  it('an abort stops every request within a second', async () => {
    const emu = await emulator({ latencyMs: 50 });
    const controller = new AbortController();
    // When each request left the client: the server's arrival times lag on a busy machine.
    const sentAt: number[] = [];
    const axiosTransport = createAxiosTransport();
    const wecom = client(emu, {
      concurrency: 2,
      transport: (request) => {
        sentAt.push(Date.now());
        return axiosTransport(request);
      },
    });
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = Date.now();
      controller.abort();
    }, 150);
    await expect(wecom.collectStatistics({ ...byDay90, dates: { preset: 'last180Days' } }, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 200));
    expect(sentAt.length).toBeGreaterThan(1);
    expect(sentAt.filter((at) => at > abortedAt)).toEqual([]);
    // The emulator saw no request the client did not send (one cut off early may never arrive).
    expect(emu.callCount()).toBeLessThanOrEqual(sentAt.length);
  });
});
