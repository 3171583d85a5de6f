import { toCsv } from '../../scripts/demo/csv';
import { rankOwners, type OwnerRow } from '../../scripts/demo/ranking';

function row(owner: string, start: string, end: string, figures: Partial<OwnerRow>): OwnerRow {
  return {
    owner, start_date: start, end_date: end, day_begin_time: 0, day_end_time: 0,
    new_chat_cnt: 0, chat_total: 0, chat_has_msg: 0, new_member_cnt: 0, member_total: 0, member_has_msg: 0, msg_total: 0,
    ...figures,
  };
}

describe('rankOwners', () => {
  it('adds up new chats and members across windows and keeps totals from the last window, whatever the order', () => {
    const rows = [
      row('b', '2026-10-01', '2026-10-30', { new_chat_cnt: 4, new_member_cnt: 10, chat_total: 50, member_total: 900, msg_total: 7000 }),
      row('a', '2026-09-01', '2026-09-30', { new_chat_cnt: 2, new_member_cnt: 5, chat_total: 20, member_total: 300, msg_total: 1000 }),
      row('a', '2026-10-01', '2026-10-30', { new_chat_cnt: 3, new_member_cnt: 1, chat_total: 23, member_total: 310, msg_total: 1500 }),
      row('b', '2026-09-01', '2026-09-30', { new_chat_cnt: 1, new_member_cnt: 2, chat_total: 46, member_total: 880, msg_total: 6000 }),
    ];
    // Tied on new chats (5 each): more new members ranks first.
    expect(rankOwners(rows)).toEqual([
      { owner: 'b', new_chat_cnt: 5, new_member_cnt: 12, chat_total: 50, member_total: 900, msg_total: 7000 },
      { owner: 'a', new_chat_cnt: 5, new_member_cnt: 6, chat_total: 23, member_total: 310, msg_total: 1500 },
    ]);
  });

  it('breaks full ties by owner ID so the ranking is stable', () => {
    const rows = [row('z', '2026-10-01', '2026-10-30', { new_chat_cnt: 1 }), row('m', '2026-10-01', '2026-10-30', { new_chat_cnt: 1 })];
    expect(rankOwners(rows).map((o) => o.owner)).toEqual(['m', 'z']);
  });
});

describe('toCsv', () => {
  it('uses every key as a column and quotes commas, quotes and line breaks', () => {
    const csv = toCsv([{ owner: 'a,b', note: 'say "hi"' }, { owner: 'c', extra: 'line\nbreak' }]);
    expect(csv).toBe('owner,note,extra\n"a,b","say ""hi""",\nc,,"line\nbreak"\n');
  });
});
