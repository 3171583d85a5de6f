import { dayRecords, readDayItems, type DayItem } from '../../core/records/byDay';
import { ownerRecords, readOwnerItems, type OwnerItem } from '../../core/records/byOwner';
import { addStatData, readStatData, STAT_FIELDS, type StatData } from '../../core/records/fields';
import type { DayRecord, OwnerRecord } from '../../core/records/records';
import { flattenRecord, rawRecord } from '../../core/records/shape';

const ZERO: StatData = {
  new_chat_cnt: 0,
  chat_total: 0,
  chat_has_msg: 0,
  new_member_cnt: 0,
  member_total: 0,
  member_has_msg: 0,
  msg_total: 0,
};
const stat = (partial: Partial<StatData>): StatData => ({ ...ZERO, ...partial });

// Days since 1970-01-01 and China midnights, computed by hand / with `date`.
const D_2020_09_17 = 18522; // midnight China = 1600272000
const D_2020_09_18 = 18523; // 1600358400
const D_2020_09_19 = 18524; // 1600444800
const D_2026_11_01 = 20758; // 1793462400
const D_2026_11_30 = 20787; // 1795968000

describe('fields', () => {
  test('the eight WeCom fields are known', () => {
    expect(Object.keys(STAT_FIELDS)).toEqual([
      'new_chat_cnt',
      'chat_total',
      'chat_has_msg',
      'new_member_cnt',
      'member_total',
      'member_has_msg',
      'msg_total',
      'migrate_trainee_chat_cnt',
    ]);
  });

  test('readStatData keeps known numeric fields and drops unknown ones', () => {
    const data = readStatData({
      new_chat_cnt: 2,
      chat_total: 2,
      chat_has_msg: 0,
      new_member_cnt: 0,
      member_total: 2,
      member_has_msg: 0,
      msg_total: 0,
      migrate_trainee_chat_cnt: 3,
      unknown_field: 99,
    });
    expect(data).toEqual({
      new_chat_cnt: 2,
      chat_total: 2,
      chat_has_msg: 0,
      new_member_cnt: 0,
      member_total: 2,
      member_has_msg: 0,
      msg_total: 0,
      migrate_trainee_chat_cnt: 3,
    });
    expect('unknown_field' in data).toBe(false);
  });

  test('readStatData zero-fills missing required fields and omits migrate_trainee_chat_cnt unless present', () => {
    const data = readStatData({ new_chat_cnt: 5, msg_total: 40 });
    expect(data).toEqual({ ...ZERO, new_chat_cnt: 5, msg_total: 40 });
    expect(Object.keys(data)).toHaveLength(7);
    expect('migrate_trainee_chat_cnt' in data).toBe(false);
    // Zero is a value WeCom returned: kept.
    expect(readStatData({ migrate_trainee_chat_cnt: 0 })).toEqual({ ...ZERO, migrate_trainee_chat_cnt: 0 });
  });

  test('readStatData treats non-finite and non-number values as missing', () => {
    const data = readStatData({
      new_chat_cnt: '5',
      chat_total: NaN,
      chat_has_msg: Infinity,
      new_member_cnt: null,
      member_total: 7,
      migrate_trainee_chat_cnt: '3',
    });
    expect(data).toEqual({ ...ZERO, member_total: 7 });
    expect('migrate_trainee_chat_cnt' in data).toBe(false);
  });

  test('readStatData of a missing or non-object data is all zeros', () => {
    for (const raw of [undefined, null, 'x', 42]) expect(readStatData(raw)).toEqual(ZERO);
  });

  test('addStatData sums field by field', () => {
    const a = stat({ new_chat_cnt: 1, chat_total: 10, chat_has_msg: 3, new_member_cnt: 4, member_total: 50, member_has_msg: 6, msg_total: 100 });
    const b = stat({ new_chat_cnt: 2, chat_total: 20, chat_has_msg: 1, new_member_cnt: 5, member_total: 7, member_has_msg: 8, msg_total: 1 });
    const sum = addStatData(a, b);
    expect(sum).toEqual({ new_chat_cnt: 3, chat_total: 30, chat_has_msg: 4, new_member_cnt: 9, member_total: 57, member_has_msg: 14, msg_total: 101 });
    expect('migrate_trainee_chat_cnt' in sum).toBe(false);
    // Inputs untouched.
    expect(a.new_chat_cnt).toBe(1);
    expect(b.new_chat_cnt).toBe(2);
  });

  test('addStatData keeps migrate_trainee_chat_cnt when either side has it', () => {
    expect(addStatData(stat({ migrate_trainee_chat_cnt: 2 }), stat({})).migrate_trainee_chat_cnt).toBe(2);
    expect(addStatData(stat({}), stat({ migrate_trainee_chat_cnt: 3 })).migrate_trainee_chat_cnt).toBe(3);
    expect(addStatData(stat({ migrate_trainee_chat_cnt: 2 }), stat({ migrate_trainee_chat_cnt: 3 })).migrate_trainee_chat_cnt).toBe(5);
  });
});

