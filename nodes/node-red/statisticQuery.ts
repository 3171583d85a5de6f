import type { HistorySettings, HistoryStart } from '../../core/history/dueDays';
import { ALL_OWNERS } from '../../core/query/owners';
import type { StatisticQuery } from '../../core/query/query';
import { isAscending } from '../shared/sortDirection';

/** The statistic node's properties, as the editor saves them (blank strings when unset). */
export interface StatisticNodeConfig {
  mode?: string;
  dateRange?: string;
  from?: string;
  to?: string;
  ownerSource?: 'all' | 'list' | 'msg';
  owners?: string;
  orderBy?: string;
  sortDirection?: string;
  limit?: string | number;
  ownerRecords?: string;
  clamp?: boolean;
  output?: 'array' | 'split';
  concurrency?: string | number;
  /** With Dates "New days since last run": where the history starts, and when yesterday is ready. */
  historyStart?: string;
  backfillDays?: string | number;
  startDate?: string;
  readyTime?: string;
}

/** The Dates choice (and msg.payload.preset) that delivers each finished day once. */
export const SINCE_LAST_RUN = 'sinceLastRun';

const blank = (value: unknown): boolean => value === undefined || value === null || value === '';

/**
 * The query for one message. A property set in the node wins; a blank one may come from
 * msg.payload (mode, preset, from, to, owners, orderBy, ascending, limit, ownerRecords, clamp).
 */
export function buildQuery(config: StatisticNodeConfig, payload: unknown): StatisticQuery {
  const input = (typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload : {}) as Record<string, unknown>;
  const pick = (own: unknown, key: string): unknown => (blank(own) ? input[key] : own);

  const range = config.dateRange;
  const dates =
    !blank(range) && range !== 'custom'
      ? { preset: range }
      : { preset: blank(range) ? input.preset : undefined, from: pick(config.from, 'from'), to: pick(config.to, 'to') };

  const query: StatisticQuery = {
    mode: pick(config.mode, 'mode') as string,
    dates: { ...dates, clamp: config.clamp === true || input.clamp === true },
    owners: config.ownerSource === 'all' ? ALL_OWNERS : config.ownerSource === 'list' ? pick(config.owners, 'owners') : input.owners,
  };
  const orderBy = pick(config.orderBy, 'orderBy');
  if (!blank(orderBy)) query.orderBy = orderBy as string;
  const ascending = blank(config.sortDirection) ? input.ascending : isAscending(config.sortDirection);
  if (ascending !== undefined) query.ascending = ascending as boolean;
  const limit = blank(config.limit) ? input.limit : Number(config.limit);
  if (!blank(limit)) query.limit = limit as number;
  const ownerRecords = pick(config.ownerRecords, 'ownerRecords');
  if (!blank(ownerRecords)) query.ownerRecords = ownerRecords as string;
  return query;
}

const payloadOf = (payload: unknown): Record<string, unknown> =>
  (typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload : {}) as Record<string, unknown>;

/** Dates "New days since last run" in the node, or, when Dates is blank, msg.payload.preset "sinceLastRun". */
export function isSinceLastRun(config: StatisticNodeConfig, payload: unknown): boolean {
  return config.dateRange === SINCE_LAST_RUN || (blank(config.dateRange) && payloadOf(payload).preset === SINCE_LAST_RUN);
}

/** Start and Ready Time for the history rule; blank fields from msg.payload (start, backfillDays, startDate, readyTime). The core checks them. */
export function historySettings(config: StatisticNodeConfig, payload: unknown): HistorySettings {
  const input = payloadOf(payload);
  const from = blank(config.historyStart) ? input.start : config.historyStart;
  const days = blank(config.backfillDays) ? input.backfillDays : Number(config.backfillDays);
  const date = blank(config.startDate) ? input.startDate : config.startDate;
  const readyTime = blank(config.readyTime) ? input.readyTime : config.readyTime;
  const start = (from === 'backfill' ? { from, days } : from === 'date' ? { from, date } : { from }) as HistoryStart;
  return { start, readyTime: blank(readyTime) ? undefined : (readyTime as string) };
}

/** msg.payload.resetCursor or msg.resetCursor true: forget the last day delivered and start over. */
export function wantsReset(msg: { payload?: unknown; resetCursor?: unknown }): boolean {
  return payloadOf(msg.payload).resetCursor === true || msg.resetCursor === true;
}
