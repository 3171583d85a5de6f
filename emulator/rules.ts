import { randomBytes } from 'crypto';
import { ChinaDay, dayOfEpochSeconds } from '../core/dates/chinaDay';

// A type alias (not an interface) so it widens to a JSON record where replies are assembled.
export type WeComError = {
  errcode: number;
  errmsg: string;
};

const MESSAGES: Record<number, string> = {
  40001: 'invalid credential',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40058: 'invalid Request Parameter',
  41001: 'access_token missing',
  42001: 'access_token expired',
  45009: 'api freq out of limit',
  45033: 'api concurrent out of limit',
  47001: 'data format error',
  60011: 'no privilege to access/modify contact/party/agent',
  81017: 'too many members in the app visible range, use owner_filter',
  600018: 'invalid day_begin_time or day_end_time',
};

/** An error body shaped like WeCom's, hint included, so clients that log errmsg see the real format. */
export function wecomError(errcode: number, detail?: string): WeComError {
  const text = (MESSAGES[errcode] ?? 'error') + (detail ? `: ${detail}` : '');
  const hint = `${Math.floor(Date.now() / 1000)}_${randomBytes(6).toString('hex')}-emu`;
  return { errcode, errmsg: `${text}, hint: [${hint}], more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}` };
}

/** What the statistic endpoints need to know about the company to judge a request. */
export interface RuleContext {
  today: ChinaDay;
  members: number;
  invisibleOwners: ReadonlySet<string>;
  /** Owners in the app's visible range: the answer when no owner filter is sent. */
  visibleOwners(): string[];
  hasOwner(id: string): boolean;
}

export interface StatisticQuery {
  beginDay: ChinaDay;
  endDay: ChinaDay;
  /** Known owners to report, deduplicated, in request order. */
  owners: string[];
}

export type OrderBy = 1 | 2 | 3 | 4;

export interface ByOwnerQuery extends StatisticQuery {
  orderBy: OrderBy;
  orderAsc: boolean;
  offset: number;
  limit: number;
}

export type RuleResult<T> = { ok: true; query: T } | { ok: false; error: WeComError };

const HISTORY_DAYS = 180;
const MAX_SPAN_DAYS = 30;
const MAX_OWNER_IDS = 100;

class Rejection extends Error {
  constructor(readonly errcode: number, readonly detail?: string) {
    super(detail);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalInteger(body: Record<string, unknown>, field: string, fallback: number, min: number, max: number): number {
  const value = body[field];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Rejection(40058, `${field} must be an integer from ${min} to ${max}`);
  }
  return value;
}

function days(body: Record<string, unknown>, today: ChinaDay): { beginDay: ChinaDay; endDay: ChinaDay } {
  const begin = body.day_begin_time;
  if (typeof begin !== 'number' || !Number.isInteger(begin)) throw new Rejection(40058, 'day_begin_time must be an integer');
  const end = body.day_end_time ?? begin;
  if (typeof end !== 'number' || !Number.isInteger(end)) throw new Rejection(40058, 'day_end_time must be an integer');
  const beginDay = dayOfEpochSeconds(begin);
  const endDay = dayOfEpochSeconds(end);
  const oldest = today - HISTORY_DAYS;
  for (const day of [beginDay, endDay]) {
    if (day < oldest || day > today - 1) throw new Rejection(600018, 'days must be from 180 days ago to yesterday');
  }
  if (beginDay > endDay) throw new Rejection(600018, 'day_begin_time is after day_end_time');
  if (endDay - beginDay >= MAX_SPAN_DAYS) throw new Rejection(600018, 'at most 30 days per query');
  return { beginDay, endDay };
}

/** The owner_filter's ids, or undefined when the caller asked for everyone. */
function requestedIds(body: Record<string, unknown>): string[] | undefined {
  const filter = body.owner_filter;
  if (filter === undefined) return undefined;
  if (!isObject(filter)) throw new Rejection(40058, 'owner_filter must be an object');
  const list = filter.userid_list;
  if (list === undefined) return undefined;
  if (!Array.isArray(list) || !list.every((id) => typeof id === 'string')) {
    throw new Rejection(40058, 'owner_filter.userid_list must be an array of user ids');
  }
  if (list.length > MAX_OWNER_IDS) throw new Rejection(40058, `owner_filter.userid_list has more than ${MAX_OWNER_IDS} ids`);
  // An empty repeated field reads as absent on WeCom's side: same as no filter.
  return list.length === 0 ? undefined : (list as string[]);
}

function owners(ids: string[] | undefined, context: RuleContext): string[] {
  if (ids === undefined) {
    if (context.members > 1000) throw new Rejection(81017);
    return context.visibleOwners();
  }
  const hidden = ids.find((id) => context.invisibleOwners.has(id));
  if (hidden !== undefined) throw new Rejection(60011, `${hidden} is outside the app's visible range`);
  return [...new Set(ids)].filter((id) => context.hasOwner(id));
}

function judge<T>(body: unknown, build: (body: Record<string, unknown>) => T): RuleResult<T> {
  if (!isObject(body)) return { ok: false, error: wecomError(47001) };
  try {
    return { ok: true, query: build(body) };
  } catch (error) {
    if (error instanceof Rejection) return { ok: false, error: wecomError(error.errcode, error.detail) };
    throw error;
  }
}

export function judgeByDay(body: unknown, context: RuleContext): RuleResult<StatisticQuery> {
  return judge(body, (fields) => {
    const range = days(fields, context.today);
    const ids = requestedIds(fields);
    return { ...range, owners: owners(ids, context) };
  });
}

export function judgeByOwner(body: unknown, context: RuleContext): RuleResult<ByOwnerQuery> {
  return judge(body, (fields) => {
    const range = days(fields, context.today);
    const ids = requestedIds(fields);
    const orderBy = optionalInteger(fields, 'order_by', 1, 1, 4) as OrderBy;
    const orderAsc = optionalInteger(fields, 'order_asc', 0, 0, 1) === 1;
    const offset = optionalInteger(fields, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const limit = optionalInteger(fields, 'limit', 500, 1, 1000);
    return { ...range, owners: owners(ids, context), orderBy, orderAsc, offset, limit };
  });
}
