import { dayStartSeconds, type DayRange } from '../dates/chinaDay';
import { ENDPOINTS } from '../endpoints';
import { WeComError } from '../errors/WeComError';
import type { Plan } from '../plan/planner';
import { ORDER_BY } from '../query/query';
import type { ApiCaller } from '../request/apiCaller';
import { dayRecords, readDayItems, type DayItem } from '../records/byDay';
import { ownerRecords, type OwnerItem } from '../records/byOwner';
import { OwnerCombiner } from '../records/combineOwners';
import type { StatRecord } from '../records/records';
import { abortError } from '../util/abort';
import type { AdaptiveLimiter } from './limiter';
import { fetchOwnerBatch } from './ownerBatch';

export interface Progress {
  requestsDone: number;
  requestsPlanned: number;
  records: number;
}

export interface ExecuteOptions {
  call: ApiCaller;
  limiter: AdaptiveLimiter;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

/**
 * Runs the plan's calls with bounded concurrency and yields the records. By owner combined:
 * every batch of every window is folded into one accumulator per owner as it arrives, and
 * the ranked records come once all calls are done. Otherwise window by window, oldest first:
 * each window's records are ranked or summed across all its batches, so a window is yielded
 * once all its calls are done; later windows are fetched meanwhile.
 * The first failure stops every other call.
 */
export async function* executePlan(plan: Plan, options: ExecuteOptions): AsyncGenerator<StatRecord> {
  if (options.signal?.aborted) throw abortError(options.signal);
  const controller = new AbortController();
  const stop = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', stop, { once: true });
  const progress: Progress = { requestsDone: 0, requestsPlanned: plan.requestCount, records: 0 };
  const report = (): void => options.onProgress?.({ ...progress });
  let firstError: unknown;
  const fail = (error: unknown): never => {
    firstError ??= error;
    controller.abort(error);
    throw error;
  };
  const rethrowFirst = (error: unknown): never => {
    throw firstError ?? error;
  };
  const call: ApiCaller = (request, signal) =>
    options.limiter.run(async () => {
      // A call queued behind the limiter may wake after the run was stopped.
      if (signal?.aborted) throw abortError(signal);
      const answer = await options.call(request, signal);
      progress.requestsDone++;
      report();
      return answer;
    });
  const { signal } = controller;
  const fetchBatch = (window: DayRange, owners: string[]): Promise<OwnerItem[] | DayItem[]> =>
    plan.mode === 'byOwner'
      ? fetchOwnerBatch(call, {
          body: { ...windowBody(window), order_by: ORDER_BY[plan.orderBy], order_asc: plan.ascending ? 1 : 0 },
          owners,
          pageSize: plan.pageSize,
          signal,
          onExtraCall: () => progress.requestsPlanned++,
        })
      : fetchDayBatch(window, owners, call, signal);
  const emit = function* (records: StatRecord[]): Generator<StatRecord> {
    progress.records += records.length;
    report();
    yield* records;
  };
  try {
    report();
    if (plan.mode === 'byOwner' && plan.ownerRecords === 'combined') {
      const combiner = new OwnerCombiner(plan.windows);
      const batches = plan.windows.flatMap((window, index) =>
        plan.batches.map((owners) => fetchBatch(window, owners).then((items) => combiner.add(index, items as OwnerItem[])).catch(fail)),
      );
      await Promise.all(batches).catch(rethrowFirst);
      yield* emit(combiner.records(plan.range, plan));
      return;
    }
    const windows = plan.windows.map((window) => Promise.all(plan.batches.map((owners) => fetchBatch(window, owners).catch(fail))));
    // Failures are rethrown in window order below; this only keeps them from going unhandled.
    for (const window of windows) window.catch(() => undefined);
    for (const window of plan.windows) {
      // Taken off the list, so a window's items are let go once its records are out.
      const batches = await (windows.shift() as (typeof windows)[number]).catch(rethrowFirst);
      yield* emit(
        plan.mode === 'byOwner'
          ? ownerRecords(window, (batches as OwnerItem[][]).flat(), plan)
          : dayRecords(batches as DayItem[][], plan.ownerCount),
      );
    }
  } finally {
    // Also reached when the consumer stops early: cancel what is still running.
    controller.abort(abortError());
    options.signal?.removeEventListener('abort', stop);
  }
}

function windowBody(window: DayRange): Record<string, unknown> {
  return { day_begin_time: dayStartSeconds(window.from), day_end_time: dayStartSeconds(window.to) };
}

async function fetchDayBatch(
  window: DayRange,
  owners: string[],
  call: ApiCaller,
  signal: AbortSignal,
): Promise<DayItem[]> {
  const body = { ...windowBody(window), owner_filter: { userid_list: owners } };
  const answer = await call({ endpoint: ENDPOINTS.byDay, method: 'POST', body }, signal);
  if (!Array.isArray(answer.items)) {
    throw new WeComError({ kind: 'malformed', errmsg: 'the answer has no items', endpoint: ENDPOINTS.byDay, attempts: 1 });
  }
  return readDayItems(answer.items);
}
