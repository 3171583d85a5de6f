/**
 * Dates "New days since last run" in real Node-RED 4.1.15 with the localfilesystem context
 * store: the due days once, nothing on the next inject, and after a restart of the same user
 * dir a day later only the new day. Node-RED's clock (Date.now, all the rule reads) is put on
 * the emulator's day by a preload.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatDay, parseDay } from '../../../core/dates/chinaDay';
import { startEmulator, type Emulator } from '../../../emulator';
import { hostVersion, ROOT } from '../support/hosts';
import { eventually, NodeRedHost } from '../support/nodeRedHost';

jest.setTimeout(240_000);

const CFG = 'a100000000000001';
const INJECT = 'c100000000000001';
const STAT = 'd100000000000001';
const DAY = '2026-06-15';
const addDays = (day: string, count: number): string => formatDay((parseDay(day) as number) + count);

function lines(file: string): string[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
}

function flows(emu: Emulator, out: string): object[] {
  const tab = 'b100000000000001';
  const on = (node: Record<string, unknown>) => ({ z: tab, x: 100, y: 100, ...node });
  const file = (id: string, name: string) => on({ id, type: 'file', filename: join(out, name), filenameType: 'str', appendNewline: true, createDir: true, overwriteFile: 'false', wires: [] });
  return [
    { id: tab, type: 'tab', label: 'history' },
    { id: CFG, type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl },
    on({ id: INJECT, type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'date', wires: [[STAT]] }),
    on({ id: STAT, type: 'wecom-groupchat-statistic', wecom: CFG, mode: 'byDay', dateRange: 'sinceLastRun', ownerSource: 'all', output: 'array', historyStart: 'backfill', backfillDays: '3', readyTime: '', wires: [['e100000000000001']] }),
    file('e100000000000001', 'days.jsonl'),
    on({ id: 'f100000000000001', type: 'status', scope: [STAT], wires: [['f100000000000002']] }),
    on({ id: 'f100000000000002', type: 'change', rules: [{ t: 'set', p: 'payload', pt: 'msg', to: 'status.text', tot: 'msg' }], wires: [['f100000000000003']] }),
    file('f100000000000003', 'status.txt'),
    on({ id: 'f100000000000004', type: 'catch', scope: [STAT], uncaught: false, wires: [['f100000000000005']] }),
    on({ id: 'f100000000000005', type: 'change', rules: [{ t: 'set', p: 'payload', pt: 'msg', to: 'error.message', tot: 'msg' }], wires: [['f100000000000006']] }),
    file('f100000000000006', 'caught.txt'),
  ];
}

describe(`Node-RED ${hostVersion('nodeRed')} with the localfilesystem context store`, () => {
  let emu: Emulator;
  let host: NodeRedHost;
  let out: string;

  /** Starts Node-RED on `day` at 12:00 China time, with the context kept on disk. */
  const start = (day: string): Promise<void> =>
    host.start(flows(emu, out), { [CFG]: { corpId: emu.corpId, corpSecret: emu.corpSecret } }, {
      env: { NODE_OPTIONS: `--require ${join(__dirname, '../support/fixedClock.js')}`, WECOM_E2E_NOW: String(Date.parse(`${day}T12:00:00+08:00`)) },
      settings: { contextStorage: { default: { module: 'localfilesystem' } } },
    });

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, owners: 30, seed: 31, today: DAY });
    out = mkdtempSync(join(tmpdir(), 'wecom-nr-history-'));
    host = new NodeRedHost('nodeRed');
    await start(DAY);
  });

  afterAll(async () => {
    await host?.stop();
    host?.dispose();
    await emu?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('emits the due days, then nothing; after a restart a day later, only the new day', async () => {
    const days = join(out, 'days.jsonl');
    const status = join(out, 'status.txt');
    await host.inject(INJECT);
    const [first] = await eventually(() => (lines(days).length >= 1 ? lines(days).map((line) => JSON.parse(line) as { date: string; owner_count: number }[]) : undefined), 60_000);
    expect(first.map((record) => record.date)).toEqual([addDays(DAY, -3), addDays(DAY, -2), addDays(DAY, -1)]);
    expect(first.every((record) => record.owner_count === 30)).toBe(true);
    await eventually(() => (lines(status).includes(`up to ${addDays(DAY, -1)}`) ? true : undefined));

    // The second run ends with its status again: by then it has sent nothing.
    const statuses = lines(status).length;
    const calls = emu.callCount('groupchat/statistic_group_by_day');
    await host.inject(INJECT);
    await eventually(() => (lines(status).length > statuses && lines(status).at(-1) === `up to ${addDays(DAY, -1)}` ? true : undefined));
    expect(lines(days)).toHaveLength(1);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(calls);

    await host.stop();
    expect(existsSync(join(host.userDir, 'context'))).toBe(true);
    emu.setToday(addDays(DAY, 1));
    await start(addDays(DAY, 1));
    await host.inject(INJECT);
    const second = await eventually(() => (lines(days).length >= 2 ? (JSON.parse(lines(days)[1]) as { date: string }[]) : undefined), 60_000);
    expect(second.map((record) => record.date)).toEqual([DAY]);
    await eventually(() => (lines(status).at(-1) === `up to ${DAY}` ? true : undefined));
    expect(lines(join(out, 'caught.txt'))).toEqual([]);
  });

  it('the example flow appends each of the last 180 days once to its CSV file', async () => {
    const csv = join(out, 'history.csv');
    const example = (JSON.parse(readFileSync(join(ROOT, 'examples/daily-history-to-csv.json'), 'utf8')) as Record<string, unknown>[]).map((node) => {
      if (node.type === 'file') return { ...node, filename: csv };
      if (node.type === 'wecom-config') return { ...node, baseUrl: emu.baseUrl, credentials: { corpId: emu.corpId, corpSecret: emu.corpSecret } };
      return node;
    });
    await host.deploy(example);
    const inject = example.find((node) => node.type === 'inject')?.id as string;
    await host.inject(inject);
    const rows = await eventually(() => (lines(csv).length >= 180 ? lines(csv) : undefined), 60_000);
    // Today is DAY + 1: the 180 days up to DAY, oldest first.
    expect(rows.map((row) => row.split(',')[0])).toEqual(Array.from({ length: 180 }, (_, i) => addDays(DAY, i - 179)));
    expect(rows.every((row) => row.split(',')[1] === '30')).toBe(true);
    const calls = emu.callCount('groupchat/statistic_group_by_day');
    await host.inject(inject);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(lines(csv)).toHaveLength(180);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(calls);
  });
});
