import helper from 'node-red-node-test-helper';
import { parseDay } from '../../core/dates/chinaDay';
import { hintFor } from '../../core/errors/hints';
import { startEmulator, type Emulator } from '../../emulator';
import { configNode, statisticNode } from '../support/nodeRedCatalog';
/* eslint-disable @typescript-eslint/no-require-imports -- Node-RED nodes are CommonJS modules */
const joinNode = require('@node-red/nodes/core/sequence/17-split.js');
const catchNode = require('@node-red/nodes/core/common/25-catch.js');
/* eslint-enable @typescript-eslint/no-require-imports */

helper.init(require.resolve('node-red'));

type Msg = Record<string, unknown> & { payload: unknown; wecom?: Record<string, unknown> };
type FlowNode = Record<string, unknown>;

const TODAY = '2026-11-25';
const NOW = Date.parse(`${TODAY}T10:00:00+08:00`);

let emu: Emulator;
let dateSpy: jest.SpyInstance<number, []>;

beforeEach(async () => {
  // The nodes read "today" from the clock; pin it to the emulator's today.
  dateSpy = jest.spyOn(Date, 'now').mockReturnValue(NOW);
  emu = await startEmulator({ port: 0, today: TODAY, owners: 150, seed: 5 });
  await new Promise<void>((resolve) => helper.startServer(() => resolve()));
});

afterEach(async () => {
  await helper.unload();
  await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  await emu.close();
  dateSpy.mockRestore();
});

/** A tab with the statistic node wired to a helper; every node but the config sits on the tab. */
function flow(statistic: FlowNode, extra: FlowNode[] = []): FlowNode[] {
  const onTab = [
    { id: 'stat', type: 'wecom-groupchat-statistic', wecom: 'cfg', wires: [['out']], ...statistic },
    { id: 'out', type: 'helper' },
    ...extra,
  ].map((node) => ({ z: 'tab', ...node }));
  return [{ id: 'tab', type: 'tab' }, { id: 'cfg', type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl }, ...onTab];
}

async function load(nodes: FlowNode[], secret = emu.corpSecret): Promise<void> {
  await helper.load([configNode, statisticNode, joinNode, catchNode], nodes, { cfg: { corpId: emu.corpId, corpSecret: secret } });
}

function next(id: string): Promise<Msg> {
  return new Promise((resolve) => helper.getNode(id).once('input', resolve));
}

function messages(id: string, count: number): Promise<Msg[]> {
  const received: Msg[] = [];
  return new Promise((resolve) => {
    helper.getNode(id).on('input', (msg: Msg) => {
      received.push(msg);
      if (received.length === count) resolve(received);
    });
  });
}

