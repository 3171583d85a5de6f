import type { FlatRecord } from '../../core/records/shape';

export type DayRow = Extract<FlatRecord, { date: string }>;
export type OwnerRow = Extract<FlatRecord, { owner: string }>;

/** One owner over the whole period: `new_*` counts added up; totals (messages too) as of the last window's end. */
export interface OwnerSummary {
  owner: string;
  new_chat_cnt: number;
  new_member_cnt: number;
  msg_total: number;
  chat_total: number;
  member_total: number;
}

/**
 * By-owner records come one per owner per window of up to 30 days; a period of 90 days
 * has three. Ranked by new chats, then new members, then owner ID so ties are stable.
 */
export function rankOwners(rows: readonly OwnerRow[]): OwnerSummary[] {
  const owners = new Map<string, OwnerSummary>();
  const lastEnd = new Map<string, string>();
  for (const row of rows) {
    const summary = owners.get(row.owner) ?? { owner: row.owner, new_chat_cnt: 0, new_member_cnt: 0, msg_total: 0, chat_total: 0, member_total: 0 };
    summary.new_chat_cnt += row.new_chat_cnt;
    summary.new_member_cnt += row.new_member_cnt;
    if (row.end_date > (lastEnd.get(row.owner) ?? '')) {
      lastEnd.set(row.owner, row.end_date);
      Object.assign(summary, { chat_total: row.chat_total, member_total: row.member_total, msg_total: row.msg_total });
    }
    owners.set(row.owner, summary);
  }
  return [...owners.values()].sort(
    (a, b) => b.new_chat_cnt - a.new_chat_cnt || b.new_member_cnt - a.new_member_cnt || a.owner.localeCompare(b.owner),
  );
}

/** The sum of a per-day count (WeCom's `new_*` fields) over the days. */
export function total(days: readonly DayRow[], field: 'new_chat_cnt' | 'new_member_cnt'): number {
  return days.reduce((sum, day) => sum + day[field], 0);
}
