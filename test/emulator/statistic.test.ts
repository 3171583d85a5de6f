import { dayStartSeconds, parseDay, todayInChina } from '../../core/dates/chinaDay';
import { Emulator, EmulatorOptions, startEmulator } from '../../emulator';

/** WeCom answers as these tests read them (fields present only on success). */
type Data = Record<string, number>;
type Item = { owner: string; stat_time: number; data: Data };
type Json = { errcode: number; errmsg: string; access_token: string; total: number; next_offset: number; items: Item[] };

const TODAY = parseDay('2024-06-10') as number;
const at = (daysAgo: number) => dayStartSeconds(TODAY - daysAgo);
const ids = (from: number, count: number) => Array.from({ length: count }, (_, i) => `owner_${String(from + i).padStart(5, '0')}`);

class Client {
  private token = '';
  constructor(readonly emu: Emulator) {}

  async post(endpoint: string, body: unknown): Promise<Json> {
    if (!this.token) {
      const answer = await fetch(`${this.emu.baseUrl}/cgi-bin/gettoken?corpid=${this.emu.corpId}&corpsecret=${this.emu.corpSecret}`);
      this.token = ((await answer.json()) as Json).access_token;
    }
    const response = await fetch(`${this.emu.baseUrl}/cgi-bin/externalcontact/${endpoint}?access_token=${this.token}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Json;
  }

  byOwner = (body: unknown) => this.post('groupchat/statistic', body);
  byDay = (body: unknown) => this.post('groupchat/statistic_group_by_day', body);
}

describe('emulator statistic endpoints', () => {
  const started: Emulator[] = [];
  const start = async (options: EmulatorOptions = {}) => {
    const emu = await startEmulator({ port: 0, host: '127.0.0.1', today: '2024-06-10', ...options });
    started.push(emu);
    return new Client(emu);
  };
  let client: Client;

  beforeAll(async () => {
    client = await start({ owners: 300, invisibleOwners: ['owner_00007', 'ghost'] });
  });
  afterAll(() => Promise.all(started.map((emu) => emu.close())));

  const filter = (owners = ids(1, 3)) => ({ owner_filter: { userid_list: owners } });

  describe('time rules (600018)', () => {
    it.each([
      ['yesterday', at(1), at(1), 0],
      ['180 days ago', at(180), at(180), 0],
      ['181 days ago', at(181), at(181), 600018],
      ['today', at(0), at(0), 600018],
      ['a window ending today', at(3), at(0), 600018],
      ['tomorrow', at(-1), at(-1), 600018],
      ['begin after end', at(2), at(3), 600018],
      ['30 days inclusive (end - begin = 29)', at(30), at(1), 0],
      ['31 days inclusive (end - begin = 30)', at(31), at(1), 600018],
    ])('%s', async (_, begin, end, errcode) => {
      const body = { day_begin_time: begin, day_end_time: end, ...filter() };
      expect((await client.byOwner(body)).errcode).toBe(errcode);
      expect((await client.byDay(body)).errcode).toBe(errcode);
    });

    it('floors a non-midnight time to that China day', async () => {
      const midnight = at(5);
      const late = await client.byDay({ day_begin_time: midnight + 21 * 3600, day_end_time: midnight + 86_399, ...filter() });
      const exact = await client.byDay({ day_begin_time: midnight, ...filter() });
      expect(late.items.map((item: Item) => item.stat_time)).toEqual([midnight]);
      expect(late).toEqual(exact);
      const yesterdayLate = await client.byOwner({ day_begin_time: at(1) + 86_399, ...filter() });
      expect(yesterdayLate.errcode).toBe(0);
    });

    it('defaults day_end_time to day_begin_time', async () => {
      const answer = await client.byDay({ day_begin_time: at(4), ...filter() });
      expect(answer.items).toHaveLength(1);
    });

    it('uses the real China date when no today is set', async () => {
      const live = await start({ owners: 2, today: undefined });
      const yesterday = dayStartSeconds(todayInChina() - 1);
      expect((await live.byDay({ day_begin_time: yesterday })).errcode).toBe(0);
      expect((await live.byDay({ day_begin_time: yesterday + 86_400 })).errcode).toBe(600018);
    });

    it('follows setToday', async () => {
      const moved = await start({ owners: 2 });
      moved.emu.setToday('2024-06-05');
      expect((await moved.byDay({ day_begin_time: at(5) })).errcode).toBe(600018);
      expect((await moved.byDay({ day_begin_time: at(6) })).errcode).toBe(0);
    });
  });

  describe('parameters', () => {
    const day = { day_begin_time: at(2) };

    it.each([
      ['not JSON', 'day_begin_time=1', 47001],
      ['a JSON array', '[]', 47001],
      ['an empty body', '', 47001],
      ['no day_begin_time', JSON.stringify({ owner_filter: { userid_list: ['owner_00001'] } }), 40058],
      ['a string day_begin_time', JSON.stringify({ day_begin_time: String(at(2)) }), 40058],
      ['a fractional day_end_time', JSON.stringify({ day_begin_time: at(2), day_end_time: at(2) + 0.5 }), 40058],
      ['a non-object owner_filter', JSON.stringify({ ...day, owner_filter: ['owner_00001'] }), 40058],
      ['a non-array userid_list', JSON.stringify({ ...day, owner_filter: { userid_list: 'owner_00001' } }), 40058],
      ['a non-string user id', JSON.stringify({ ...day, owner_filter: { userid_list: [1] } }), 40058],
    ])('rejects %s', async (_, body, errcode) => {
      expect((await client.byOwner(body)).errcode).toBe(errcode);
      expect((await client.byDay(body)).errcode).toBe(errcode);
    });

    it('accepts 100 owners and rejects 101 with 40058', async () => {
      const hundred = await client.byOwner({ ...day, ...filter(ids(101, 100)) });
      expect(hundred).toMatchObject({ errcode: 0, total: 100 });
      expect((await client.byDay({ ...day, ...filter(ids(101, 100)) })).errcode).toBe(0);
      expect((await client.byOwner({ ...day, ...filter(ids(101, 101)) })).errcode).toBe(40058);
      expect((await client.byDay({ ...day, ...filter(ids(101, 101)) })).errcode).toBe(40058);
    });

    it('answers 60011 when any owner is outside the visible range', async () => {
      expect((await client.byOwner({ ...day, ...filter(['owner_00001', 'owner_00007']) })).errcode).toBe(60011);
      expect((await client.byDay({ ...day, ...filter(['ghost']) })).errcode).toBe(60011);
    });

    it('silently ignores unknown owners', async () => {
      const answer = await client.byOwner({ ...day, ...filter(['owner_00001', 'nobody', 'owner_99999', 'owner_00002']) });
      expect(answer.total).toBe(2);
      expect(answer.items.map((item: Item) => item.owner).sort()).toEqual(['owner_00001', 'owner_00002']);
    });

    it('returns every visible owner without a filter when at most 1000 members are visible', async () => {
      const answer = await client.byOwner(day);
      expect(answer).toMatchObject({ errcode: 0, total: 299, next_offset: 299 });
      expect(answer.items.some((item: Item) => item.owner === 'owner_00007')).toBe(false);
      expect((await client.byOwner({ ...day, owner_filter: {} })).total).toBe(299);
    });

    it('answers 81017 without a filter when more than 1000 members are visible', async () => {
      const big = await start({ owners: 20, members: 1001 });
      expect((await big.byOwner({ day_begin_time: at(1) })).errcode).toBe(81017);
      expect((await big.byDay({ day_begin_time: at(1) })).errcode).toBe(81017);
      expect((await big.byDay({ day_begin_time: at(1), ...filter() })).errcode).toBe(0);
      const limit = await start({ owners: 20, members: 1000 });
      expect((await limit.byDay({ day_begin_time: at(1) })).errcode).toBe(0);
    });

    it.each([
      ['order_by', 0], ['order_by', 5], ['order_by', '2'], ['order_asc', 2], ['order_asc', true],
      ['offset', -1], ['offset', 1.5], ['limit', 0], ['limit', 1001], ['limit', 10.5],
    ])('rejects %s = %p with 40058', async (field, value) => {
      const answer = await client.byOwner({ ...day, ...filter(), [field]: value });
      expect(answer.errcode).toBe(40058);
      expect(answer.errmsg).toContain(field);
    });

    it.each([['order_by', 4], ['order_asc', 1], ['offset', 0], ['limit', 1], ['limit', 1000]])('accepts %s = %p', async (field, value) => {
      expect((await client.byOwner({ ...day, ...filter(), [field]: value })).errcode).toBe(0);
    });
  });

  describe('by owner', () => {
    const owners = ids(11, 25);
    const window = { day_begin_time: at(20), day_end_time: at(8) };
    const fields = ['new_chat_cnt', 'chat_total', 'new_member_cnt', 'member_total'];

    it.each([1, 2, 3, 4])('sorts by order_by %p, descending by default and ascending on request, ties by owner id', async (orderBy) => {
      const field = fields[orderBy - 1];
      for (const asc of [0, 1]) {
        const answer = await client.byOwner({ ...window, ...filter(owners), order_by: orderBy, order_asc: asc });
        expect(answer.items).toHaveLength(25);
        const expected = [...answer.items].sort(
          (a: Item, b: Item) => (asc ? 1 : -1) * (a.data[field] - b.data[field]) || a.owner.localeCompare(b.owner),
        );
        expect(answer.items).toEqual(expected);
      }
    });

    it('defaults to order_by 1 descending, offset 0, limit 500', async () => {
      const explicit = await client.byOwner({ ...window, ...filter(owners), order_by: 1, order_asc: 0, offset: 0, limit: 500 });
      expect(await client.byOwner({ ...window, ...filter(owners) })).toEqual(explicit);
    });

    it('pages with offset, limit, next_offset and total', async () => {
      const all = await client.byOwner({ ...window, ...filter(owners), order_by: 2 });
      const seen: Item[] = [];
      const offsets: number[] = [];
      let offset = 0;
      for (;;) {
        const page = await client.byOwner({ ...window, ...filter(owners), order_by: 2, offset, limit: 10 });
        expect(page.total).toBe(25);
        seen.push(...page.items);
        offsets.push(page.next_offset);
        if (page.next_offset === page.total) break;
        offset = page.next_offset;
      }
      expect(offsets).toEqual([10, 20, 25]);
      expect(seen).toEqual(all.items);
      const beyond = await client.byOwner({ ...window, ...filter(owners), offset: 40 });
      expect(beyond).toMatchObject({ errcode: 0, total: 25, next_offset: 25, items: [] });
    });

    it('returns one item per owner even when an id repeats', async () => {
      const answer = await client.byOwner({ ...window, ...filter(['owner_00001', 'owner_00001']) });
      expect(answer.total).toBe(1);
    });
  });

  describe('consistency', () => {
    const owners = ids(40, 30);

    it('by day gives one item per day, summing the owners\' single-day data', async () => {
      const days = [12, 11, 10, 9, 8, 7, 6];
      const byDay = await client.byDay({ day_begin_time: at(12), day_end_time: at(6), ...filter(owners) });
      expect(byDay.items.map((item: Item) => item.stat_time)).toEqual(days.map(at));
      for (const [index, daysAgo] of days.entries()) {
        const single = await client.byOwner({ day_begin_time: at(daysAgo), ...filter(owners), limit: 1000 });
        const sum: Data = {};
        for (const item of single.items) for (const [key, value] of Object.entries(item.data)) sum[key] = (sum[key] ?? 0) + (value as number);
        expect(byDay.items[index].data).toEqual(sum);
      }
    });

    it('a by-owner window sums new_* over its days and reports the totals of its last day', async () => {
      const byDay = await client.byDay({ day_begin_time: at(29), day_end_time: at(1), ...filter(['owner_00042']) });
      const window = await client.byOwner({ day_begin_time: at(29), day_end_time: at(1), ...filter(['owner_00042']) });
      const data = window.items[0].data;
      const days = byDay.items.map((item: Item) => item.data);
      expect(data.new_chat_cnt).toBe(days.reduce((sum: number, d: Data) => sum + d.new_chat_cnt, 0));
      expect(data.new_member_cnt).toBe(days.reduce((sum: number, d: Data) => sum + d.new_member_cnt, 0));
      const last = days[days.length - 1];
      for (const key of ['chat_total', 'chat_has_msg', 'member_total', 'member_has_msg', 'msg_total']) expect(data[key]).toBe(last[key]);
    });

    it('is deterministic for a seed and differs between seeds', async () => {
      const body = { day_begin_time: at(15), day_end_time: at(1), ...filter(owners) };
      const same = await start({ owners: 300, seed: 1 });
      const other = await start({ owners: 300, seed: 2 });
      const reference = await client.byOwner(body);
      expect(await same.byOwner(body)).toEqual(reference);
      expect(await same.byDay(body)).toEqual(await client.byDay(body));
      expect(await other.byOwner(body)).not.toEqual(reference);
    });

    it('shows realistic data: some active owners, some without any group', async () => {
      const answer = await client.byOwner({ day_begin_time: at(1), ...filter(ids(101, 100)), order_by: 2 });
      const totals = answer.items.map((item: Item) => item.data.chat_total);
      expect(totals.filter((total: number) => total > 0).length).toBeGreaterThan(50);
      expect(totals.filter((total: number) => total === 0).length).toBeGreaterThan(0);
    });
  });

  describe('industry', () => {
    it('returns migrate_trainee_chat_cnt only for education', async () => {
      const education = await start({ owners: 5, industry: 'education' });
      const body = { day_begin_time: at(3), day_end_time: at(1), ...filter() };
      for (const item of [...(await education.byOwner(body)).items, ...(await education.byDay(body)).items]) {
        expect(typeof item.data.migrate_trainee_chat_cnt).toBe('number');
      }
      for (const item of [...(await client.byOwner(body)).items, ...(await client.byDay(body)).items]) {
        expect(item.data).not.toHaveProperty('migrate_trainee_chat_cnt');
        expect(Object.keys(item.data).sort()).toEqual(
          ['chat_has_msg', 'chat_total', 'member_has_msg', 'member_total', 'msg_total', 'new_chat_cnt', 'new_member_cnt'],
        );
      }
    });
  });
});
