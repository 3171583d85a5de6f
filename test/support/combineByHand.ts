/**
 * The combining rule written out plainly, for tests to check the product against:
 * per-window by-owner records (flat) become one record per owner for the whole range.
 */
type Flat = Record<string, unknown> & { owner: string; start_date: string; end_date: string; day_begin_time: number; day_end_time: number };

const ADDED = ['new_chat_cnt', 'new_member_cnt'];
const SORT_FIELD = { newChatCount: 'new_chat_cnt', chatTotal: 'chat_total', newMemberCount: 'new_member_cnt', memberTotal: 'member_total' } as const;

export interface HandOrder {
  orderBy?: keyof typeof SORT_FIELD;
  ascending?: boolean;
  limit?: number;
}

/** new_* summed over the owner's windows; the rest from its last window, whose end is the as-of day; ranked, ties by owner ID, then cut. */
export function combineByHand(records: readonly object[], order: HandOrder = {}): Record<string, unknown>[] {
  const perWindow = records as readonly Flat[];
  const first = perWindow.reduce((a, b) => (a.start_date < b.start_date ? a : b));
  const last = perWindow.reduce((a, b) => (a.end_date > b.end_date ? a : b));
  const byOwner = new Map<string, Flat[]>();
  for (const record of perWindow) byOwner.set(record.owner, [...(byOwner.get(record.owner) ?? []), record]);
  const combined = [...byOwner.values()].map((records) => {
    const latest = records.reduce((a, b) => (a.end_date > b.end_date ? a : b));
    const record: Flat = {
      ...latest,
      start_date: first.start_date,
      end_date: last.end_date,
      day_begin_time: first.day_begin_time,
      day_end_time: last.day_end_time,
      as_of_date: latest.end_date,
      as_of_time: latest.day_end_time,
    };
    for (const field of ADDED) record[field] = records.reduce((sum, r) => sum + (r[field] as number), 0);
    return record;
  });
  const field = SORT_FIELD[order.orderBy ?? 'newChatCount'];
  const direction = order.ascending ? 1 : -1;
  combined.sort((a, b) => direction * ((a[field] as number) - (b[field] as number)) || (a.owner < b.owner ? -1 : 1));
  return order.limit === undefined ? combined : combined.slice(0, order.limit);
}

/** The owners of each window's own top `limit`, window by window: what a per-window ranking gives. */
export function windowTops(records: readonly object[], order: HandOrder & { limit: number }): string[][] {
  const windows = new Map<string, Flat[]>();
  for (const record of records as readonly Flat[]) windows.set(record.start_date, [...(windows.get(record.start_date) ?? []), record]);
  return [...windows.values()].map((window) => combineByHand(window, order).map((r) => r.owner as string));
}
