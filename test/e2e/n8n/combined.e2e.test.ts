/**
 * By owner in real n8n: Last Month, the last 31-day month and Last 90 Days, without and with
 * a limit, one node each in one workflow: one item per owner for the whole range, equal to
 * the per-window items of the same n8n combined by hand, ranked and cut over the range, in
 * the minimum of calls.
 */
import { startEmulator, type Emulator } from '../../../emulator';
import { combineByHand } from '../../support/combineByHand';
import { hostVersion } from '../support/hosts';
import { itemsOf, N8nHost, type ExecuteResult } from '../support/n8nHost';
import { CREDENTIAL } from './workflows';
import { RANGES, statisticCallsOf, type RealRange } from '../../support/realRanges';

jest.setTimeout(300_000);

const OWNERS = 250;
const WORKFLOW = 'e2eByOwnerCombined';
const TYPE = 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic';

/** The node names of one range: combined, combined top 10, and per window. */
const names = (range: RealRange) => ({ all: `${range.id} all`, top: `${range.id} top`, perWindow: `${range.id} per window` });

/** A Manual Trigger fanned out to one statistic node per range and choice. */
function workflow(): object {
  const nodes: object[] = [{ id: 'manual', name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} }];
  const stat = (name: string, dates: Record<string, unknown>, cut: Record<string, unknown>, options: Record<string, unknown>) =>
    nodes.push({
      id: name.replace(/ /g, '-'),
      name,
      type: TYPE,
      typeVersion: 1,
      position: [220, nodes.length * 120],
      parameters: { mode: 'byOwner', ...dates, ownerSource: 'all', orderBy: 'newChatCount', sortDirection: 'descending', ...cut, options },
      credentials: { weComApi: CREDENTIAL },
    });
  for (const range of RANGES) {
    const dates = range.preset ? { dateRange: range.preset } : { dateRange: 'custom', from: range.from, to: range.to };
    stat(names(range).all, dates, { returnAll: true }, {});
    stat(names(range).top, dates, { returnAll: false, limit: 10 }, {});
    stat(names(range).perWindow, dates, { returnAll: true }, { ownerRecords: 'perWindow' });
  }
  const targets = nodes.slice(1).map((node) => ({ node: (node as { name: string }).name, type: 'main', index: 0 }));
  return { id: WORKFLOW, name: WORKFLOW, active: false, settings: { executionOrder: 'v1' }, nodes, connections: { Manual: { main: [targets] } } };
}

describe.each(['n8n', 'n8nNewest'])('real %s, by owner combined', (hostName) => {
  let host: N8nHost;
  let emu: Emulator;
  let result: ExecuteResult;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, owners: OWNERS, seed: 17 });
    host = new N8nHost(hostName);
    await host.importCredentials([{ ...CREDENTIAL, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl } }]);
    await host.importWorkflows([workflow()]);
    result = await host.execute(WORKFLOW);
  });

  afterAll(async () => {
    await emu?.close();
    host?.dispose();
  });

  it(`runs on n8n ${hostVersion(hostName)} in the minimum of calls: every node's windows x batches, one page each`, () => {
    expect(result.code).toBe(0);
    // The run's data was found in n8n's output (else every item check below sees none).
    expect(result.run?.data.resultData.runData).toBeDefined();
    // Nine nodes, each asking for its range's windows x 3 batches; one token for all.
    expect(emu.callCount('groupchat/statistic')).toBe(RANGES.reduce((sum, range) => sum + 3 * statisticCallsOf(range, OWNERS), 0));
    expect(emu.callCount('gettoken')).toBe(1);
  });

  it.each(RANGES.map((range) => [range.id, range] as const))('%s: one item per owner, equal to the per-window items combined by hand, ranked and cut over the range', (_id, range) => {
    const json = (name: string) => itemsOf(result, name).map((item) => item.json);
    const perWindow = json(names(range).perWindow);
    expect(new Set(perWindow.map((item) => item.start_date)).size).toBe(range.windows);
    const all = json(names(range).all);
    expect(all).toHaveLength(OWNERS);
    expect(all).toEqual(combineByHand(perWindow));
    expect(all.every((item) => item.start_date === range.from && item.end_date === range.to && item.as_of_date === range.to)).toBe(true);
    expect(json(names(range).top)).toEqual(combineByHand(perWindow, { limit: 10 }));
  });
});
