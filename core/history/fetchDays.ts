import type { RunOptions, WeComClient } from '../client';
import { MAX_WINDOW_DAYS } from '../plan/windows';
import type { StatisticMode, StatisticQuery } from '../query/query';
import type { StatRecord } from '../records/records';

/** By owner, the ranking and limit apply within each day. */
export interface HistoryQuery extends Pick<StatisticQuery, 'orderBy' | 'ascending' | 'limit'> {
  mode: StatisticMode | string;
  /** IDs (array or separated text), or ALL_OWNERS: listed once per run. */
  owners: unknown;
}

export interface FetchedDay {
  day: string;
  /** By day: that day's record (none if WeCom has none); by owner: one per owner for that day. */
  records: StatRecord[];
}

/**
 * Fetches the due days (consecutive, oldest first) and yields each day once all of it is in.
 * A failure ends the run there: the days yielded so far are the ones fetched in full.
 * By day: one query per 30-day window; by owner: one per day, since WeCom sums a range per owner.
 */
export async function* fetchDays(client: WeComClient, query: HistoryQuery, days: readonly string[], options: RunOptions = {}): AsyncGenerator<FetchedDay> {
  let owners = query.owners;
  const size = query.mode === 'byOwner' ? 1 : MAX_WINDOW_DAYS;
  for (let start = 0; start < days.length; start += size) {
    const chunk = days.slice(start, start + size);
    const plan = await client.plan({ ...query, owners, dates: { from: chunk[0], to: chunk[chunk.length - 1] } }, options.signal);
    // The owners as listed by the first query: the later ones ask no list again.
    owners = plan.batches.flat();
    const records: StatRecord[] = [];
    for await (const record of client.fetchStatistics(plan, options)) records.push(record);
    for (const day of chunk) yield { day, records: records.filter((record) => recordDay(record) === day) };
  }
}

function recordDay(record: StatRecord): string {
  return 'owner' in record ? record.start_date : record.date;
}
