import { parseDay, type DayRange } from '../../core/dates/chinaDay';
import type { OwnerItem } from '../../core/records/byOwner';
import { OwnerCombiner } from '../../core/records/combineOwners';
import { readStatData, type StatData } from '../../core/records/fields';

const day = (text: string) => parseDay(text) as number;
// Last 90 days up to 2026-11-24: three windows of 30 days.
const windows: DayRange[] = [
  { from: day('2026-08-27'), to: day('2026-09-25') },
  { from: day('2026-09-26'), to: day('2026-10-25') },
  { from: day('2026-10-26'), to: day('2026-11-24') },
];
const range = { from: windows[0].from, to: windows[2].to };
const data = (figures: Partial<StatData>): StatData => readStatData(figures);
const item = (owner: string, figures: Partial<StatData>): OwnerItem => ({ owner, data: data(figures) });
const order = { orderBy: 'newChatCount' as const, ascending: false };

describe('OwnerCombiner', () => {
  it('sums new_* and takes every other figure from the last window, whatever order the batches arrive in', () => {
    const combiner = new OwnerCombiner(windows);
    combiner.add(2, [item('a', { new_chat_cnt: 3, new_member_cnt: 30, chat_total: 12, chat_has_msg: 9, member_total: 300, member_has_msg: 50, msg_total: 900, migrate_trainee_chat_cnt: 2 })]);
    combiner.add(0, [item('a', { new_chat_cnt: 4, new_member_cnt: 40, chat_total: 5, chat_has_msg: 4, member_total: 100, member_has_msg: 20, msg_total: 100, migrate_trainee_chat_cnt: 1 })]);
    combiner.add(1, [item('a', { new_chat_cnt: 5, new_member_cnt: 50, chat_total: 9, chat_has_msg: 7, member_total: 200, member_has_msg: 30, msg_total: 500 })]);
    expect(combiner.records(range, order)).toEqual([
      {
        owner: 'a',
        start_date: '2026-08-27',
        end_date: '2026-11-24',
        day_begin_time: Date.parse('2026-08-27T00:00:00+08:00') / 1000,
        day_end_time: Date.parse('2026-11-24T00:00:00+08:00') / 1000,
        as_of_date: '2026-11-24',
        as_of_time: Date.parse('2026-11-24T00:00:00+08:00') / 1000,
        data: { new_chat_cnt: 12, chat_total: 12, chat_has_msg: 9, new_member_cnt: 120, member_total: 300, member_has_msg: 50, msg_total: 900, migrate_trainee_chat_cnt: 2 },
      },
    ]);
  });

  it('an owner missing from later windows: sums what is there, the other figures as of the last window that has it, and says which day', () => {
    const combiner = new OwnerCombiner(windows);
    combiner.add(0, [item('gone', { new_chat_cnt: 2, chat_total: 4, msg_total: 10 }), item('stays', { new_chat_cnt: 1, chat_total: 1 })]);
    combiner.add(1, [item('gone', { new_chat_cnt: 3, chat_total: 6, msg_total: 20 }), item('stays', { new_chat_cnt: 1, chat_total: 2 })]);
    combiner.add(2, [item('stays', { new_chat_cnt: 1, chat_total: 3 }), item('late', { new_chat_cnt: 1, chat_total: 1 })]);
    const records = combiner.records(range, order);
    expect(records.map((r) => [r.owner, r.as_of_date, r.end_date, r.data.new_chat_cnt, r.data.chat_total, r.data.msg_total])).toEqual([
      ['gone', '2026-10-25', '2026-11-24', 5, 6, 20],
      ['stays', '2026-11-24', '2026-11-24', 3, 3, 0],
      ['late', '2026-11-24', '2026-11-24', 1, 1, 0],
    ]);
    // The optional field is there only when the as-of window has it.
    expect(records.every((r) => !('migrate_trainee_chat_cnt' in r.data))).toBe(true);
  });

  it('ranks and cuts the combined records, not the windows, ties by owner ID', () => {
    const combiner = new OwnerCombiner(windows);
    // Per window the top 1 would be b, c and d; over the range it is a.
    combiner.add(0, [item('a', { new_chat_cnt: 5 }), item('b', { new_chat_cnt: 10 }), item('c', { new_chat_cnt: 0 }), item('d', { new_chat_cnt: 0 })]);
    combiner.add(1, [item('a', { new_chat_cnt: 5 }), item('b', { new_chat_cnt: 0 }), item('c', { new_chat_cnt: 9 }), item('d', { new_chat_cnt: 0 })]);
    combiner.add(2, [item('a', { new_chat_cnt: 5 }), item('b', { new_chat_cnt: 0 }), item('c', { new_chat_cnt: 1 }), item('d', { new_chat_cnt: 6, member_total: 7 })]);
    expect(combiner.records(range, { ...order, limit: 1 }).map((r) => r.owner)).toEqual(['a']);
    expect(combiner.records(range, order).map((r) => [r.owner, r.data.new_chat_cnt])).toEqual([['a', 15], ['b', 10], ['c', 10], ['d', 6]]);
    expect(combiner.records(range, { orderBy: 'newChatCount', ascending: true, limit: 3 }).map((r) => r.owner)).toEqual(['d', 'b', 'c']);
    expect(combiner.records(range, { orderBy: 'memberTotal', ascending: false, limit: 2 }).map((r) => r.owner)).toEqual(['d', 'a']);
  });

  it('counts an owner once per window even when an answer repeats it', () => {
    const combiner = new OwnerCombiner(windows);
    combiner.add(0, [item('a', { new_chat_cnt: 2 })]);
    combiner.add(0, [item('a', { new_chat_cnt: 2 })]);
    combiner.add(1, [item('a', { new_chat_cnt: 3 }), item('a', { new_chat_cnt: 3 })]);
    expect(combiner.records(range, order)[0].data.new_chat_cnt).toBe(5);
  });

  it('refuses more windows than its mask holds', () => {
    const many = Array.from({ length: 32 }, (_, i) => ({ from: i, to: i }));
    expect(() => new OwnerCombiner(many)).toThrow('at most 31 windows');
  });
});
