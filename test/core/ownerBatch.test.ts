import fc from 'fast-check';
import { WeComClient } from '../../core/client';
import { WeComError } from '../../core/errors/WeComError';
import type { HttpRequest } from '../../core/http/transport';
import type { OwnerRecord } from '../../core/records/records';
import type { ApiCaller } from '../../core/request/apiCaller';
import type { Progress } from '../../core/run/executor';
import { fetchOwnerBatch } from '../../core/run/ownerBatch';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { ok, scriptedTransport } from '../support/scriptedTransport';

/** The owners u01..u10; each one's new_chat_cnt is its number, so WeCom ranks u10 first. */
const OWNERS = Array.from({ length: 10 }, (_, i) => `u${String(i + 1).padStart(2, '0')}`);
const chats = (owner: string) => Number(owner.slice(1));
const ranked = (owners: readonly string[]) => owners.filter((owner) => owner.startsWith('u')).sort((a, b) => chats(b) - chats(a));
const item = (owner: string, extra = 0) => ({ owner, data: { new_chat_cnt: chats(owner) + extra } });

interface PageAsked {
  owners: string[];
  offset: number;
  limit: number;
}
type PageAnswer = { items: unknown[]; total: number; next_offset: number };

/** WeCom honest but for pages of at most `cap` items. */
function honestPage({ owners, offset, limit }: PageAsked, cap = 4): PageAnswer {
  const rows = ranked(owners);
  const next = Math.min(offset + Math.min(limit, cap), rows.length);
  return { items: rows.slice(offset, next).map((owner) => item(owner)), total: rows.length, next_offset: next };
}

/** The first of several pages is read before the top owner's figures "arrive": it ranks the others. */
function staleFirstPage(asked: PageAsked): PageAnswer {
  const rest = ranked(asked.owners).slice(1);
  return asked.offset === 0 && rest.length > 4 ? honestPage({ ...asked, owners: rest }) : honestPage(asked);
}

/** A WeCom client whose by-owner answers come from `serve`; gettoken always succeeds. */
function scriptedWeCom(serve: (asked: PageAsked) => PageAnswer) {
  const asked: PageAsked[] = [];
  const answers: PageAnswer[] = [];
  const transport = scriptedTransport([], (request: HttpRequest) => {
    if (request.url.endsWith('/gettoken')) return ok({ access_token: 'token-for-tests', expires_in: 7200 });
    const body = request.body as { owner_filter: { userid_list: string[] }; offset: number; limit: number };
    const page = { owners: body.owner_filter.userid_list, offset: body.offset, limit: body.limit };
    asked.push(page);
    answers.push(serve(page));
    return ok(answers.at(-1));
  });
  const client = new WeComClient({
    corpId: 'ww_test',
    corpSecret: 'test-secret',
    baseUrl: 'https://wecom.test',
    transport,
    tokenStore: new MemoryTokenStore(),
    now: () => Date.parse('2026-11-25T10:00:00+08:00'),
  });
  const run = async (owners = OWNERS, onProgress?: (p: Progress) => void) => {
    const { records } = await client.collectStatistics({ mode: 'byOwner', dates: { preset: 'yesterday' }, owners }, { onProgress });
    return (records as OwnerRecord[]).map((record) => ({ owner: record.owner, new_chat_cnt: record.data.new_chat_cnt }));
  };
  return { run, asked, answers };
}

const TRUTH = ranked(OWNERS).map((owner) => ({ owner, new_chat_cnt: chats(owner) }));

