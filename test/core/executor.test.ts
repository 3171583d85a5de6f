import { dayStartSeconds, parseDay } from '../../core/dates/chinaDay';
import { buildPlan } from '../../core/plan/planner';
import type { ValidQuery } from '../../core/query/query';
import type { ApiCaller } from '../../core/request/apiCaller';
import type { WeComCall } from '../../core/request/sendRequest';
import type { DayRecord, OwnerRecord } from '../../core/records/records';
import { executePlan, type Progress } from '../../core/run/executor';
import { AdaptiveLimiter } from '../../core/run/limiter';
import { flattenRecord } from '../../core/records/shape';
import { combineByHand, windowTops } from '../support/combineByHand';

const day = (text: string) => parseDay(text) as number;

function query(overrides: Partial<ValidQuery> = {}): ValidQuery {
  return { mode: 'byOwner', range: { from: day('2026-09-01'), to: day('2026-10-15') }, owners: [], orderBy: 'newChatCount', ascending: false, ownerRecords: 'perWindow', ...overrides };
}

const owners = (n: number) => Array.from({ length: n }, (_, i) => `u${String(i).padStart(4, '0')}`);

/** A fake WeCom: each owner's new_chat_cnt is its number; by day gives 1 per owner per day. */
function fakeWeCom(options: { delayMs?: number; fail?: (call: WeComCall) => Error | undefined } = {}) {
  const calls: WeComCall[] = [];
  let inFlight = 0;
  let peak = 0;
  const call: ApiCaller = async (request, signal) => {
    calls.push(request);
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      await new Promise((r) => setTimeout(r, options.delayMs ?? 1));
      if (signal?.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      const failure = options.fail?.(request);
      if (failure) throw failure;
      const body = request.body as { day_begin_time: number; day_end_time: number; owner_filter: { userid_list: string[] }; offset?: number; limit?: number };
      const ids = body.owner_filter.userid_list;
      if (request.endpoint.endsWith('statistic_group_by_day')) {
        const items = [];
        for (let t = body.day_begin_time; t <= body.day_end_time; t += 86400) items.push({ stat_time: t, data: { new_chat_cnt: ids.length, msg_total: 2 * ids.length } });
        return { errcode: 0, errmsg: 'ok', items };
      }
      const all = ids.map((owner) => ({ owner, data: { new_chat_cnt: Number(owner.slice(1)) } })).sort((a, b) => b.data.new_chat_cnt - a.data.new_chat_cnt);
      const offset = body.offset ?? 0;
      const limit = body.limit ?? 500;
      const next = Math.min(offset + limit, all.length);
      return { errcode: 0, errmsg: 'ok', total: all.length, next_offset: next, items: all.slice(offset, next) };
    } finally {
      inFlight--;
    }
  };
  return { call, calls, peak: () => peak };
}

/** A fake WeCom whose by-owner figures differ by owner and window, so sums and as-of figures are told apart. */
function windowedWeCom() {
  const calls: WeComCall[] = [];
  const call: ApiCaller = async (request) => {
    calls.push(request);
    const body = request.body as { day_begin_time: number; owner_filter: { userid_list: string[] } };
    const w = Math.round((body.day_begin_time - dayStartSeconds(day('2026-08-01'))) / 86400 / 30);
    const items = body.owner_filter.userid_list.map((owner) => {
      const n = Number(owner.slice(1));
      return { owner, data: { new_chat_cnt: (n * (w + 3)) % 17, chat_total: n + w, chat_has_msg: w, new_member_cnt: (n * 7 + w) % 23, member_total: (n * (5 - w)) % 101, member_has_msg: 1, msg_total: 10 * w + n } };
    });
    return { errcode: 0, errmsg: 'ok', total: items.length, next_offset: items.length, items };
  };
  return { call, calls };
}

