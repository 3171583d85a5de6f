/**
 * By owner through the Node-RED node (node-red-node-test-helper): Last Month in October (two
 * windows) and Last 90 Days (three), without and with a limit, set in the node and in
 * msg.payload: one record per owner for the whole range, equal to the node's own per-window
 * records combined by hand, ranked and cut over the range, in the minimum of calls.
 */
import { startEmulator, type Emulator } from '../../emulator';
import type { StatisticNodeConfig } from '../../nodes/node-red/statisticQuery';
import { helper, loadFlow, startNodeRed, stopNodeRed, trigger } from '../reliability/support/nodeRedFlow';
import { COMBINED_CASES, expectCombined, minimumCalls, OWNERS, runOnToday, TODAY, type CombinedCase } from '../support/combinedCases';

runOnToday();
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, host: '127.0.0.1', today: TODAY, owners: OWNERS, seed: 9 });
  await startNodeRed();
});
afterAll(async () => {
  await stopNodeRed();
  await emu.close();
});
afterEach(() => emu.clearLog());

/** The node's records for one message, with these properties. */
async function records(config: StatisticNodeConfig, payload: unknown = 'go'): Promise<Record<string, unknown>[]> {
  await loadFlow(emu, { stat: { output: 'array', ...config } });
  try {
    const outcome = await trigger('stat', payload);
    expect(outcome.caught).toBeUndefined();
    return outcome.sent?.payload as Record<string, unknown>[];
  } finally {
    await helper.unload();
  }
}

/** The properties as a user sets them in the editor, the limit as typed text. */
function config(c: CombinedCase, ownerRecords: string, limited = true): StatisticNodeConfig {
  const { orderBy = 'newChatCount', ascending = false, limit } = c.order;
  const cut = limited && limit !== undefined ? String(limit) : '';
  return { mode: 'byOwner', dateRange: c.preset, ownerSource: 'all', orderBy, sortDirection: ascending ? 'ascending' : 'descending', limit: cut, ownerRecords };
}

describe.each(COMBINED_CASES.map((c) => [c.name, c] as const))('Node-RED node, by owner, %s', (_name, c) => {
  it('one record per owner for the range, equal to the per-window records combined by hand, ranked and cut over the range, in the minimum of calls', async () => {
    const combined = await records(config(c, 'combined'));
    expect(emu.callCount('groupchat/statistic')).toBe(minimumCalls(c));
    emu.clearLog();
    const perWindow = await records(config(c, 'perWindow', false));
    expectCombined(combined, perWindow, c);
  });

  it('the same from msg.payload, the properties left blank, combined by default', async () => {
    const { orderBy = 'newChatCount', ascending = false, limit } = c.order;
    const blank = { mode: '', dateRange: '', ownerSource: 'msg' as const, orderBy: '', sortDirection: '', limit: '', ownerRecords: '' };
    const query = { mode: 'byOwner', preset: c.preset, owners: 'allWithCustomerContact', orderBy, ascending };
    const combined = await records(blank, limit === undefined ? query : { ...query, limit });
    expect(emu.callCount('groupchat/statistic')).toBe(minimumCalls(c));
    const perWindow = await records(blank, { ...query, ownerRecords: 'perWindow' });
    expectCombined(combined, perWindow, c);
  });
});