describe('a by-owner batch over misbehaving pages', () => {
  it('pages smaller than asked for: every owner once, one call per page', async () => {
    const wecom = scriptedWeCom((asked) => honestPage(asked));
    expect(await wecom.run()).toEqual(TRUTH);
    expect(wecom.asked.map((page) => page.offset)).toEqual([0, 4, 8]);
    expect(wecom.asked.every((page) => page.limit === 1000)).toBe(true);
  });

  it('an owner repeated across pages is kept once, and the owners skipped in its place are asked for by ID', async () => {
    // Pages after the first come from an order where the owners at the page boundary swapped.
    const wecom = scriptedWeCom((asked) => {
      const rows = ranked(asked.owners);
      if (asked.offset > 0) [rows[asked.offset - 1], rows[asked.offset]] = [rows[asked.offset], rows[asked.offset - 1]];
      const next = Math.min(asked.offset + 4, rows.length);
      return { items: rows.slice(asked.offset, next).map((owner) => item(owner)), total: rows.length, next_offset: next };
    });
    expect(await wecom.run()).toEqual(TRUTH);
    const sent = wecom.answers.slice(0, 3).flatMap((page) => page.items.map((i) => (i as { owner: string }).owner));
    expect(sent).toEqual(['u10', 'u09', 'u08', 'u07', 'u07', 'u05', 'u04', 'u03', 'u03', 'u01']);
    // u06 and u02 were never sent by the paging; one more call fetched exactly them.
    expect(wecom.asked).toHaveLength(4);
    expect(wecom.asked[3]).toEqual({ owners: ['u02', 'u06'], offset: 0, limit: 1000 });
  });

  it('fails when a repeated owner comes back with different figures, naming the owner', async () => {
    const wecom = scriptedWeCom((asked) => {
      const page = honestPage(asked);
      return asked.offset === 4 ? { ...page, items: [item('u07', 1), ...page.items] } : page;
    });
    const error = await wecom.run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComError);
    expect(error).toMatchObject({ kind: 'paging', endpoint: 'externalcontact/groupchat/statistic', attempts: 1 });
    expect((error as WeComError).errmsg).toBe('owner u07 came back twice with different figures, so the data changed while it was read');
    expect((error as WeComError).hint).toContain('Run it again later');
  });

  it('a total that grows between pages is followed to the end, losing no owner and repeating none', async () => {
    const wecom = scriptedWeCom((asked) => staleFirstPage(asked));
    expect(await wecom.run()).toEqual(TRUTH);
    expect(wecom.asked.map((page) => page.offset)).toEqual([0, 4, 8, 0]);
    expect(wecom.asked[3].owners).toEqual(['u10']);
  });

  it('fails when the total shrinks below the owners already received', async () => {
    const wecom = scriptedWeCom((asked) => {
      const page = honestPage(asked);
      return asked.offset === 0 ? page : { ...page, total: 6 };
    });
    await expect(wecom.run()).rejects.toMatchObject({ kind: 'paging', errmsg: 'WeCom counted 6 owners but its pages held 8 distinct owners' });
    expect(wecom.asked).toHaveLength(2);
  });

  it('fails when WeCom counts owners it never sends, also after asking again', async () => {
    const overcount = (asked: PageAsked) => {
      const page = honestPage(asked);
      return { ...page, total: page.total + 1, next_offset: page.next_offset < page.total ? page.next_offset : page.total + 1 };
    };
    await expect(scriptedWeCom(overcount).run()).rejects.toMatchObject({
      errmsg: 'WeCom counted 11 owners but its pages held 10 distinct owners',
    });
    // With an ID WeCom does not know, that one is asked for again: still no eleventh owner.
    const wecom = scriptedWeCom(overcount);
    await expect(wecom.run([...OWNERS, 'ghost'])).rejects.toMatchObject({
      errmsg: 'WeCom counted 11 owners but its pages held 10 distinct owners, also after asking again for the owners it did not send',
    });
    expect(wecom.asked.at(-1)?.owners).toEqual(['ghost']);
  });

  it('fails on an empty page before the end after two calls, not retried', async () => {
    const wecom = scriptedWeCom((asked) => (asked.offset === 4 ? { ...honestPage(asked), items: [] } : honestPage(asked)));
    const error = await wecom.run().catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'paging', attempts: 1, retried: false });
    expect((error as Error).message).toBe(
      'WeCom externalcontact/groupchat/statistic failed: the page at offset 4 has no items although next_offset 8 is below total 10 — ' +
        (error as WeComError).hint,
    );
    expect(wecom.asked).toHaveLength(2);
  });

  it('fails on a next_offset that does not advance, naming the offsets', async () => {
    const wecom = scriptedWeCom((asked) => ({ ...honestPage(asked), next_offset: asked.offset }));
    await expect(wecom.run()).rejects.toMatchObject({ kind: 'paging', errmsg: 'next_offset 0 does not move past offset 0 while total is 10' });
    expect(wecom.asked).toHaveLength(1);
  });

  it('counts the extra pages and calls in the progress, ending at done = planned', async () => {
    const seen: Progress[] = [];
    const wecom = scriptedWeCom((asked) => staleFirstPage(asked));
    await wecom.run(OWNERS, (p) => seen.push(p));
    expect(seen[0]).toEqual({ requestsDone: 0, requestsPlanned: 1, records: 0 });
    expect(seen.at(-1)).toEqual({ requestsDone: 4, requestsPlanned: 4, records: 10 });
  });

  it('property: any misbehaviour with an honest final total gives exactly the truth or a paging error, in bounded calls', async () => {
    const behaviour = fc.record({
      cap: fc.integer({ min: 1, max: 5 }),
      swap: fc.boolean(),
      empty: fc.boolean(),
      totalDelta: fc.integer({ min: -2, max: 2 }),
      nextDelta: fc.integer({ min: -2, max: 2 }),
    });
    const scenario = fc.record({
      known: fc.subarray(OWNERS, { minLength: 0 }),
      unknown: fc.subarray(['ghost1', 'ghost2']),
      behaviours: fc.array(behaviour, { minLength: 1, maxLength: 8 }),
    });
    await fc.assert(
      fc.asyncProperty(scenario, async ({ known, unknown, behaviours }) => {
        let calls = 0;
        const call: ApiCaller = async (request) => {
          const b = behaviours[calls++ % behaviours.length];
          const body = request.body as { owner_filter: { userid_list: string[] }; offset: number };
          const rows = ranked(body.owner_filter.userid_list.filter((owner) => known.includes(owner)));
          const { offset } = body;
          if (b.swap && offset > 0 && offset < rows.length) [rows[offset - 1], rows[offset]] = [rows[offset], rows[offset - 1]];
          const served = rows.slice(offset, offset + b.cap);
          const next = Math.max(0, offset + b.cap + b.nextDelta);
          // A total is allowed to lie only where it does not end the paging: a final lie cannot be caught.
          const lied = Math.max(0, rows.length + b.totalDelta);
          const total = next >= lied && b.totalDelta < 0 ? rows.length : lied;
          return { errcode: 0, errmsg: 'ok', items: b.empty ? [] : served.map((owner) => item(owner)), total, next_offset: next };
        };
        const owners = [...OWNERS, ...unknown];
        const outcome = await fetchOwnerBatch(call, { body: {}, owners, pageSize: 1000 }).catch((e: unknown) => e);
        const n = owners.length;
        expect(calls).toBeLessThanOrEqual(n + (n * (n + 1)) / 2);
        if (outcome instanceof WeComError) {
          expect(outcome.kind).toBe('paging');
          return;
        }
        const got = (outcome as { owner: string; data: { new_chat_cnt: number } }[]).map((i) => [i.owner, i.data.new_chat_cnt]);
        expect(got.sort()).toEqual(known.map((owner) => [owner, chats(owner)]).sort());
      }),
      { numRuns: 400 },
    );
  });
});
