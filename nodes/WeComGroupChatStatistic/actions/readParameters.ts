import type { IExecuteFunctions } from 'n8n-workflow';
import type { StatisticQuery } from '../../../core/query/query';
import { ALL_OWNERS } from '../../../core/query/owners';
import { isAscending } from '../../shared/sortDirection';

export interface NodeOptions {
  clamp?: boolean;
  concurrency?: number;
  output?: 'flat' | 'raw';
  ownerRecords?: string;
}

export interface NodeRequest {
  query: StatisticQuery;
  concurrency?: number;
  output: 'flat' | 'raw';
}

/** The node's parameters for one input item, as the core's query. The core validates it. */
export function readParameters(context: IExecuteFunctions, itemIndex: number): NodeRequest {
  const param = <T>(name: string, fallback?: T): T => context.getNodeParameter(name, itemIndex, fallback) as T;
  const mode = param<string>('mode');
  const options = param<NodeOptions>('options', {});
  const dateRange = param<string>('dateRange');
  const dates =
    dateRange === 'custom'
      ? { from: param<unknown>('from'), to: param<unknown>('to', ''), clamp: options.clamp }
      : { preset: dateRange, clamp: options.clamp };
  const owners = param<string>('ownerSource') === 'all' ? ALL_OWNERS : param<unknown>('owners');
  const query: StatisticQuery = { mode, dates, owners };
  if (mode === 'byOwner') {
    query.orderBy = param<string>('orderBy');
    query.ascending = isAscending(param<unknown>('sortDirection'));
    if (!param<boolean>('returnAll')) query.limit = param<number>('limit');
    if (options.ownerRecords !== undefined) query.ownerRecords = options.ownerRecords;
  }
  return { query, concurrency: options.concurrency, output: options.output ?? 'flat' };
}
