/**
 * By owner through the n8n node in n8n-core's engine: Last Month in October (two windows)
 * and Last 90 Days (three), without and with a limit: one item per owner for the whole
 * range, equal to the node's own per-window items combined by hand, ranked and cut over the
 * range, in the minimum of calls.
 */
import { startEmulator, type Emulator } from '../../emulator';
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { STATISTIC_NODE, statisticWorkflow } from '../../scripts/hosts/n8n/statisticWorkflow';
import { COMBINED_CASES, expectCombined, minimumCalls, OWNERS, runOnToday, TODAY, type CombinedCase } from '../support/combinedCases';

runOnToday();
let emu: Emulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, host: '127.0.0.1', today: TODAY, owners: OWNERS, seed: 9 });
});
afterAll(async () => {
  await emu.close();
  releaseN8nResources();
});
afterEach(() => emu.clearLog());

/** The node as a user sets it: the preset, all owners, the sort, Return All or a Limit, and the options. */
function parameters(c: CombinedCase, options: Record<string, unknown>, limited = true): Record<string, unknown> {
  const { orderBy = 'newChatCount', ascending = false, limit } = c.order;
  const cut = limited && limit !== undefined ? { returnAll: false, limit } : { returnAll: true };
  return { mode: 'byOwner', dateRange: c.preset, ownerSource: 'all', orderBy, sortDirection: ascending ? 'ascending' : 'descending', ...cut, options };
}

async function items(params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const result = await new InProcessN8n(emu).run(statisticWorkflow(params));
  expect(result.run.data.resultData.error).toBeUndefined();
  return result.items(STATISTIC_NODE).map((item) => item.json);
}

describe.each(COMBINED_CASES.map((c) => [c.name, c] as const))('n8n node, by owner, %s', (_name, c) => {
  it('one item per owner for the range, equal to the per-window items combined by hand, ranked and cut over the range, in the minimum of calls', async () => {
    const combined = await items(parameters(c, {}));
    expect(emu.callCount('groupchat/statistic')).toBe(minimumCalls(c));
    emu.clearLog();
    const perWindow = await items(parameters(c, { ownerRecords: 'perWindow' }, false));
    expectCombined(combined, perWindow, c);
  });
});
