/**
 * By owner through the core against the emulator: Last Month in October (two windows) and
 * Last 90 Days (three), without and with a limit: one record per owner for the whole range,
 * equal to the per-window records combined by hand, ranked and cut over the range, in the
 * minimum of calls.
 */
import { WeComClient } from '../../core/client';
import { ALL_OWNERS } from '../../core/query/owners';
import type { StatisticQuery } from '../../core/query/query';
import type { StatRecord } from '../../core/records/records';
import { flattenRecord } from '../../core/records/shape';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { startEmulator, type Emulator } from '../../emulator';
import { COMBINED_CASES, expectCombined, minimumCalls, OWNERS, runOnToday, TODAY } from '../support/combinedCases';

runOnToday();

let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, host: '127.0.0.1', today: TODAY, owners: OWNERS, seed: 9 });
});
afterAll(() => emu.close());
afterEach(() => emu.clearLog());

type Row = Record<string, unknown>;
const flat = (records: StatRecord[]): Row[] => records.map(flattenRecord) as unknown as Row[];
const client = () => new WeComClient({ baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: emu.corpSecret, tokenStore: new MemoryTokenStore() });

describe.each(COMBINED_CASES.map((c) => [c.name, c] as const))('core, by owner, %s', (_name, c) => {
  const query: StatisticQuery = { mode: 'byOwner', dates: { preset: c.preset }, owners: ALL_OWNERS, ...c.order };

  it('one record per owner for the range, equal to its windows combined by hand, ranked and cut over the range, in the minimum of calls', async () => {
    const combined = flat((await client().collectStatistics(query)).records);
    expect(emu.callCount('groupchat/statistic')).toBe(minimumCalls(c));
    emu.clearLog();
    const perWindow = flat((await client().collectStatistics({ ...query, limit: undefined, ownerRecords: 'perWindow' })).records);
    expectCombined(combined, perWindow, c);
  });
});