describe('by owner', () => {
  test('readOwnerItems drops items without a string owner', () => {
    const items = readOwnerItems([
      { owner: 'zhangsan', data: { new_chat_cnt: 2, chat_total: 2, member_total: 2 } },
      { data: { new_chat_cnt: 9 } },
      null,
      'lisi',
      { owner: 5, data: {} },
      { owner: 'lisi' },
    ]);
    expect(items).toEqual([
      { owner: 'zhangsan', data: stat({ new_chat_cnt: 2, chat_total: 2, member_total: 2 }) },
      { owner: 'lisi', data: ZERO },
    ]);
  });

  // Each field ranks the four owners differently.
  const items: OwnerItem[] = [
    { owner: 'alice', data: stat({ new_chat_cnt: 5, chat_total: 10, new_member_cnt: 1, member_total: 400 }) },
    { owner: 'bob', data: stat({ new_chat_cnt: 9, chat_total: 30, new_member_cnt: 4, member_total: 100 }) },
    { owner: 'carol', data: stat({ new_chat_cnt: 1, chat_total: 20, new_member_cnt: 7, member_total: 300 }) },
    { owner: 'dave', data: stat({ new_chat_cnt: 3, chat_total: 40, new_member_cnt: 2, member_total: 200 }) },
  ];
  const november = { from: D_2026_11_01, to: D_2026_11_30 };
  const ownersOf = (records: OwnerRecord[]): string[] => records.map((record) => record.owner);

  test('window dates and timestamps', () => {
    const records = ownerRecords(november, items.slice(0, 1), { orderBy: 'newChatCount', ascending: false });
    expect(records).toEqual([
      {
        owner: 'alice',
        start_date: '2026-11-01',
        end_date: '2026-11-30',
        day_begin_time: 1793462400,
        day_end_time: 1795968000,
        data: items[0].data,
      },
    ]);
    const oneDay = ownerRecords({ from: D_2020_09_17, to: D_2020_09_17 }, items.slice(0, 1), { orderBy: 'newChatCount', ascending: false });
    expect(oneDay[0]).toMatchObject({ start_date: '2020-09-17', end_date: '2020-09-17', day_begin_time: 1600272000, day_end_time: 1600272000 });
  });

  test('sorts by each order field, descending and ascending', () => {
    const rank = (orderBy: 'newChatCount' | 'chatTotal' | 'newMemberCount' | 'memberTotal', ascending: boolean): string[] =>
      ownersOf(ownerRecords(november, items, { orderBy, ascending }));
    expect(rank('newChatCount', false)).toEqual(['bob', 'alice', 'dave', 'carol']);
    expect(rank('newChatCount', true)).toEqual(['carol', 'dave', 'alice', 'bob']);
    expect(rank('chatTotal', false)).toEqual(['dave', 'bob', 'carol', 'alice']);
    expect(rank('chatTotal', true)).toEqual(['alice', 'carol', 'bob', 'dave']);
    expect(rank('newMemberCount', false)).toEqual(['carol', 'bob', 'dave', 'alice']);
    expect(rank('newMemberCount', true)).toEqual(['alice', 'dave', 'bob', 'carol']);
    expect(rank('memberTotal', false)).toEqual(['alice', 'carol', 'dave', 'bob']);
    expect(rank('memberTotal', true)).toEqual(['bob', 'dave', 'carol', 'alice']);
  });

  test('ties are broken by owner ID (ascending) in both directions, whatever the input order', () => {
    const tied: OwnerItem[] = [
      { owner: 'zed', data: stat({ new_chat_cnt: 2 }) },
      { owner: 'amy', data: stat({ new_chat_cnt: 2 }) },
      { owner: 'max', data: stat({ new_chat_cnt: 5 }) },
      { owner: 'bea', data: stat({ new_chat_cnt: 2 }) },
    ];
    expect(ownersOf(ownerRecords(november, tied, { orderBy: 'newChatCount', ascending: false }))).toEqual(['max', 'amy', 'bea', 'zed']);
    expect(ownersOf(ownerRecords(november, tied, { orderBy: 'newChatCount', ascending: true }))).toEqual(['amy', 'bea', 'zed', 'max']);
    expect(ownersOf(ownerRecords(november, [...tied].reverse(), { orderBy: 'newChatCount', ascending: false }))).toEqual([
      'max',
      'amy',
      'bea',
      'zed',
    ]);
    // Code-unit order: upper case before lower case, 'a10' before 'a9'.
    const ids: OwnerItem[] = ['b', 'a9', 'B', 'a10'].map((owner) => ({ owner, data: ZERO }));
    expect(ownersOf(ownerRecords(november, ids, { orderBy: 'chatTotal', ascending: false }))).toEqual(['B', 'a10', 'a9', 'b']);
  });

  test('merges batches and keeps each owner once (first occurrence)', () => {
    const batchA = readOwnerItems([
      { owner: 'alice', data: { new_chat_cnt: 5 } },
      { owner: 'bob', data: { new_chat_cnt: 9 } },
    ]);
    const batchB = readOwnerItems([
      { owner: 'carol', data: { new_chat_cnt: 7 } },
      { owner: 'alice', data: { new_chat_cnt: 100 } },
    ]);
    const records = ownerRecords(november, [...batchA, ...batchB], { orderBy: 'newChatCount', ascending: false });
    expect(records.map((record) => [record.owner, record.data.new_chat_cnt])).toEqual([
      ['bob', 9],
      ['carol', 7],
      ['alice', 5],
    ]);
  });

  test('applies the limit after ranking', () => {
    expect(ownersOf(ownerRecords(november, items, { orderBy: 'newChatCount', ascending: false, limit: 2 }))).toEqual(['bob', 'alice']);
    expect(ownersOf(ownerRecords(november, items, { orderBy: 'memberTotal', ascending: true, limit: 1 }))).toEqual(['bob']);
    expect(ownersOf(ownerRecords(november, items, { orderBy: 'newChatCount', ascending: false, limit: 10 }))).toHaveLength(4);
  });

  test('no items, no records', () => {
    expect(ownerRecords(november, [], { orderBy: 'newChatCount', ascending: false })).toEqual([]);
  });

  test('does not reorder its input', () => {
    const input = [...items];
    ownerRecords(november, input, { orderBy: 'chatTotal', ascending: true });
    expect(input.map((item) => item.owner)).toEqual(['alice', 'bob', 'carol', 'dave']);
  });
});

