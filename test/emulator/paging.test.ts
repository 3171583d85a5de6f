import { dayStartSeconds, parseDay } from '../../core/dates/chinaDay';
import { Emulator, EmulatorOptionError, EmulatorOptions, PAGING_ANOMALIES, PagingAnomaly, startEmulator } from '../../emulator';

/** The fields these tests read from WeCom answers. */
type Page = { errcode: number; total: number; next_offset: number; items: { owner: string }[] };

const DAY = dayStartSeconds((parseDay('2024-06-10') as number) - 3);
const OWNERS = Array.from({ length: 25 }, (_, i) => `owner_${String(i + 1).padStart(5, '0')}`);

describe('emulator by-owner paging: page size cap and anomalies', () => {
  let emu: Emulator;
  let token: string;

  const start = async (options: EmulatorOptions = {}) => {
    emu = await startEmulator({ port: 0, host: '127.0.0.1', today: '2024-06-10', owners: 40, ...options });
    const answer = await fetch(`${emu.baseUrl}/cgi-bin/gettoken?corpid=${emu.corpId}&corpsecret=${emu.corpSecret}`);
    token = ((await answer.json()) as { access_token: string }).access_token;
  };
  afterEach(() => emu.close());

  const page = async (offset: number, limit = 1000, owners = OWNERS): Promise<Page> => {
    const body = { day_begin_time: DAY, owner_filter: { userid_list: owners }, order_by: 2, offset, limit };
    const response = await fetch(`${emu.baseUrl}/cgi-bin/externalcontact/groupchat/statistic?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    return (await response.json()) as Page;
  };
  const owners = (answer: Page) => answer.items.map((item) => item.owner);
  /** WeCom's order for OWNERS, from one page of 1000 (no cap, no anomaly). */
  const ranking = async (): Promise<string[]> => {
    emu.setPaging({ pageSizeCap: 0, pagingAnomaly: 'none' });
    const all = owners(await page(0));
    expect(all).toHaveLength(25);
    return all;
  };
  const capped = (pagingAnomaly: PagingAnomaly) => emu.setPaging({ pageSizeCap: 10, pagingAnomaly });

  it('pageSizeCap sends at most that many owners a page, whatever the limit, and pages to the end', async () => {
    await start({ pageSizeCap: 10 });
    const pages = [await page(0), await page(10), await page(20)];
    expect(pages.map((p) => [p.total, p.next_offset, p.items.length])).toEqual([[25, 10, 10], [25, 20, 10], [25, 25, 5]]);
    expect(pages.flatMap(owners)).toEqual(await ranking());
    emu.setPaging({ pageSizeCap: 10 });
    expect((await page(0, 3)).items).toHaveLength(3);
  });

  it('stuckOffset: a page that is not the last answers next_offset = its offset', async () => {
    await start();
    const all = await ranking();
    capped('stuckOffset');
    expect(await page(0)).toMatchObject({ errcode: 0, total: 25, next_offset: 0 });
    expect(owners(await page(10))).toEqual(all.slice(10, 20));
    expect(await page(20)).toMatchObject({ total: 25, next_offset: 25 });
  });

  it('emptyPage: a page that is not the last has no items, with total and next_offset as usual', async () => {
    await start();
    const all = await ranking();
    capped('emptyPage');
    expect(await page(0)).toMatchObject({ errcode: 0, total: 25, next_offset: 10, items: [] });
    expect(await page(10)).toMatchObject({ total: 25, next_offset: 20, items: [] });
    expect(owners(await page(20))).toEqual(all.slice(20));
  });

  it('repeatedOwner: each later page repeats the last owner of the page before and never sends the one it displaced', async () => {
    await start();
    const all = await ranking();
    capped('repeatedOwner');
    const pages = [await page(0), await page(10), await page(20)];
    expect(pages.map((p) => [p.total, p.next_offset])).toEqual([[25, 10], [25, 20], [25, 25]]);
    const sent = pages.flatMap(owners);
    expect(sent).toEqual([...all.slice(0, 10), all[9], ...all.slice(11, 20), all[19], ...all.slice(21)]);
    expect(sent).not.toContain(all[10]);
    expect(sent).not.toContain(all[20]);
  });

  it('changingTotal: the first of several pages counts and ranks all but the top owner; later pages count everyone', async () => {
    await start();
    const all = await ranking();
    capped('changingTotal');
    const first = await page(0);
    expect(first).toMatchObject({ total: 24, next_offset: 10 });
    expect(owners(first)).toEqual(all.slice(1, 11));
    const second = await page(10);
    expect(second).toMatchObject({ total: 25, next_offset: 20 });
    expect(owners(second)).toEqual(all.slice(10, 20));
    // When the others fit one page, that page would be the last and hide the top owner for
    // good: no total changes between pages there, so the answer is left alone.
    const eleven = await page(0, 1000, OWNERS.slice(0, 11));
    expect(eleven).toMatchObject({ total: 11, next_offset: 10 });
  });

  it.each(PAGING_ANOMALIES)('%s leaves an answer that fits one page alone', async (pagingAnomaly) => {
    await start();
    const all = await ranking();
    emu.setPaging({ pagingAnomaly });
    expect(await page(0)).toMatchObject({ total: 25, next_offset: 25 });
    expect(owners(await page(0))).toEqual(all);
  });

  it('takes the options at start, and over the admin endpoint, rejecting bad values with 400', async () => {
    await start({ pageSizeCap: 10, pagingAnomaly: 'stuckOffset' });
    expect((await page(0)).next_offset).toBe(0);
    const admin = (body: string) => fetch(`${emu.baseUrl}/__emulator/paging`, { method: 'POST', body });
    expect(await (await admin(JSON.stringify({ pagingAnomaly: 'none' }))).json()).toEqual({ ok: true });
    expect(await page(0)).toMatchObject({ next_offset: 10 });
    await admin(JSON.stringify({ pageSizeCap: 0 }));
    expect(await page(0)).toMatchObject({ next_offset: 25 });
    for (const [body, named] of [['{"pagingAnomaly":"sometimes"}', 'pagingAnomaly'], ['{"pageSizeCap":1001}', 'pageSizeCap'], ['{"cap":5}', 'cap'], ['[]', 'paging']]) {
      const response = await admin(body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain(`"${named}"`);
    }
    expect(await page(0)).toMatchObject({ next_offset: 25 });
  });

  it.each([
    [{ pageSizeCap: -1 }, 'pageSizeCap'],
    [{ pageSizeCap: 1001 }, 'pageSizeCap'],
    [{ pageSizeCap: 2.5 }, 'pageSizeCap'],
    [{ pagingAnomaly: 'stuck' }, 'pagingAnomaly'],
  ])('refuses %p at start and in setPaging, naming %s', async (options, named) => {
    const failure = startEmulator(options as EmulatorOptions);
    await expect(failure).rejects.toBeInstanceOf(EmulatorOptionError);
    await expect(failure).rejects.toMatchObject({ option: named });
    await start();
    expect(() => emu.setPaging(options as never)).toThrow(EmulatorOptionError);
  });
});
