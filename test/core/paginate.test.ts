import type { ApiCaller } from '../../core/request/apiCaller';
import type { WeComCall } from '../../core/request/sendRequest';
import { paginate } from '../../core/run/paginate';

function pagedServer(pages: Record<number, { items: unknown[]; total: number; next_offset: number }>) {
  const calls: WeComCall[] = [];
  const call: ApiCaller = async (request) => {
    calls.push(request);
    const offset = (request.body as { offset: number }).offset;
    const page = pages[offset];
    if (!page) throw new Error(`no page at ${offset}`);
    return { errcode: 0, errmsg: 'ok', ...page };
  };
  return { call, calls };
}

async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterator) out.push(value);
  return out;
}

describe('paginate', () => {
  it('follows next_offset until it reaches total', async () => {
    const { call, calls } = pagedServer({
      0: { items: ['a', 'b'], total: 5, next_offset: 2 },
      2: { items: ['c', 'd'], total: 5, next_offset: 4 },
      4: { items: ['e'], total: 5, next_offset: 5 },
    });
    const pages = await collect(paginate(call, { day_begin_time: 1 }, 2));
    expect(pages.flatMap((p) => p.items)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.map((c) => c.body)).toEqual([
      { day_begin_time: 1, offset: 0, limit: 2 },
      { day_begin_time: 1, offset: 2, limit: 2 },
      { day_begin_time: 1, offset: 4, limit: 2 },
    ]);
    expect(calls[0]).toMatchObject({ endpoint: 'externalcontact/groupchat/statistic', method: 'POST' });
  });

  it('makes one call when the first page holds everything', async () => {
    const { call, calls } = pagedServer({ 0: { items: ['a'], total: 1, next_offset: 1 } });
    expect(await collect(paginate(call, {}, 1000))).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('makes one call for an empty result', async () => {
    const { call } = pagedServer({ 0: { items: [], total: 0, next_offset: 0 } });
    expect((await collect(paginate(call, {}, 1000)))[0].items).toEqual([]);
  });

  it('fails clearly instead of looping when next_offset does not advance', async () => {
    const { call, calls } = pagedServer({ 0: { items: ['a'], total: 3, next_offset: 0 } });
    await expect(collect(paginate(call, {}, 1))).rejects.toMatchObject({
      kind: 'paging',
      message: expect.stringContaining('next_offset 0 does not move past offset 0 while total is 3'),
    });
    expect(calls).toHaveLength(1);
  });

  it('rejects an answer without paging fields', async () => {
    const call: ApiCaller = async () => ({ errcode: 0, errmsg: 'ok', items: [] });
    await expect(collect(paginate(call, {}, 10))).rejects.toMatchObject({ kind: 'paging' });
  });

  it('stops asking when the consumer stops', async () => {
    const { call, calls } = pagedServer({
      0: { items: ['a'], total: 3, next_offset: 1 },
      1: { items: ['b'], total: 3, next_offset: 2 },
    });
    for await (const page of paginate(call, {}, 1)) if (page.items.length) break;
    expect(calls).toHaveLength(1);
  });
});