describe('by day', () => {
  test('readDayItems floors stat_time to its China day and drops items without one', () => {
    const items = readDayItems([
      { stat_time: 1600272000, data: { new_chat_cnt: 1 } }, // 2020-09-17 00:00 China
      { stat_time: 1600358399, data: { new_chat_cnt: 2 } }, // 2020-09-17 23:59:59 China
      { stat_time: 1600358400, data: { new_chat_cnt: 3 } }, // 2020-09-18 00:00 China
      { stat_time: 1600271999, data: { new_chat_cnt: 4 } }, // 2020-09-16 23:59:59 China
      { stat_time: 1600300800, data: {} }, // 2020-09-17 08:00 China (UTC midnight)
      { stat_time: '1600272000', data: { new_chat_cnt: 5 } },
      { data: { new_chat_cnt: 6 } },
      null,
      7,
    ]);
    expect(items).toEqual([
      { day: D_2020_09_17, data: stat({ new_chat_cnt: 1 }) },
      { day: D_2020_09_17, data: stat({ new_chat_cnt: 2 }) },
      { day: D_2020_09_18, data: stat({ new_chat_cnt: 3 }) },
      { day: D_2020_09_17 - 1, data: stat({ new_chat_cnt: 4 }) },
      { day: D_2020_09_17, data: ZERO },
    ]);
  });

  test('dayRecords sums each day across batches, sorted by day, with owner_count', () => {
    const batch1: DayItem[] = [
      { day: D_2020_09_18, data: stat({ new_chat_cnt: 1, chat_total: 10, msg_total: 100 }) },
      { day: D_2020_09_17, data: stat({ new_chat_cnt: 2, chat_total: 20, msg_total: 200 }) },
    ];
    const batch2: DayItem[] = [
      { day: D_2020_09_17, data: stat({ new_chat_cnt: 3, chat_total: 30, msg_total: 300, migrate_trainee_chat_cnt: 1 }) },
      { day: D_2020_09_19, data: stat({ new_member_cnt: 8 }) },
      { day: D_2020_09_18, data: stat({ new_chat_cnt: 4, chat_total: 40, msg_total: 400 }) },
    ];
    const records = dayRecords([batch1, batch2], 150);
    expect(records).toEqual<DayRecord[]>([
      {
        date: '2020-09-17',
        stat_time: 1600272000,
        owner_count: 150,
        data: stat({ new_chat_cnt: 5, chat_total: 50, msg_total: 500, migrate_trainee_chat_cnt: 1 }),
      },
      { date: '2020-09-18', stat_time: 1600358400, owner_count: 150, data: stat({ new_chat_cnt: 5, chat_total: 50, msg_total: 500 }) },
      { date: '2020-09-19', stat_time: 1600444800, owner_count: 150, data: stat({ new_member_cnt: 8 }) },
    ]);
    expect('migrate_trainee_chat_cnt' in records[1].data).toBe(false);
  });

  test('dayRecords leaves its input data unchanged', () => {
    const first = stat({ new_chat_cnt: 2 });
    dayRecords([[{ day: D_2020_09_17, data: first }], [{ day: D_2020_09_17, data: stat({ new_chat_cnt: 3 }) }]], 2);
    expect(first.new_chat_cnt).toBe(2);
  });

  test('dayRecords of nothing is empty', () => {
    expect(dayRecords([], 5)).toEqual([]);
    expect(dayRecords([[], []], 5)).toEqual([]);
  });

  test('readDayItems then dayRecords: a non-midnight stat_time lands on its day', () => {
    const records = dayRecords([readDayItems([{ stat_time: 1600300800, data: { msg_total: 3 } }]), readDayItems([{ stat_time: 1600272000, data: { msg_total: 4 } }])], 2);
    expect(records).toEqual([{ date: '2020-09-17', stat_time: 1600272000, owner_count: 2, data: stat({ msg_total: 7 }) }]);
  });
});

