import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import { hostVersion } from '../support/hosts';
import { startSink } from '../support/httpSink';
import { eventually, NodeRedHost } from '../support/nodeRedHost';

jest.setTimeout(180_000);

const WRONG_SECRET = 'node-red-wrong-secret-987';
const CFG = 'a000000000000001';
const BAD_CFG = 'a000000000000002';
const ENV_CFG = 'a000000000000003';

/** Lines a file node appended, parsed as JSON, once there are `count` of them. */
function linesOf(file: string, count: number): Promise<unknown[]> {
  return eventually(() => {
    if (!existsSync(file)) return undefined;
    const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
    return lines.length >= count ? lines.map((line) => JSON.parse(line)) : undefined;
  }, 60_000);
}

function flows(emu: Emulator, out: string, sinkUrl: string): object[] {
  const tab = 'b000000000000001';
  const on = (node: Record<string, unknown>) => ({ z: tab, x: 100, y: 100, ...node });
  const inject = (id: string, target: string) => on({ id, type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'str', wires: [[target]] });
  const file = (id: string, name: string) => on({ id, type: 'file', filename: join(out, name), filenameType: 'str', appendNewline: true, createDir: true, overwriteFile: 'false', wires: [] });
  return [
    { id: tab, type: 'tab', label: 'WeCom e2e' },
    { id: CFG, type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl },
    { id: BAD_CFG, type: 'wecom-config', name: 'wrong secret', baseUrl: emu.baseUrl },
    { id: ENV_CFG, type: 'wecom-config', name: 'from env', baseUrl: '${WECOM_E2E_BASE_URL}' },
    // By day, 95 days, all owners: one message with the array.
    inject('c000000000000001', 'd000000000000001'),
    on({ id: 'd000000000000001', type: 'wecom-groupchat-statistic', wecom: CFG, mode: 'byDay', dateRange: 'custom', ownerSource: 'all', output: 'array', wires: [['e000000000000001']] }),
    file('e000000000000001', 'by-day.jsonl'),
    // By owner for 250 owners from the message, one message per record, rebuilt by Join.
    on({ id: 'c000000000000002', type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'json', wires: [['d000000000000002']] }),
    on({ id: 'd000000000000002', type: 'wecom-groupchat-statistic', wecom: CFG, mode: 'byOwner', dateRange: 'last30Days', ownerSource: 'msg', output: 'split', wires: [['e000000000000002']] }),
    on({ id: 'e000000000000002', type: 'join', mode: 'auto', wires: [['f000000000000002']] }),
    file('f000000000000002', 'by-owner.jsonl'),
    // Yesterday's total posted to an HTTP endpoint.
    inject('c000000000000003', 'd000000000000003'),
    on({ id: 'd000000000000003', type: 'wecom-groupchat-statistic', wecom: CFG, mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all', wires: [['e000000000000003']] }),
    on({ id: 'e000000000000003', type: 'http request', method: 'POST', ret: 'txt', url: `${sinkUrl}/wecom`, wires: [[]] }),
    // A wrong secret, caught.
    inject('c000000000000004', 'd000000000000004'),
    on({ id: 'd000000000000004', type: 'wecom-groupchat-statistic', wecom: BAD_CFG, mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all', wires: [[]] }),
    on({ id: 'e000000000000004', type: 'catch', scope: ['d000000000000004'], uncaught: false, wires: [['f000000000000004']] }),
    on({ id: 'f000000000000004', type: 'change', rules: [{ t: 'set', p: 'payload', pt: 'msg', to: '{"error": error.message, "wecom": wecom}', tot: 'jsonata' }], wires: [['g000000000000004']] }),
    file('g000000000000004', 'caught.jsonl'),
    // Base URL, Corp ID and Secret from environment variables.
    inject('c000000000000005', 'd000000000000005'),
    on({ id: 'd000000000000005', type: 'wecom-groupchat-statistic', wecom: ENV_CFG, mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all', wires: [['e000000000000005']] }),
    file('e000000000000005', 'from-env.jsonl'),
  ];
}

describe.each(['nodeRed', 'nodeRed5'])('real %s', (hostName) => {
  let emu: Emulator;
  let host: NodeRedHost;
  let sink: Awaited<ReturnType<typeof startSink>>;
  let out: string;

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, owners: 250, seed: 21 });
    sink = await startSink();
    out = mkdtempSync(join(tmpdir(), 'wecom-nr-out-'));
    host = new NodeRedHost(hostName);
    const base = flows(emu, out, sink.url) as Record<string, unknown>[];
    // 95 days ending yesterday, China dates, set in the node.
    const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 - offset * 86_400_000).toISOString().slice(0, 10);
    Object.assign(base.find((n) => n.id === 'd000000000000001') as object, { from: day(95), to: day(1) });
    const owners = Array.from({ length: 250 }, (_, i) => `owner_${String(i + 1).padStart(5, '0')}`);
    Object.assign(base.find((n) => n.id === 'c000000000000002') as object, { payload: JSON.stringify({ owners }) });
    await host.start(
      base,
      {
        [CFG]: { corpId: emu.corpId, corpSecret: emu.corpSecret },
        [BAD_CFG]: { corpId: emu.corpId, corpSecret: WRONG_SECRET },
        [ENV_CFG]: { corpId: '${WECOM_E2E_CORP_ID}', corpSecret: '${WECOM_E2E_SECRET}' },
      },
      { env: { WECOM_E2E_BASE_URL: emu.baseUrl, WECOM_E2E_CORP_ID: emu.corpId, WECOM_E2E_SECRET: emu.corpSecret } },
    );
  });

  afterAll(async () => {
    await host?.stop();
    host?.dispose();
    await sink?.close();
    await emu?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it(`runs on Node-RED ${hostVersion(hostName)}: by day, 95 days, all owners, written by a file node`, async () => {
    await host.inject('c000000000000001');
    const [days] = (await linesOf(join(out, 'by-day.jsonl'), 1)) as Record<string, unknown>[][];
    expect(days).toHaveLength(95);
    expect(days.every((d) => d.owner_count === 250)).toBe(true);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(4 * 3);
    expect(emu.callCount('gettoken')).toBe(1);
  });

  it('by owner for owners in msg.payload, split and rebuilt by the core Join node', async () => {
    await host.inject('c000000000000002');
    const [rows] = (await linesOf(join(out, 'by-owner.jsonl'), 1)) as Record<string, unknown>[][];
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.owner)).size).toBe(250);
    const counts = rows.map((r) => r.new_chat_cnt as number);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('posts to an HTTP endpoint, sharing the token of the config node', async () => {
    await host.inject('c000000000000003');
    const request = await eventually(() => sink.requests[0]);
    const [yesterday] = JSON.parse(request.body);
    expect(yesterday).toMatchObject({ owner_count: 250, new_chat_cnt: expect.any(Number) });
    expect(emu.callCount('gettoken')).toBe(1);
  });

  it('a WeCom error reaches the Catch node with errcode and hint, and no secret is logged', async () => {
    await host.inject('c000000000000004');
    const [caught] = (await linesOf(join(out, 'caught.jsonl'), 1)) as { error: string; wecom: { error: Record<string, unknown> } }[];
    expect(caught.error).toContain('errcode 40001');
    expect(caught.wecom.error).toMatchObject({ errcode: 40001, endpoint: 'gettoken' });
    expect(String(caught.wecom.error.hint)).toContain('Customer Contact secret');
    const everything = `${host.output}\n${readFileSync(join(out, 'caught.jsonl'), 'utf8')}`;
    for (const secret of [emu.corpSecret, WRONG_SECRET, ...emu.issuedTokens()]) expect(everything).not.toContain(secret);
  });

  it('takes Base URL, Corp ID and Secret from ${ENV} values', async () => {
    await host.inject('c000000000000005');
    const [days] = (await linesOf(join(out, 'from-env.jsonl'), 1)) as Record<string, unknown>[][];
    expect(days).toHaveLength(1);
    expect(days[0]).toMatchObject({ owner_count: 250 });
  });

  it('a redeploy during a run stops its requests', async () => {
    await emu.close();
    emu = await startEmulator({ port: 0, owners: 1000, seed: 21, latencyMs: 60 });
    const slow = [
      { id: 'b000000000000009', type: 'tab', label: 'slow' },
      { id: CFG, type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl },
      { id: 'c000000000000009', type: 'inject', z: 'b000000000000009', props: [{ p: 'payload' }], payload: '', payloadType: 'str', wires: [['d000000000000009']] },
      { id: 'd000000000000009', type: 'wecom-groupchat-statistic', z: 'b000000000000009', wecom: CFG, mode: 'byDay', dateRange: 'last180Days', ownerSource: 'all', concurrency: '2', wires: [[]] },
    ];
    await host.deploy(slow.map((node) => (node.id === CFG ? { ...node, credentials: { corpId: emu.corpId, corpSecret: emu.corpSecret } } : node)));
    await host.inject('c000000000000009');
    await eventually(() => (emu.callCount('groupchat/statistic_group_by_day') > 2 ? true : undefined));
    await host.deploy([{ id: 'b00000000000000a', type: 'tab', label: 'empty' }]);
    const deployedAt = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    // Requests already on the wire may land; none may start after the redeploy.
    expect(emu.log.filter((entry) => entry.at > deployedAt + 100)).toEqual([]);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBeLessThan(60);
  });
});
