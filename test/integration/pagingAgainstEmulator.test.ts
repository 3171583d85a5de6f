import { WeComClient } from '../../core/client';
import { parseDay } from '../../core/dates/chinaDay';
import { WeComError } from '../../core/errors/WeComError';
import { ALL_OWNERS } from '../../core/query/owners';
import type { StatisticQuery } from '../../core/query/query';
import type { OwnerRecord } from '../../core/records/records';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { startEmulator, type Emulator, type PagingSettings } from '../../emulator';

const TODAY = '2026-11-25';
const now = () => Date.parse(`${TODAY}T10:00:00+08:00`);
// 2 windows x 3 batches of 100 owners; at 7 owners a page, 15 pages a batch.
const QUERY: StatisticQuery = { mode: 'byOwner', dates: { from: '2026-10-01', to: '2026-11-14' }, owners: ALL_OWNERS, orderBy: 'chatTotal', ownerRecords: 'perWindow' };
const CAP = 7;

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0, today: TODAY, owners: 300, seed: 7 });
});
afterEach(() => emu.close());

async function run(paging: Partial<PagingSettings>): Promise<{ records: OwnerRecord[]; ms: number }> {
  emu.setPaging(paging);
  const client = new WeComClient({ baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: emu.corpSecret, tokenStore: new MemoryTokenStore(), now });
  const started = Date.now();
  const { records } = await client.collectStatistics(QUERY);
  return { records: records as OwnerRecord[], ms: Date.now() - started };
}

/** The company's own figures: every owner once per window, ranked by chats total, ties by owner ID. */
function truth(): Pick<OwnerRecord, 'owner' | 'start_date' | 'data'>[] {
  const windows: [string, string][] = [['2026-10-01', '2026-10-30'], ['2026-10-31', '2026-11-14']];
  return windows.flatMap(([from, to]) =>
    emu.company.ownerIds
      .map((owner) => ({ owner, start_date: from, data: emu.company.windowData(owner, parseDay(from) as number, parseDay(to) as number) }))
      .sort((a, b) => b.data.chat_total - a.data.chat_total || (a.owner < b.owner ? -1 : 1)),
  );
}
const shape = (records: OwnerRecord[]) => records.map(({ owner, start_date, data }) => ({ owner, start_date, data }));

describe('core client against the emulator: by-owner paging anomalies', () => {
  it('pages smaller than asked for: the records equal the company figures, 15 pages a batch', async () => {
    const { records } = await run({ pageSizeCap: CAP });
    expect(records).toHaveLength(600);
    expect(shape(records)).toEqual(truth());
    expect(emu.callCount('groupchat/statistic')).toBe(2 * 3 * 15);
  });

  it.each(['repeatedOwner', 'changingTotal'] as const)('%s: de-duplicated and completed, equal to the company figures', async (pagingAnomaly) => {
    const { records, ms } = await run({ pageSizeCap: CAP, pagingAnomaly });
    expect(shape(records)).toEqual(truth());
    expect(ms).toBeLessThan(5_000);
    // Beyond the 90 pages, the owners WeCom skipped were asked for again by ID.
    const asked = emu.log.filter((entry) => entry.endpoint === 'groupchat/statistic').map((entry) => (entry.body as { owner_filter: { userid_list: string[] } }).owner_filter.userid_list.length);
    expect(asked.length).toBeGreaterThan(90);
    expect(asked.filter((count) => count < 100).length).toBeGreaterThan(0);
  });

  it.each([
    ['stuckOffset', 'next_offset 0 does not move past offset 0 while total is 100'],
    ['emptyPage', 'the page at offset 0 has no items although next_offset 7 is below total 100'],
  ] as const)('%s: fails at once with a paging error naming the endpoint and offsets', async (pagingAnomaly, errmsg) => {
    const started = Date.now();
    const error = await run({ pageSizeCap: CAP, pagingAnomaly }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(error).toBeInstanceOf(WeComError);
    expect(error).toMatchObject({ kind: 'paging', errmsg, endpoint: 'externalcontact/groupchat/statistic', attempts: 1 });
    expect((error as Error).message).toContain(`WeCom externalcontact/groupchat/statistic failed: ${errmsg} — `);
    expect((error as WeComError).hint).toContain('Run it again later');
    // One page per batch at most, then everything stopped: nothing was retried.
    expect(emu.callCount('groupchat/statistic')).toBeLessThanOrEqual(6);
  });
});
