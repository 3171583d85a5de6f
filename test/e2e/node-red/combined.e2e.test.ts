/**
 * By owner in real Node-RED: Last Month, the last 31-day month and Last 90 Days, without and
 * with a limit, one statistic node each behind one inject: one record per owner for the
 * whole range, equal to the per-window records of the same Node-RED combined by hand, ranked
 * and cut over the range, in the minimum of calls.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import { combineByHand } from '../../support/combineByHand';
import { RANGES, statisticCallsOf } from '../../support/realRanges';
import { hostVersion } from '../support/hosts';
import { eventually, NodeRedHost } from '../support/nodeRedHost';

jest.setTimeout(180_000);

const OWNERS = 250;
const CFG = 'a100000000000001';
const INJECT = 'c100000000000001';
const CHOICES = { all: { limit: '', ownerRecords: 'combined' }, top: { limit: '10', ownerRecords: 'combined' }, perWindow: { limit: '', ownerRecords: 'perWindow' } } as const;
type Choice = keyof typeof CHOICES;

const fileOf = (out: string, range: number, choice: Choice) => join(out, `range-${range}-${choice}.json`);

/** One inject fanned out to a statistic node per range and choice, each writing its array to a file. */
function flows(emu: Emulator, out: string): object[] {
  const tab = 'b100000000000001';
  const on = (node: Record<string, unknown>) => ({ z: tab, x: 100, y: 100, ...node });
  const nodes: object[] = [];
  const stats: string[] = [];
  RANGES.forEach((range, index) => {
    const dates = range.preset ? { dateRange: range.preset } : { dateRange: 'custom', from: range.from, to: range.to };
    (Object.keys(CHOICES) as Choice[]).forEach((choice, which) => {
      const id = `d1${'0'.repeat(12)}${index}${which}`;
      const file = `e${id.slice(1)}`;
      stats.push(id);
      nodes.push(
        on({ id, type: 'wecom-groupchat-statistic', wecom: CFG, mode: 'byOwner', ...dates, ownerSource: 'all', orderBy: 'newChatCount', sortDirection: 'descending', ...CHOICES[choice], output: 'array', wires: [[file]] }),
        on({ id: file, type: 'file', filename: fileOf(out, index, choice), filenameType: 'str', appendNewline: false, createDir: true, overwriteFile: 'true', wires: [] }),
      );
    });
  });
  return [
    { id: tab, type: 'tab', label: 'WeCom by owner combined' },
    { id: CFG, type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl },
    on({ id: INJECT, type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'str', wires: [stats] }),
    ...nodes,
  ];
}

describe.each(['nodeRed', 'nodeRed5'])('real %s, by owner combined', (hostName) => {
  let emu: Emulator;
  let host: NodeRedHost;
  let out: string;
  const records = (range: number, choice: Choice) => JSON.parse(readFileSync(fileOf(out, range, choice), 'utf8')) as Record<string, unknown>[];

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, owners: OWNERS, seed: 17 });
    out = mkdtempSync(join(tmpdir(), 'wecom-nr-combined-'));
    host = new NodeRedHost(hostName);
    await host.start(flows(emu, out), { [CFG]: { corpId: emu.corpId, corpSecret: emu.corpSecret } });
    await host.inject(INJECT);
    const files = RANGES.flatMap((_range, index) => (Object.keys(CHOICES) as Choice[]).map((choice) => fileOf(out, index, choice)));
    await eventually(() => (files.every((file) => existsSync(file) && readFileSync(file, 'utf8').endsWith(']')) ? true : undefined), 120_000);
  });

  afterAll(async () => {
    await host?.stop();
    host?.dispose();
    await emu?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it(`runs on Node-RED ${hostVersion(hostName)} in the minimum of calls: every node's windows x batches, one page each`, () => {
    expect(emu.callCount('groupchat/statistic')).toBe(RANGES.reduce((sum, range) => sum + 3 * statisticCallsOf(range, OWNERS), 0));
    expect(emu.callCount('gettoken')).toBe(1);
  });

  it.each(RANGES.map((range, index) => [range.id, range, index] as const))('%s: one record per owner, equal to the per-window records combined by hand, ranked and cut over the range', (_id, range, index) => {
    const perWindow = records(index, 'perWindow');
    expect(new Set(perWindow.map((record) => record.start_date)).size).toBe(range.windows);
    const all = records(index, 'all');
    expect(all).toHaveLength(OWNERS);
    expect(all).toEqual(combineByHand(perWindow));
    expect(all.every((record) => record.start_date === range.from && record.end_date === range.to && record.as_of_date === range.to)).toBe(true);
    expect(records(index, 'top')).toEqual(combineByHand(perWindow, { limit: 10 }));
  });
});
