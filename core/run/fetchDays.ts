import type { RunOptions, WeComClient } from '../client';
import { MAX_WINDOW_DAYS } from '../plan/windows';
import type { Plan } from '../plan/planner';
import type { StatisticQuery } from '../query/query';
import type { StatRecord } from '../records/records';

/** Some due days, fetched in full, and their records. */
export interface FetchedDays {
  days: string[];
  records: StatRecord[];
  plan: Plan;
}

/**
 * The records of consecutive due days (China dates, oldest first), one query at a time: by
 * day up to one 30-day window per query, by owner one day per query (WeCom sums a by-owner
 * range, and a history wants each owner's day). Owners are listed once, by the first query.
 * Every batch yielded was fetched in full; a failure ends the generator with the error, so
 * the caller moves its cursor past the days yielded and no further.
 */
export async function* fetchDays(client: WeComClient, query: Omit<StatisticQuery, 'dates'>, due: readonly string[], options: RunOptions = {}): AsyncGenerator<FetchedDays> {
  const size = query.mode === 'byDay' ? MAX_WINDOW_DAYS : 1;
  let owners = query.owners;
  for (let at = 0; at < due.length; at += size) {
    const days = due.slice(at, at + size);
    const plan = await client.plan({ ...query, owners, dates: { from: days[0], to: days[days.length - 1] } }, options.signal);
    owners = plan.batches.flat();
    const records: StatRecord[] = [];
    for await (const record of client.fetchStatistics(plan, options)) records.push(record);
    yield { days, records, plan };
  }
}
