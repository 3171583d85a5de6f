import type { DayRange } from '../dates/chinaDay';
import type { ValidQuery } from '../query/query';
import { MAX_LIMIT, type OrderField, type OwnerRecordsChoice, type StatisticMode } from '../query/query';
import { splitIntoBatches } from './batches';
import { splitIntoWindows } from './windows';

/** Everything a run will do, known before the first statistic call. */
export interface Plan {
  mode: StatisticMode;
  range: DayRange;
  windows: DayRange[];
  batches: string[][];
  ownerCount: number;
  orderBy: OrderField;
  ascending: boolean;
  limit?: number;
  /** By owner: one record per owner for the range (ranked and cut over it), or per window. */
  ownerRecords: OwnerRecordsChoice;
  /** By owner: WeCom's page size. A batch never has more items than owners: one page, unless WeCom sends fewer. */
  pageSize: number;
  /** Windows x batches: the statistic calls, assuming WeCom pages as documented. */
  requestCount: number;
}

/** Turns a checked query and its owner list into windows x owner batches. */
export function buildPlan(query: ValidQuery, owners: readonly string[]): Plan {
  const windows = splitIntoWindows(query.range);
  const batches = splitIntoBatches(owners);
  return {
    mode: query.mode,
    range: query.range,
    windows,
    batches,
    ownerCount: owners.length,
    orderBy: query.orderBy,
    ascending: query.ascending,
    limit: query.limit,
    ownerRecords: query.ownerRecords,
    // Whole batches, even with a limit: it costs no extra call, ties at the cut are then
    // broken by our rule (owner ID), not by WeCom's order inside each batch, and combining
    // needs every owner of every window anyway.
    pageSize: MAX_LIMIT,
    requestCount: windows.length * batches.length,
  };
}