describe('wecom-groupchat-statistic in Node-RED', () => {
  it('by day: one message whose payload is the array of day records, with the query and calls', async () => {
    await load(flow({ mode: 'byDay', dateRange: 'last30Days', ownerSource: 'all', output: 'array' }));
    const received = next('out');
    helper.getNode('stat').receive({ payload: 'go', topic: 'daily' });
    const msg = await received;
    const days = msg.payload as Record<string, unknown>[];
    expect(days).toHaveLength(30);
    expect(days[0]).toMatchObject({ date: '2026-10-26', owner_count: 150 });
    expect(days[29].date).toBe('2026-11-24');
    expect(msg.topic).toBe('daily');
    expect(msg.wecom).toEqual({
      query: { mode: 'byDay', from: '2026-10-26', to: '2026-11-24', owners: 150, limit: undefined, orderBy: undefined, ascending: undefined },
      requests: { planned: 2, total: 4, byEndpoint: { gettoken: 1, 'externalcontact/get_follow_user_list': 1, 'externalcontact/groupchat/statistic_group_by_day': 2 } },
    });
  });

  it('by owner with sort and limit: the top owners of the window', async () => {
    await load(flow({ mode: 'byOwner', dateRange: 'yesterday', ownerSource: 'list', owners: 'owner_00001, owner_00002\nowner_00003', orderBy: 'memberTotal', sortDirection: 'ascending', limit: '2' }));
    const received = next('out');
    helper.getNode('stat').receive({ payload: null });
    const rows = (await received).payload as { owner: string; member_total: number }[];
    expect(rows).toHaveLength(2);
    const day = parseDay('2026-11-24') as number;
    const expected = ['owner_00001', 'owner_00002', 'owner_00003']
      .map((owner) => ({ owner, total: emu.company.windowData(owner, day, day).member_total }))
      .sort((a, b) => a.total - b.total || (a.owner < b.owner ? -1 : 1))
      .slice(0, 2);
    expect(rows.map((r) => r.owner)).toEqual(expected.map((e) => e.owner));
  });

  it('takes blank fields from msg.payload, and a field set in the node wins', async () => {
    await load(flow({ mode: '', dateRange: '', ownerSource: 'msg', output: 'array' }));
    let received = next('out');
    helper.getNode('stat').receive({ payload: { mode: 'byOwner', from: '2026-11-01', to: '2026-11-03', owners: ['owner_00004', 'owner_00005'] } });
    const rows = (await received).payload as { owner: string; start_date: string; end_date: string }[];
    expect(rows.map((r) => r.owner).sort()).toEqual(['owner_00004', 'owner_00005']);
    expect(rows[0]).toMatchObject({ start_date: '2026-11-01', end_date: '2026-11-03' });

    await helper.unload();
    await load(flow({ mode: 'byDay', dateRange: 'yesterday', ownerSource: 'list', owners: 'owner_00006' }));
    received = next('out');
    helper.getNode('stat').receive({ payload: { mode: 'byOwner', preset: 'last7Days', owners: ['owner_00001', 'owner_00002'] } });
    const msg = await received;
    expect(msg.payload).toHaveLength(1);
    expect(msg.wecom?.query).toMatchObject({ mode: 'byDay', from: '2026-11-24', to: '2026-11-24', owners: 1 });
  });

  it('split output carries msg.parts, and the core Join node rebuilds the array', async () => {
    await load(
      flow({ mode: 'byDay', dateRange: 'last7Days', ownerSource: 'all', output: 'split', wires: [['out', 'joiner']] }, [
        { id: 'joiner', type: 'join', mode: 'auto', wires: [['joined']] },
        { id: 'joined', type: 'helper' },
      ]),
    );
    const parts = messages('out', 7);
    const joined = next('joined');
    helper.getNode('stat').receive({ payload: 'go' });
    const each = await parts;
    expect(each.map((m) => (m.parts as { index: number }).index)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // The count is known once the records are: on the last message, as a streaming Split node does.
    expect(each.map((m) => (m.parts as { count?: number }).count)).toEqual([undefined, undefined, undefined, undefined, undefined, undefined, 7]);
    const array = (await joined).payload as { date: string }[];
    expect(array.map((d) => d.date)).toEqual(each.map((m) => (m.payload as { date: string }).date));
  });

  it('split per window: messages go out window by window while later windows are fetched, and Join rebuilds the array', async () => {
    await emu.close();
    emu = await startEmulator({ port: 0, today: TODAY, owners: 150, seed: 5, latencyMs: 30 });
    const byOwner = { mode: 'byOwner', dateRange: 'last90Days', ownerSource: 'all', ownerRecords: 'perWindow', concurrency: '1' };
    await load(
      flow({ ...byOwner, output: 'split', wires: [['out', 'joiner']] }, [
        { id: 'joiner', type: 'join', mode: 'auto', wires: [['joined']] },
        { id: 'joined', type: 'helper' },
        { id: 'whole', type: 'wecom-groupchat-statistic', wecom: 'cfg', ...byOwner, output: 'array', wires: [['wholeOut']] },
        { id: 'wholeOut', type: 'helper' },
      ]),
    );
    let callsAtFirst = 0;
    helper.getNode('out').once('input', () => (callsAtFirst = emu.callCount('groupchat/statistic')));
    const joined = next('joined');
    helper.getNode('stat').receive({ payload: 'go' });
    const rebuilt = (await joined).payload as Record<string, unknown>[];
    // 3 windows x 2 batches, one call at a time: the first window's records left after its 2 calls (the next may have started).
    expect(callsAtFirst).toBeGreaterThanOrEqual(2);
    expect(callsAtFirst).toBeLessThanOrEqual(3);
    expect(emu.callCount('groupchat/statistic')).toBe(6);
    const whole = next('wholeOut');
    helper.getNode('whole').receive({ payload: 'go' });
    expect(rebuilt).toHaveLength(3 * 150);
    expect(rebuilt).toEqual((await whole).payload);
  });

  it('split per window: a later failure leaves the messages sent so far, none with parts.count, and reaches Catch', async () => {
    await emu.close();
    emu = await startEmulator({ port: 0, today: TODAY, owners: 150, seed: 5, latencyMs: 30 });
    await load(
      flow({ mode: 'byOwner', dateRange: 'last90Days', ownerSource: 'all', ownerRecords: 'perWindow', concurrency: '1', output: 'split' }, [
        { id: 'catcher', type: 'catch', scope: null, wires: [['caught']] },
        { id: 'caught', type: 'helper' },
      ]),
    );
    const received: Msg[] = [];
    // Once the first window (2026-08-27 to 09-25) is out, WeCom's today moves back: the later windows are refused (600018).
    helper.getNode('out').on('input', (msg: Msg) => {
      if (received.push(msg) === 1) emu.setToday('2026-09-27');
    });
    const caught = next('caught');
    helper.getNode('stat').receive({ payload: 'go' });
    const failure = await caught;
    expect((failure.error as { message: string }).message).toContain('600018');
    // Messages queued before the failure are delivered in order; give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The first window's 150 records but the last, held back to carry parts.count.
    expect(received).toHaveLength(149);
    expect(received.every((msg) => (msg.payload as { start_date: string }).start_date === '2026-08-27')).toBe(true);
    expect(received.every((msg) => (msg.parts as { count?: number }).count === undefined)).toBe(true);
  });

  it('a WeCom error reaches a Catch node with errcode, message and hint, and turns the status red', async () => {
    await emu.close();
    emu = await startEmulator({ port: 0, today: TODAY, owners: 150, seed: 5, invisibleOwners: ['owner_00149'] });
    await load(
      flow({ mode: 'byDay', dateRange: 'yesterday', ownerSource: 'list', owners: 'owner_00149' }, [
        { id: 'catcher', type: 'catch', scope: null, wires: [['caught']] },
        { id: 'caught', type: 'helper' },
      ]),
    );
    const statuses: Record<string, unknown>[] = [];
    const node = helper.getNode('stat');
    const originalStatus = node.status.bind(node);
    node.status = (status: Record<string, unknown>) => {
      statuses.push(status);
      originalStatus(status);
    };
    const caught = next('caught');
    node.receive({ payload: 'go' });
    const msg = await caught;
    const error = msg.error as { message: string };
    // Our hint first, then WeCom's words, whose request hint and "more info at" link come last.
    const wecom = msg.wecom?.error as Record<string, string>;
    expect(wecom.errmsg).toMatch(/^no privilege to access\/modify contact\/party\/agent: owner_00149 is outside the app's visible range, hint: \[\d+_[0-9a-f]+-emu\], more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=60011$/);
    const text = `${hintFor(60011)} WeCom externalcontact/groupchat/statistic_group_by_day failed: errcode 60011, ${wecom.errmsg}`;
    expect(error.message).toBe(`WeComError: ${text}`);
    expect(msg.wecom?.error).toEqual({
      kind: 'api',
      errcode: 60011,
      errmsg: wecom.errmsg,
      hint: hintFor(60011),
      endpoint: 'externalcontact/groupchat/statistic_group_by_day',
      attempts: 1,
      message: text,
    });
    expect(statuses.at(-1)).toEqual({ fill: 'red', shape: 'ring', text: 'errcode 60011' });
  });

  it("labels a named node's errors with its name, in the Catch node, msg.wecom.error and the log", async () => {
    await load(
      flow({ name: 'Daily report', mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all' }, [
        { id: 'catcher', type: 'catch', scope: null, wires: [['caught']] },
        { id: 'caught', type: 'helper' },
      ]),
      'a-wrong-secret-for-the-label',
    );
    const caught = next('caught');
    helper.getNode('stat').receive({ payload: 'go' });
    const msg = await caught;
    const { errmsg } = msg.wecom?.error as { errmsg: string };
    const text = `"Daily report": ${hintFor(40001)} WeCom gettoken failed: errcode 40001, ${errmsg}`;
    expect((msg.error as { message: string }).message).toBe(`WeComError: ${text}`);
    expect(msg.wecom?.error).toMatchObject({ errcode: 40001, message: text });
  });

  it('without a config node: the error asks for one, before any call', async () => {
    await load(
      flow({ wecom: '', name: 'Weekly', mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all' }, [
        { id: 'catcher', type: 'catch', scope: null, wires: [['caught']] },
        { id: 'caught', type: 'helper' },
      ]),
    );
    const caught = next('caught');
    helper.getNode('stat').receive({ payload: 'go' });
    expect(((await caught).error as { message: string }).message).toBe('Error: "Weekly": Choose a WeCom config node (Corp ID and Secret) in this node.');
    expect(emu.callCount()).toBe(0);
  });

  it('bad input reaches Catch naming the field, before any API call', async () => {
    await load(
      flow({ mode: 'byDay', dateRange: 'custom', from: '2026-11-10', to: '2026-11-01', ownerSource: 'all' }, [
        { id: 'catcher', type: 'catch', scope: null, wires: [['caught']] },
        { id: 'caught', type: 'helper' },
      ]),
    );
    const caught = next('caught');
    helper.getNode('stat').receive({ payload: 'go' });
    const msg = await caught;
    expect((msg.error as { message: string }).message).toContain('Invalid From: 2026-11-10 is after To (2026-11-01). Allowed: a From on or before To.');
    expect(msg.wecom?.error).toMatchObject({ field: 'From', allowed: 'a From on or before To' });
    expect(emu.callCount()).toBe(0);
  });

  it('nodes sharing one config share one token', async () => {
    await load(
      flow({ mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all' }, [
        { id: 'stat2', type: 'wecom-groupchat-statistic', wecom: 'cfg', mode: 'byOwner', dateRange: 'yesterday', ownerSource: 'all', wires: [['out2']] },
        { id: 'out2', type: 'helper' },
      ]),
    );
    const first = next('out');
    const second = next('out2');
    helper.getNode('stat').receive({ payload: 1 });
    helper.getNode('stat2').receive({ payload: 2 });
    await Promise.all([first, second]);
    expect(emu.callCount('gettoken')).toBe(1);
  });

  it('closing the node during a run stops its requests', async () => {
    await emu.close();
    emu = await startEmulator({ port: 0, today: TODAY, owners: 1000, seed: 5, latencyMs: 40 });
    await load(flow({ mode: 'byDay', dateRange: 'last180Days', ownerSource: 'all', concurrency: '2' }));
    helper.getNode('stat').receive({ payload: 'go' });
    await new Promise((r) => setTimeout(r, 200));
    await helper.unload();
    const closedAt = Date.now();
    await new Promise((r) => setTimeout(r, 300));
    expect(emu.log.filter((entry) => entry.at > closedAt + 5)).toEqual([]);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBeLessThan(60);
  });

  it('puts no secret or token in any message or log', async () => {
    const secret = 'node-red-secret-value-42';
    await load(
      flow({ mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all' }, [
        { id: 'catcher', type: 'catch', scope: null, wires: [['caught']] },
        { id: 'caught', type: 'helper' },
      ]),
      secret,
    );
    const caught = next('caught');
    helper.getNode('stat').receive({ payload: 'go' });
    const msg = await caught;
    expect((msg.error as { message: string }).message).toContain('errcode 40001');
    const logged = JSON.stringify(helper.log().args);
    for (const value of [secret, ...emu.issuedTokens()]) {
      expect(JSON.stringify(msg)).not.toContain(value);
      expect(logged).not.toContain(value);
    }
  });
});