describe('shape', () => {
  const ownerRecord: OwnerRecord = {
    owner: 'zhangsan',
    start_date: '2026-11-01',
    end_date: '2026-11-30',
    day_begin_time: 1793462400,
    day_end_time: 1795968000,
    data: stat({ new_chat_cnt: 2, chat_total: 3, msg_total: 9 }),
  };
  const dayRecord: DayRecord = {
    date: '2020-09-17',
    stat_time: 1600272000,
    owner_count: 12,
    data: stat({ member_total: 40, migrate_trainee_chat_cnt: 1 }),
  };

  test('flattenRecord puts the data fields at the top level (by owner)', () => {
    expect(flattenRecord(ownerRecord)).toEqual({
      owner: 'zhangsan',
      start_date: '2026-11-01',
      end_date: '2026-11-30',
      day_begin_time: 1793462400,
      day_end_time: 1795968000,
      new_chat_cnt: 2,
      chat_total: 3,
      chat_has_msg: 0,
      new_member_cnt: 0,
      member_total: 0,
      member_has_msg: 0,
      msg_total: 9,
    });
    expect('data' in flattenRecord(ownerRecord)).toBe(false);
  });

  test('flattenRecord puts the data fields at the top level (by day)', () => {
    expect(flattenRecord(dayRecord)).toEqual({
      date: '2020-09-17',
      stat_time: 1600272000,
      owner_count: 12,
      new_chat_cnt: 0,
      chat_total: 0,
      chat_has_msg: 0,
      new_member_cnt: 0,
      member_total: 40,
      member_has_msg: 0,
      msg_total: 0,
      migrate_trainee_chat_cnt: 1,
    });
  });

  test('rawRecord is WeCom item shape plus the window for by owner', () => {
    const raw = rawRecord(ownerRecord);
    expect(raw).toEqual({ owner: 'zhangsan', data: ownerRecord.data, day_begin_time: 1793462400, day_end_time: 1795968000 });
    expect(Object.keys(raw).sort()).toEqual(['data', 'day_begin_time', 'day_end_time', 'owner']);
  });

  test('a combined record keeps its as-of day: as_of_date in flat, as_of_time in raw', () => {
    const combined: OwnerRecord = { ...ownerRecord, as_of_date: '2026-11-20', as_of_time: 1795104000 };
    expect(flattenRecord({ ...combined })).toMatchObject({ owner: 'zhangsan', end_date: '2026-11-30', as_of_date: '2026-11-20', as_of_time: 1795104000, msg_total: 9 });
    expect(rawRecord(combined)).toEqual({ owner: 'zhangsan', data: combined.data, day_begin_time: 1793462400, day_end_time: 1795968000, as_of_time: 1795104000 });
  });

  test('rawRecord of a day record is {stat_time, data}', () => {
    const raw = rawRecord(dayRecord);
    expect(raw).toEqual({ stat_time: 1600272000, data: dayRecord.data });
    expect(Object.keys(raw).sort()).toEqual(['data', 'stat_time']);
  });
});
