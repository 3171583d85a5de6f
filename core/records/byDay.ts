import { dayOfEpochSeconds, dayStartSeconds, formatDay, type ChinaDay } from '../dates/chinaDay';
import { addStatData, readStatData, type StatData } from './fields';
import type { DayRecord } from './records';

export interface DayItem {
  day: ChinaDay;
  data: StatData;
}

/** WeCom's by-day items, checked; `stat_time` is floored to its China day. */
export function readDayItems(items: unknown[]): DayItem[] {
  return items.flatMap((item) => {
    const raw = item as { stat_time?: unknown; data?: unknown } | null;
    return typeof raw?.stat_time === 'number' ? [{ day: dayOfEpochSeconds(raw.stat_time), data: readStatData(raw.data) }] : [];
  });
}

/** One record per day, oldest first, with the owner batches summed. */
export function dayRecords(batches: readonly (readonly DayItem[])[], ownerCount: number): DayRecord[] {
  const totals = new Map<ChinaDay, StatData>();
  for (const items of batches) {
    for (const { day, data } of items) {
      const sum = totals.get(day);
      totals.set(day, sum ? addStatData(sum, data) : data);
    }
  }
  return [...totals.entries()]
    .sort(([a], [b]) => a - b)
    .map(([day, data]) => ({ date: formatDay(day), stat_time: dayStartSeconds(day), owner_count: ownerCount, data }));
}