async function run(plan: ReturnType<typeof buildPlan>, call: ApiCaller, concurrency = 4, signal?: AbortSignal, onProgress?: (p: Progress) => void) {
  const records = [];
  for await (const record of executePlan(plan, { call, limiter: new AdaptiveLimiter(concurrency), signal, onProgress })) records.push(record);
  return records;
}

describe('executePlan', () => {
  it('by owner: one record per owner per window, ranked across batches, windows oldest first', async () => {
    const plan = buildPlan(query(), owners(250));
    const wecom = fakeWeCom();
    const records = (await run(plan, wecom.call)) as OwnerRecord[];
    expect(plan.windows).toHaveLength(2);
    expect(wecom.calls).toHaveLength(plan.requestCount);
    expect(plan.requestCount).toBe(6);
    expect(records).toHaveLength(500);
    expect(records[0]).toMatchObject({ owner: 'u0249', start_date: '2026-09-01', end_date: '2026-09-30', day_begin_time: dayStartSeconds(day('2026-09-01')) });
    expect(records[249]).toMatchObject({ owner: 'u0000', start_date: '2026-09-01' });
    expect(records[250]).toMatchObject({ owner: 'u0249', start_date: '2026-10-01', end_date: '2026-10-15' });
    expect(new Set(records.map((r) => `${r.owner}|${r.start_date}`)).size).toBe(500);
  });

  it('by owner with a limit: the top N of each window across batches, one page per batch', async () => {
    const plan = buildPlan(query({ limit: 5 }), owners(250));
    const wecom = fakeWeCom();
    const records = (await run(plan, wecom.call)) as OwnerRecord[];
    expect(records.map((r) => r.owner)).toEqual(['u0249', 'u0248', 'u0247', 'u0246', 'u0245', 'u0249', 'u0248', 'u0247', 'u0246', 'u0245']);
    expect(wecom.calls.every((c) => (c.body as { limit: number }).limit === 1000)).toBe(true);
    expect(wecom.calls).toHaveLength(6);
  });

  it('by owner combined: one record per owner for the range, equal to its window records combined by hand', async () => {
    const range = { from: day('2026-08-01'), to: day('2026-10-15') };
    const wecom = windowedWeCom();
    const perWindow = (await run(buildPlan(query({ range }), owners(250)), wecom.call)) as OwnerRecord[];
    wecom.calls.length = 0;
    const plan = buildPlan(query({ range, ownerRecords: 'combined' }), owners(250));
    const records = (await run(plan, wecom.call)) as OwnerRecord[];
    expect(plan.windows).toHaveLength(3);
    expect(wecom.calls).toHaveLength(9);
    expect(records).toHaveLength(250);
    expect(records.map(flattenRecord)).toEqual(combineByHand(perWindow.map(flattenRecord)));
    expect(records[0]).toMatchObject({ start_date: '2026-08-01', end_date: '2026-10-15', as_of_date: '2026-10-15', day_end_time: dayStartSeconds(day('2026-10-15')) });
  });

  it('by owner combined with a limit: the top N of the whole range, not of each window, in the minimum of calls', async () => {
    const range = { from: day('2026-08-01'), to: day('2026-10-15') };
    const wecom = windowedWeCom();
    const perWindow = (await run(buildPlan(query({ range }), owners(250)), wecom.call)) as OwnerRecord[];
    wecom.calls.length = 0;
    for (const [orderBy, ascending] of [['newChatCount', false], ['memberTotal', true]] as const) {
      const records = (await run(buildPlan(query({ range, ownerRecords: 'combined', orderBy, ascending, limit: 7 }), owners(250)), wecom.call)) as OwnerRecord[];
      const order = { orderBy, ascending, limit: 7 };
      expect(records.map(flattenRecord)).toEqual(combineByHand(perWindow.map(flattenRecord), order));
      // The range's top by an added figure differs from every window's top: the cut is over the range.
      if (orderBy === 'newChatCount') {
        for (const top of windowTops(perWindow.map(flattenRecord), order)) expect(top).not.toEqual(records.map((r) => r.owner));
      }
    }
    expect(wecom.calls).toHaveLength(18);
    expect(wecom.calls.every((c) => (c.body as { limit: number }).limit === 1000)).toBe(true);
  });

  it('by owner combined: the first failure stops every other call and is the one reported', async () => {
    const plan = buildPlan(query({ range: { from: day('2026-06-01'), to: day('2026-11-20') }, ownerRecords: 'combined' }), owners(1000));
    const boom = new Error('WeCom said no');
    let sent = 0;
    const wecom = fakeWeCom({ fail: () => (++sent === 3 ? boom : undefined) });
    await expect(run(plan, wecom.call, 2)).rejects.toBe(boom);
    expect(wecom.calls.length).toBeLessThan(10);
  });

  it('by day: one record per day with the batches summed', async () => {
    const plan = buildPlan(query({ mode: 'byDay' }), owners(250));
    const records = (await run(plan, fakeWeCom().call)) as DayRecord[];
    expect(records).toHaveLength(45);
    expect(records[0]).toEqual({ date: '2026-09-01', stat_time: dayStartSeconds(day('2026-09-01')), owner_count: 250, data: expect.objectContaining({ new_chat_cnt: 250, msg_total: 500, chat_total: 0 }) });
    expect(records[44].date).toBe('2026-10-15');
    expect(records.map((r) => r.date)).toEqual([...records.map((r) => r.date)].sort());
  });

  it('keeps to the concurrency bound', async () => {
    const plan = buildPlan(query({ mode: 'byDay', range: { from: day('2026-06-01'), to: day('2026-11-20') } }), owners(1000));
    const wecom = fakeWeCom({ delayMs: 2 });
    await run(plan, wecom.call, 5);
    expect(wecom.calls).toHaveLength(60);
    expect(wecom.peak()).toBe(5);
  });

  it('reports progress up to done = planned', async () => {
    const plan = buildPlan(query({ mode: 'byDay' }), owners(250));
    const seen: Progress[] = [];
    await run(plan, fakeWeCom().call, 2, undefined, (p) => seen.push(p));
    expect(seen[0]).toEqual({ requestsDone: 0, requestsPlanned: 6, records: 0 });
    expect(seen.at(-1)).toEqual({ requestsDone: 6, requestsPlanned: 6, records: 45 });
    expect(seen.map((p) => p.requestsDone)).toEqual([...seen.map((p) => p.requestsDone)].sort((a, b) => a - b));
  });

  it('stops the other calls at the first failure and reports that failure', async () => {
    const plan = buildPlan(query({ mode: 'byDay', range: { from: day('2026-06-01'), to: day('2026-11-20') } }), owners(1000));
    const boom = new Error('WeCom said no');
    let sent = 0;
    const wecom = fakeWeCom({ fail: () => (++sent === 3 ? boom : undefined) });
    await expect(run(plan, wecom.call, 2)).rejects.toBe(boom);
    expect(wecom.calls.length).toBeLessThan(10);
  });

  it('stops sending when the caller aborts', async () => {
    const plan = buildPlan(query({ mode: 'byDay', range: { from: day('2026-06-01'), to: day('2026-11-20') } }), owners(1000));
    const wecom = fakeWeCom({ delayMs: 5 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 12);
    await expect(run(plan, wecom.call, 2, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    const sentAtAbort = wecom.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(wecom.calls.length).toBe(sentAtAbort);
    expect(sentAtAbort).toBeLessThan(12);
  });

  it('stops sending when the consumer stops reading', async () => {
    const plan = buildPlan(query({ mode: 'byDay', range: { from: day('2026-06-01'), to: day('2026-11-20') } }), owners(100));
    const wecom = fakeWeCom({ delayMs: 5 });
    for await (const record of executePlan(plan, { call: wecom.call, limiter: new AdaptiveLimiter(1) })) if (record) break;
    const sent = wecom.calls.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(wecom.calls.length).toBe(sent);
    expect(sent).toBeLessThan(plan.requestCount);
  });
});
