import { dayStartSeconds, formatDay, type DayRange } from '../dates/chinaDay';
import type { OrderField } from '../query/query';
import { readStatData, type StatData } from './fields';
import type { OwnerRecord } from './records';

export interface OwnerItem {
  owner: string;
  data: StatData;
}

/** How owners are ranked and cut. */
export interface OwnerOrder {
  orderBy: OrderField;
  ascending: boolean;
  limit?: number;
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

/** Ranked by the sort field, ties by owner ID (so the order never depends on which call finished first), then cut to `limit`. */
export function rankOwners<T extends OwnerItem>(items: T[], order: OwnerOrder): T[] {
  const field = SORT_FIELD[order.orderBy];
  const direction = order.ascending ? 1 : -1;
  items.sort((a, b) => direction * ((a.data[field] ?? 0) - (b.data[field] ?? 0)) || (a.owner < b.owner ? -1 : a.owner > b.owner ? 1 : 0));
  return order.limit === undefined ? items : items.slice(0, order.limit);
}

/** The range fields of a by-owner record. */
export function rangeFields(range: DayRange): Pick<OwnerRecord, 'start_date' | 'end_date' | 'day_begin_time' | 'day_end_time'> {
  return {
    start_date: formatDay(range.from),
    end_date: formatDay(range.to),
    day_begin_time: dayStartSeconds(range.from),
    day_end_time: dayStartSeconds(range.to),
  };
}

/** One window's records: batches merged, each owner once, ranked across batches, then cut to `limit`. */
export function ownerRecords(window: DayRange, items: readonly OwnerItem[], order: OwnerOrder): OwnerRecord[] {
  const byOwner = new Map<string, OwnerItem>();
  for (const item of items) if (!byOwner.has(item.owner)) byOwner.set(item.owner, item);
  const { start_date, end_date, day_begin_time, day_end_time } = rangeFields(window);
  return rankOwners([...byOwner.values()], order).map(({ owner, data }) => ({ owner, start_date, end_date, day_begin_time, day_end_time, data }));
}
