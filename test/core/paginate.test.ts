import type { ApiCaller } from '../../core/request/apiCaller';
import type { WeComCall } from '../../core/request/sendRequest';
import { paginate, type PageRequest } from '../../core/run/paginate';

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

const request = (pageSize: number, maxPages = 100): PageRequest => ({ body: {}, pageSize, maxPages });

describe('paginate', () => {
  it('follows next_offset until it reaches total', async () => {
    const { call, calls } = pagedServer({
      0: { items: ['a', 'b'], total: 5, next_offset: 2 },
      2: { items: ['c', 'd'], total: 5, next_offset: 4 },
      4: { items: ['e'], total: 5, next_offset: 5 },
    });
    const pages = await collect(paginate(call, { body: { day_begin_time: 1 }, pageSize: 2, maxPages: 5 }));
    expect(pages.flatMap((p) => p.items)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(calls.map((c) => c.body)).toEqual([
      { day_begin_time: 1, offset: 0, limit: 2 },
      { day_begin_time: 1, offset: 2, limit: 2 },
      { day_begin_time: 1, offset: 4, limit: 2 },
    ]);
    expect(calls[0]).toMatchObject({ endpoint: 'externalcontact/groupchat/statistic', method: 'POST' });
  });

  it('follows pages smaller than asked for, as a server may send', async () => {
    const { call } = pagedServer({
      0: { items: ['a'], total: 3, next_offset: 1 },
      1: { items: ['b', 'c'], total: 3, next_offset: 3 },
    });
    expect((await collect(paginate(call, request(1000, 3)))).flatMap((p) => p.items)).toEqual(['a', 'b', 'c']);
  });

  it('follows a total that changes between pages, ending at the latest one', async () => {
    const { call, calls } = pagedServer({
      0: { items: ['a', 'b'], total: 3, next_offset: 2 },
      2: { items: ['c', 'd'], total: 5, next_offset: 4 },
      4: { items: ['e'], total: 5, next_offset: 5 },
    });
    const pages = await collect(paginate(call, request(2, 5)));
    expect(pages.map((p) => p.total)).toEqual([3, 5, 5]);
    expect(calls).toHaveLength(3);
  });

  it('makes one call when the first page holds everything', async () => {
    const { call, calls } = pagedServer({ 0: { items: ['a'], total: 1, next_offset: 1 } });
    expect(await collect(paginate(call, request(1000)))).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('makes one call for an empty result', async () => {
    const { call } = pagedServer({ 0: { items: [], total: 0, next_offset: 0 } });
    expect((await collect(paginate(call, request(1000))))[0].items).toEqual([]);
  });

  it('fails clearly instead of looping when next_offset does not advance', async () => {
    const { call, calls } = pagedServer({
      0: { items: ['a'], total: 3, next_offset: 1 },
      1: { items: ['b'], total: 3, next_offset: 1 },
    });
    const failure = collect(paginate(call, request(1)));
    await expect(failure).rejects.toMatchObject({ name: 'WeComError', kind: 'paging', endpoint: 'externalcontact/groupchat/statistic', attempts: 1 });
    await expect(failure).rejects.toThrow('WeCom externalcontact/groupchat/statistic failed: next_offset 1 does not move past offset 1 while total is 3');
    expect(calls).toHaveLength(2);
  });

  it('fails clearly on an empty page before the end, naming offset, next_offset and total', async () => {
    const { call, calls } = pagedServer({
      0: { items: ['a', 'b'], total: 6, next_offset: 2 },
      2: { items: [], total: 6, next_offset: 4 },
      4: { items: ['e', 'f'], total: 6, next_offset: 6 },
    });
    const error = await collect(paginate(call, request(2))).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'paging', errmsg: 'the page at offset 2 has no items although next_offset 4 is below total 6' });
    expect((error as Error).message).toContain('Run it again later');
    expect(calls).toHaveLength(2);
  });

  it('accepts an empty last page', async () => {
    const { call } = pagedServer({
      0: { items: ['a', 'b'], total: 3, next_offset: 2 },
      2: { items: [], total: 3, next_offset: 3 },
    });
    expect((await collect(paginate(call, request(2)))).flatMap((p) => p.items)).toEqual(['a', 'b']);
  });

  it('stops after maxPages even when every page advances and carries items', async () => {
    const calls: WeComCall[] = [];
    // A server whose total never comes in reach: one item per page, next_offset + 1.
    const call: ApiCaller = async (req) => {
      calls.push(req);
      const offset = (req.body as { offset: number }).offset;
      return { errcode: 0, errmsg: 'ok', items: ['a'], total: 1_000_000, next_offset: offset + 1 };
    };
    await expect(collect(paginate(call, request(1000, 4)))).rejects.toMatchObject({
      kind: 'paging',
      errmsg: 'next_offset 4 is still below total 1000000 after 4 pages, the most 4 owners can need',
    });
    expect(calls).toHaveLength(4);
  });

  it.each([
    ['no paging fields', { items: [] }],
    ['a string total', { items: [], total: '3', next_offset: 3 }],
    ['a fractional next_offset', { items: ['a'], total: 3, next_offset: 1.5 }],
    ['items that are not an array', { items: {}, total: 1, next_offset: 1 }],
  ])('rejects an answer with %s', async (_name, fields) => {
    const call: ApiCaller = async () => ({ errcode: 0, errmsg: 'ok', ...fields });
    await expect(collect(paginate(call, request(10)))).rejects.toMatchObject({
      kind: 'paging',
      errmsg: 'the answer lacks items, or a whole-number total and next_offset',
    });
  });

  it('stops asking when the consumer stops', async () => {
    const { call, calls } = pagedServer({
      0: { items: ['a'], total: 3, next_offset: 1 },
      1: { items: ['b'], total: 3, next_offset: 2 },
    });
    for await (const page of paginate(call, request(1))) if (page.items.length) break;
    expect(calls).toHaveLength(1);
  });
});
