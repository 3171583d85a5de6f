/**
 * The Node-RED statistic node against an emulator whose by-owner paging misbehaves: each
 * anomaly gives the company's own figures, or reaches a Catch node as a clear paging error.
 */
import helper from 'node-red-node-test-helper';
import { dayStartSeconds, parseDay } from '../../core/dates/chinaDay';
import { startEmulator, type Emulator, type PagingAnomaly, type StatData } from '../../emulator';
import { configNode, statisticNode } from '../support/nodeRedCatalog';
/* eslint-disable @typescript-eslint/no-require-imports -- Node-RED nodes are CommonJS modules */
const catchNode = require('@node-red/nodes/core/common/25-catch.js');
/* eslint-enable @typescript-eslint/no-require-imports */

helper.init(require.resolve('node-red'));

type Msg = Record<string, unknown> & { payload: unknown; wecom?: Record<string, unknown> };

const TODAY = '2026-11-25';
const STAT_KEYS: (keyof StatData)[] = ['new_chat_cnt', 'chat_total', 'chat_has_msg', 'new_member_cnt', 'member_total', 'member_has_msg', 'msg_total'];
const WINDOWS: [string, string][] = [['2026-10-01', '2026-10-30'], ['2026-10-31', '2026-11-14']];

let emu: Emulator;
let dateSpy: jest.SpyInstance<number, []>;

beforeEach(async () => {
  // The node reads "today" from the clock; pin it to the emulator's today.
  dateSpy = jest.spyOn(Date, 'now').mockReturnValue(Date.parse(`${TODAY}T10:00:00+08:00`));
  emu = await startEmulator({ port: 0, today: TODAY, owners: 150, seed: 5, pageSizeCap: 7 });
  await new Promise<void>((resolve) => helper.startServer(() => resolve()));
});

afterEach(async () => {
  await helper.unload();
  await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  await emu.close();
  dateSpy.mockRestore();
});

const OWNERS = () => emu.company.ownerIds.slice(0, 100);

/** By owner for 100 listed owners (one batch) from 2026-10-01 to `to`, with a Catch node. */
async function load(to: string): Promise<void> {
  const statistic = { mode: 'byOwner', dateRange: 'custom', from: '2026-10-01', to, ownerSource: 'list', owners: OWNERS().join('\n'), ownerRecords: 'perWindow', output: 'array' };
  const nodes = [
    { id: 'stat', type: 'wecom-groupchat-statistic', wecom: 'cfg', wires: [['out']], ...statistic },
    { id: 'out', type: 'helper' },
    { id: 'catcher', type: 'catch', scope: null, wires: [['caught']] },
    { id: 'caught', type: 'helper' },
  ].map((node) => ({ z: 'tab', ...node }));
  const flow = [{ id: 'tab', type: 'tab' }, { id: 'cfg', type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl }, ...nodes];
  await helper.load([configNode, statisticNode, catchNode], flow, { cfg: { corpId: emu.corpId, corpSecret: emu.corpSecret } });
}

function next(id: string): Promise<Msg> {
  return new Promise((resolve) => helper.getNode(id).once('input', resolve));
}

/** The node's records as the company's figures give them: ranked by new chats, ties by owner ID. */
function truth(): Record<string, unknown>[] {
  return WINDOWS.flatMap(([from, to]) => {
    const [begin, end] = [parseDay(from) as number, parseDay(to) as number];
    return OWNERS()
      .map((owner) => ({ owner, data: emu.company.windowData(owner, begin, end) }))
      .sort((a, b) => b.data.new_chat_cnt - a.data.new_chat_cnt || (a.owner < b.owner ? -1 : 1))
      .map(({ owner, data }) => ({
        owner,
        start_date: from,
        end_date: to,
        day_begin_time: dayStartSeconds(begin),
        day_end_time: dayStartSeconds(end),
        ...Object.fromEntries(STAT_KEYS.map((key) => [key, data[key]])),
      }));
  });
}

describe('wecom-groupchat-statistic in Node-RED over misbehaving by-owner paging', () => {
  it.each<PagingAnomaly>(['none', 'repeatedOwner', 'changingTotal'])('%s: the payload equals the company figures, each owner once per window', async (pagingAnomaly) => {
    emu.setPaging({ pagingAnomaly });
    await load('2026-11-14');
    const received = next('out');
    helper.getNode('stat').receive({ payload: 'go' });
    const msg = await received;
    expect(msg.payload).toEqual(truth());
    const requests = msg.wecom?.requests as { planned: number; byEndpoint: Record<string, number> };
    // 2 planned calls; 15 pages of 7 per window, and more where owners had to be asked for again.
    expect(requests.planned).toBe(2);
    expect(requests.byEndpoint['externalcontact/groupchat/statistic']).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ['stuckOffset', 'next_offset 0 does not move past offset 0 while total is 100'],
    ['emptyPage', 'the page at offset 0 has no items although next_offset 7 is below total 100'],
  ] as const)('%s: a Catch node gets the paging error at once, with what was wrong and what to do', async (pagingAnomaly, errmsg) => {
    emu.setPaging({ pagingAnomaly });
    // One window: a second one's call, cancelled by the failure, would settle after the test.
    await load('2026-10-30');
    const caught = next('caught');
    const started = performance.now(); // Date.now is pinned here
    helper.getNode('stat').receive({ payload: 'go' });
    const msg = await caught;
    expect(performance.now() - started).toBeLessThan(3_000);
    const error = msg.error as { message: string };
    // What to do first, then what WeCom's pages did.
    expect(error.message).toMatch(/^WeComError: WeCom's pages for this query did not add up, .*Run it again later/);
    expect(error.message.endsWith(` WeCom externalcontact/groupchat/statistic failed: ${errmsg}`)).toBe(true);
    expect(msg.wecom?.error).toMatchObject({ kind: 'paging', errmsg, endpoint: 'externalcontact/groupchat/statistic', attempts: 1, hint: expect.stringContaining('WeCom support') });
    expect(emu.callCount('groupchat/statistic')).toBe(1);
  });
});
