import type { DayRange } from '../dates/chinaDay';
import { resolveDateRange, type DateRangeInput } from '../dates/dayRange';
import { describeValue } from '../errors/describeValue';
import { InvalidInputError } from '../errors/WeComError';
import { ALL_OWNERS, normalizeOwners } from './owners';

export const MODES = ['byOwner', 'byDay'] as const;
export type StatisticMode = (typeof MODES)[number];

/** By-owner sort fields and WeCom's order_by codes. */
export const ORDER_BY = { newChatCount: 1, chatTotal: 2, newMemberCount: 3, memberTotal: 4 } as const;
export type OrderField = keyof typeof ORDER_BY;

export const MAX_LIMIT = 1000;

/** By owner over more than 30 days: one record per owner for the whole range, or one per owner per window. */
export const OWNER_RECORDS = ['combined', 'perWindow'] as const;
export type OwnerRecordsChoice = (typeof OWNER_RECORDS)[number];

/** What a user asks for, as loose as hosts deliver it. */
export interface StatisticQuery {
  mode: StatisticMode | string;
  dates: DateRangeInput;
  /** IDs (array or separated text), or ALL_OWNERS. */
  owners: unknown;
  /** By owner only: the ranking of the records. Default newChatCount. */
  orderBy?: OrderField | string;
  ascending?: boolean;
  /** By owner only: keep the top N owners (of the range, or of each window with perWindow; 1-1000); all when unset. */
  limit?: number;
  /** By owner only: `combined` (default), one record per owner for the whole range; `perWindow`, one per owner per window of up to 30 days. */
  ownerRecords?: OwnerRecordsChoice | string;
}

/** A query that passed every check and can be planned. */
export interface ValidQuery {
  mode: StatisticMode;
  range: DayRange;
  owners: string[] | typeof ALL_OWNERS;
  orderBy: OrderField;
  ascending: boolean;
  limit?: number;
  ownerRecords: OwnerRecordsChoice;
}

/** Checks everything before any API call; throws InvalidInputError naming the field. */
export function validateQuery(query: StatisticQuery, now?: () => number): ValidQuery {
  if (!(MODES as readonly unknown[]).includes(query.mode)) {
    throw new InvalidInputError('mode', `${describeValue(query.mode)} is not a mode`, MODES.join(', '));
  }
  const mode = query.mode as StatisticMode;
  const orderBy = query.orderBy ?? 'newChatCount';
  if (typeof orderBy !== 'string' || !Object.hasOwn(ORDER_BY, orderBy)) {
    throw new InvalidInputError('orderBy', `${describeValue(orderBy)} is not a sort field`, Object.keys(ORDER_BY).join(', '));
  }
  if (query.ascending !== undefined && typeof query.ascending !== 'boolean') {
    throw new InvalidInputError('ascending', `got ${describeValue(query.ascending)}`, 'true or false');
  }
  const limit = query.limit;
  if (limit !== undefined && (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT)) {
    throw new InvalidInputError('limit', `got ${describeValue(limit)}`, `a whole number from 1 to ${MAX_LIMIT}, or none to return all`);
  }
  const ownerRecords = query.ownerRecords === undefined ? 'combined' : query.ownerRecords;
  if (!(OWNER_RECORDS as readonly unknown[]).includes(ownerRecords)) {
    throw new InvalidInputError('ownerRecords', `${describeValue(ownerRecords)} is not a choice`, OWNER_RECORDS.join(', '));
  }
  const owners = query.owners === ALL_OWNERS ? ALL_OWNERS : normalizeOwners(query.owners);
  return {
    mode,
    range: resolveDateRange(query.dates ?? {}, now),
    owners,
    orderBy: orderBy as OrderField,
    ascending: query.ascending ?? false,
    limit,
    ownerRecords: ownerRecords as OwnerRecordsChoice,
  };
}
