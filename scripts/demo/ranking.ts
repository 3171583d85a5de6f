import type { FlatRecord } from '../../core/records/shape';

export type DayRow = Extract<FlatRecord, { date: string }>;
/** By owner, one per owner for the whole period, ranked by the core: new chats first, ties by owner ID. */
export type OwnerRow = Extract<FlatRecord, { owner: string }>;

/** The sum of a per-day count (WeCom's `new_*` fields) over the days. */
export function total(days: readonly DayRow[], field: 'new_chat_cnt' | 'new_member_cnt'): number {
  return days.reduce((sum, day) => sum + day[field], 0);
}
