import { dayStartSeconds, formatDay, type DayRange } from '../dates/chinaDay';
import type { OrderField } from '../query/query';
import { readStatData, type StatData } from './fields';
import type { OwnerRecord } from './records';

export interface OwnerItem {
  owner: string;
  data: StatData;
}

const SORT_FIELD: Record<OrderField, keyof StatData> = {
  newChatCount: 'new_chat_cnt',
  chatTotal: 'chat_total',
  newMemberCount: 'new_member_cnt',
  memberTotal: 'member_total',
};

/** WeCom's by-owner items, checked: an item without an owner ID is no use to anyone. */
export function readOwnerItems(items: unknown[]): OwnerItem[] {
  return items.flatMap((item) => {
    const raw = item as { owner?: unknown; data?: unknown } | null;
    return typeof raw?.owner === 'string' ? [{ owner: raw.owner, data: readStatData(raw.data) }] : [];
  });
}

/**
 * One window's records: batches merged, each owner once, ranked across batches (ties by
 * owner ID, so the order never depends on which call finished first), then cut to `limit`.
 */
export function ownerRecords(
  window: DayRange,
  items: readonly OwnerItem[],
  order: { orderBy: OrderField; ascending: boolean; limit?: number },
): OwnerRecord[] {
  const byOwner = new Map<string, OwnerItem>();
  for (const item of items) if (!byOwner.has(item.owner)) byOwner.set(item.owner, item);
  const field = SORT_FIELD[order.orderBy];
  const direction = order.ascending ? 1 : -1;
  const ranked = [...byOwner.values()].sort(
    (a, b) => direction * ((a.data[field] ?? 0) - (b.data[field] ?? 0)) || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0),
  );
  const kept = order.limit === undefined ? ranked : ranked.slice(0, order.limit);
  const start_date = formatDay(window.from);
  const end_date = formatDay(window.to);
  const day_begin_time = dayStartSeconds(window.from);
  const day_end_time = dayStartSeconds(window.to);
  return kept.map(({ owner, data }) => ({ owner, start_date, end_date, day_begin_time, day_end_time, data }));
}
