import { WeComClient } from '../../core/client';
import { parseDay } from '../../core/dates/chinaDay';
import { WeComError } from '../../core/errors/WeComError';
import { fetchDays, type FetchedDay } from '../../core/history/fetchDays';
import { ALL_OWNERS } from '../../core/query/owners';
import type { DayRecord, OwnerRecord } from '../../core/records/records';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { startEmulator, type Emulator } from '../../emulator';

const TODAY = '2026-11-25';
const now = () => Date.parse(`${TODAY}T10:00:00+08:00`);
const fastRetry = { baseDelayMs: 2, maxDelayMs: 20, rateLimitDelayMs: 5, maxRateLimitDelayMs: 20, retries: 1 };
const days = (first: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) => new Date(Date.parse(`${first}T00:00:00Z`) + i * 86_400_000).toISOString().slice(0, 10));

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0, today: TODAY, owners: 150, seed: 3 });
});
afterEach(async () => {
  await emu.close();
});
const client = () => new WeComClient({ baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: emu.corpSecret, tokenStore: new MemoryTokenStore(), now, retry: fastRetry });

async function collect(generator: AsyncGenerator<FetchedDay>, onDay: (day: FetchedDay) => void = () => undefined): Promise<{ fetched: FetchedDay[]; error?: unknown }> {
  const fetched: FetchedDay[] = [];
  try {
    for await (const day of generator) {
      fetched.push(day);
      onDay(day);
    }
  } catch (error) {
    return { fetched, error };
  }
  return { fetched };
}

describe('fetchDays against the emulator', () => {
  test('by day: each due day once, oldest first, with the company sums; one query per 30-day window, owners listed once', async () => {
    const due = days('2026-10-01', 45);
    const { fetched, error } = await collect(fetchDays(client(), { mode: 'byDay', owners: ALL_OWNERS }, due));
    expect(error).toBeUndefined();
    expect(fetched.map((d) => d.day)).toEqual(due);
    for (const { day, records } of fetched) {
      expect(records).toHaveLength(1);
      const record = records[0] as DayRecord;
      const n = parseDay(day) as number;
      const expected = emu.company.ownerIds.reduce((sum, owner) => sum + emu.company.windowData(owner, n, n).new_chat_cnt, 0);
      expect({ date: record.date, new_chat_cnt: record.data.new_chat_cnt, owner_count: record.owner_count }).toEqual({ date: day, new_chat_cnt: expected, owner_count: 150 });
    }
    expect(emu.callCount('get_follow_user_list')).toBe(1);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(2 * 2); // 2 windows x 2 batches of 75
  });

  test('by owner: Sort By, Sort Direction and Limit rank each day', async () => {
    const due = days('2026-11-20', 2);
    const { fetched } = await collect(fetchDays(client(), { mode: 'byOwner', owners: ALL_OWNERS, orderBy: 'memberTotal', ascending: true, limit: 5 }, due));
    for (const { day, records } of fetched) {
      const n = parseDay(day) as number;
      const expected = [...emu.company.ownerIds]
        .sort((a, b) => emu.company.windowData(a, n, n).member_total - emu.company.windowData(b, n, n).member_total || (a < b ? -1 : 1))
        .slice(0, 5)
        .map((owner) => emu.company.windowData(owner, n, n).member_total);
      expect((records as OwnerRecord[]).map((record) => record.data.member_total)).toEqual(expected);
    }
  });

  test("by owner: one record per owner per day, that day's own figures; owners listed once", async () => {
    const due = days('2026-11-20', 3);
    const { fetched } = await collect(fetchDays(client(), { mode: 'byOwner', owners: ALL_OWNERS }, due));
    expect(fetched.map((d) => d.day)).toEqual(due);
    for (const { day, records } of fetched) {
      const rows = records as OwnerRecord[];
      expect(rows).toHaveLength(150);
      const n = parseDay(day) as number;
      for (const row of rows) {
        expect({ start: row.start_date, end: row.end_date }).toEqual({ start: day, end: day });
        expect(row.data).toEqual(emu.company.windowData(row.owner, n, n));
      }
    }
    expect(emu.callCount('get_follow_user_list')).toBe(1);
    expect(emu.callCount('groupchat/statistic')).toBe(3 * 2);
  });

  test('a failure ends the run: only the days fetched in full were yielded', async () => {
    const due = days('2026-09-01', 70);
    const { fetched, error } = await collect(fetchDays(client(), { mode: 'byDay', owners: 'owner_00001,owner_00002' }, due), () => emu.setFaults({ busy: 1 }));
    expect(error).toBeInstanceOf(WeComError);
    expect(fetched.map((d) => d.day)).toEqual(due.slice(0, 30));
  });
});
