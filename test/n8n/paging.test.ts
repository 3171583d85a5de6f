/**
 * The WeCom node in n8n-core's engine against an emulator whose by-owner paging misbehaves:
 * each anomaly gives the company's own figures, or fails the node with a clear paging error.
 */
import { NodeApiError } from 'n8n-workflow';
import { dayStartSeconds, parseDay } from '../../core/dates/chinaDay';
import { startEmulator, type Emulator, type PagingAnomaly, type StatData } from '../../emulator';
import { InProcessN8n, releaseN8nResources, withNode, type WorkflowJson } from '../../scripts/hosts/n8n/engine';
import { loadFixture } from './fixtures';

const NODE = 'WeCom';
const STAT_KEYS: (keyof StatData)[] = ['new_chat_cnt', 'chat_total', 'chat_has_msg', 'new_member_cnt', 'member_total', 'member_has_msg', 'msg_total'];
const WINDOWS: [string, string][] = [['2026-10-01', '2026-10-30'], ['2026-10-31', '2026-11-14']];

// Only Date is faked, to 10:00 on 2026-11-25 in China: the emulator's today.
beforeEach(() => {
  jest.useFakeTimers({
    now: new Date('2026-11-25T02:00:00Z'),
    doNotFake: [
      'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback',
      'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout',
    ],
  });
});

let emu: Emulator;
beforeEach(async () => {
  emu = await startEmulator({ port: 0, host: '127.0.0.1', today: '2026-11-25', owners: 250, seed: 3, pageSizeCap: 7 });
});
afterEach(async () => {
  jest.useRealTimers();
  await emu.close();
});
afterAll(releaseN8nResources);

/** 100 listed owners (one batch) from 2026-10-01: by default two windows of 15 pages of 7. */
function workflow(to = '2026-11-14'): WorkflowJson {
  return withNode(loadFixture('byowner-listed-95d'), NODE, {
    parameters: { from: '2026-10-01T00:00:00', to: `${to}T00:00:00`, owners: emu.company.ownerIds.slice(0, 100).join('\n') },
  });
}

/** The node's flat items as the company's figures give them: ranked by new chats, ties by owner ID. */
function truth(): Record<string, unknown>[] {
  return WINDOWS.flatMap(([from, to]) => {
    const [begin, end] = [parseDay(from) as number, parseDay(to) as number];
    return emu.company.ownerIds
      .slice(0, 100)
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

describe('WeCom node in n8n over misbehaving by-owner paging', () => {
  it.each<PagingAnomaly>(['none', 'repeatedOwner', 'changingTotal'])('%s: one item per owner per window, equal to the company figures', async (pagingAnomaly) => {
    emu.setPaging({ pagingAnomaly });
    const result = await new InProcessN8n(emu).run(workflow());
    expect(result.run.data.resultData.error).toBeUndefined();
    expect(result.run.status).toBe('success');
    const items = result.items(NODE);
    expect(items.map((item) => item.json)).toEqual(truth());
    for (const item of items) expect(item.pairedItem).toEqual({ item: 0 });
    expect(emu.callCount('groupchat/statistic')).toBeGreaterThanOrEqual(2 * 15);
  });

  it.each([
    ['stuckOffset', 'next_offset 0 does not move past offset 0 while total is 100'],
    ['emptyPage', 'the page at offset 0 has no items although next_offset 7 is below total 100'],
  ] as const)('%s: the node fails at once with a NodeApiError saying what was wrong and what to do', async (pagingAnomaly, errmsg) => {
    emu.setPaging({ pagingAnomaly });
    const n8n = new InProcessN8n(emu);
    // One window: a second one's call, cancelled by the failure, would settle after the test.
    const oneWindow = workflow('2026-10-30');
    const started = performance.now(); // Date is faked here
    const failed = await n8n.run(oneWindow);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(failed.run.status).toBe('error');
    const error = failed.run.data.resultData.error;
    expect(error?.name).toBe(NodeApiError.name);
    expect(error?.message).toBe(`WeCom paging: ${errmsg}`);
    expect(error?.description).toContain('Run it again later');
    expect(error?.description).toContain('Endpoint: externalcontact/groupchat/statistic. Attempts: 1.');
    expect(error).toMatchObject({ errorResponse: { kind: 'paging', errmsg } });
    expect(emu.callCount('groupchat/statistic')).toBe(1);

    const continued = await n8n.run(withNode(oneWindow, NODE, { onError: 'continueRegularOutput' }));
    expect(continued.run.status).toBe('success');
    expect(continued.items(NODE).map((item) => item.json)).toEqual([
      expect.objectContaining({ error: `WeCom paging: ${errmsg}`, endpoint: 'externalcontact/groupchat/statistic', errcode: null }),
    ]);
  });
});
