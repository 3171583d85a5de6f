/**
 * Real Node-RED 4.1.15 and 5.0.7 in Chinese (settings.js `lang: 'zh-CN'`): the statistic node's
 * status, the errors Catch nodes get and the log lines come from the zh-CN catalogs. And
 * what LANG=zh_CN.UTF-8 alone gives: Node-RED reads only its first two letters, "zh", for
 * which neither Node-RED nor this package has catalogs, so the texts stay English.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../../emulator';
import { catalogText } from '../../support/nodeRedCatalog';
import { hostVersion } from '../support/hosts';
import { eventually, NodeRedHost } from '../support/nodeRedHost';

jest.setTimeout(240_000);

const CFG = 'a200000000000001';
const BAD_CFG = 'a200000000000002';
const OK = 'd200000000000001';
const BAD = 'd200000000000002';
const NONE = 'd200000000000003';
const WRONG_SECRET = 'language-e2e-wrong-secret-5521';

const zh = (key: string): string => catalogText('zh-CN', key);

function jsonLines(file: string): Record<string, string>[] {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : [];
}

/** Three statistic nodes fired once at start: one that works, a named one with a wrong secret (caught), one without config (logged). */
function flows(emu: Emulator, out: string): object[] {
  const tab = 'b200000000000001';
  const on = (node: Record<string, unknown>) => ({ z: tab, x: 100, y: 100, ...node });
  const once = (id: string, target: string) => on({ id, type: 'inject', props: [{ p: 'payload' }], payload: '', payloadType: 'date', once: true, onceDelay: 0.1, wires: [[target]] });
  const stat = (id: string, extra: Record<string, unknown>) => on({ id, type: 'wecom-groupchat-statistic', mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all', output: 'array', wires: [[]], ...extra });
  const toFile = (id: string, expression: string, name: string) => [
    on({ id, type: 'change', rules: [{ t: 'set', p: 'payload', pt: 'msg', to: expression, tot: 'jsonata' }], wires: [[`${id}f`]] }),
    on({ id: `${id}f`, type: 'file', filename: join(out, name), filenameType: 'str', appendNewline: true, createDir: true, overwriteFile: 'false', wires: [] }),
  ];
  return [
    { id: tab, type: 'tab', label: 'language' },
    { id: CFG, type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl },
    { id: BAD_CFG, type: 'wecom-config', name: 'wrong secret', baseUrl: emu.baseUrl },
    once('c200000000000001', OK),
    stat(OK, { wecom: CFG }),
    once('c200000000000002', BAD),
    stat(BAD, { wecom: BAD_CFG, name: '日报' }),
    once('c200000000000003', NONE),
    stat(NONE, { wecom: '', name: '周报' }),
    on({ id: 'e200000000000001', type: 'status', scope: [OK, BAD, NONE], wires: [['e200000000000002']] }),
    ...toFile('e200000000000002', '{"id": status.source.id, "text": status.text}', 'status.jsonl'),
    // The node without config is not caught: its error goes to the log.
    on({ id: 'e200000000000003', type: 'catch', scope: [BAD], uncaught: false, wires: [['e200000000000004']] }),
    ...toFile('e200000000000004', '{"id": error.source.id, "message": error.message, "wecom": wecom.error.message}', 'caught.jsonl'),
  ];
}

describe.each(['nodeRed', 'nodeRed5'])("%s: the runtime's language", (hostName) => {
  let emu: Emulator;
  let host: NodeRedHost;
  let out: string;

  const run = async (options: { lang?: string; env?: Record<string, string> }): Promise<{ statuses: Record<string, string>[]; caught: Record<string, string>[] }> => {
    rmSync(out, { recursive: true, force: true });
    await host.start(flows(emu, out), { [CFG]: { corpId: emu.corpId, corpSecret: emu.corpSecret }, [BAD_CFG]: { corpId: emu.corpId, corpSecret: WRONG_SECRET } }, options);
    const final = (statuses: Record<string, string>[], id: string) => statuses.filter((s) => s.id === id).at(-1)?.text;
    // Done when the working node shows its records, one failure was caught and the other logged.
    await eventually(() => {
      const ok = final(jsonLines(join(out, 'status.jsonl')), OK);
      const logged = host.output.includes('[wecom-groupchat-statistic:周报]');
      return ok !== undefined && /\d/.test(ok) && !/\//.test(ok) && jsonLines(join(out, 'caught.jsonl')).length >= 1 && logged ? true : undefined;
    }, 60_000);
    const result = { statuses: jsonLines(join(out, 'status.jsonl')), caught: jsonLines(join(out, 'caught.jsonl')) };
    await host.stop();
    return result;
  };

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, owners: 20, seed: 41 });
    out = mkdtempSync(join(tmpdir(), 'wecom-nr-language-'));
    host = new NodeRedHost(hostName);
  });

  afterAll(async () => {
    await host?.stop();
    host?.dispose();
    await emu?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it(`Node-RED ${hostVersion(hostName)} with lang 'zh-CN' in settings.js: status, caught errors and log lines in Chinese, our hint first`, async () => {
    const { statuses, caught } = await run({ lang: 'zh-CN' });
    expect(host.output).toContain('流程已启动');
    const texts = (id: string) => statuses.filter((s) => s.id === id).map((s) => s.text);
    // planning, progress, then the records count
    expect(texts(OK)).toContain(zh('wecom-groupchat-statistic.status.planning'));
    expect(texts(OK).some((text) => /^\d+\/1 次请求$/.test(text))).toBe(true);
    expect(texts(OK).at(-1)).toBe('1 条记录');
    expect(texts(BAD).at(-1)).toBe('错误码 40001');
    expect(texts(NONE).at(-1)).toBe(zh('wecom-groupchat-statistic.status.noConfig'));

    const bad = caught.find((c) => c.id === BAD);
    const zhHint = zh('wecom-config.hints.40001');
    expect(zhHint).toMatch(/^Secret 无效/);
    expect(bad?.message).toMatch(new RegExp(`^WeComError: “日报”：${escape(zhHint)} 企业微信 gettoken 调用失败：错误码 40001，invalid credential, hint: \\[[^\\]]+\\], more info at https://open\\.work\\.weixin\\.qq\\.com/devtool/query\\?e=40001$`));
    expect(bad?.wecom).toBe(bad?.message.replace(/^WeComError: /, ''));
    // The log: Node-RED's own lines in Chinese, and the uncaught error from the zh-CN catalog.
    expect(host.output).toContain(`[error] [wecom-groupchat-statistic:周报] Error: “周报”：${zh('wecom-groupchat-statistic.failure.noConfig')}\n`);
    for (const secret of [emu.corpSecret, WRONG_SECRET, ...emu.issuedTokens()]) expect(`${host.output}${JSON.stringify(caught)}`).not.toContain(secret);
  });

  it('with LANG=zh_CN.UTF-8 and no lang setting: English, as Node-RED finds no "zh" catalogs', async () => {
    const { statuses, caught } = await run({ env: { LC_ALL: 'zh_CN.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8', LANG: 'zh_CN.UTF-8' } });
    expect(host.output).toContain('Started flows');
    expect(statuses.filter((s) => s.id === OK).at(-1)?.text).toBe('1 records');
    expect(caught.find((c) => c.id === BAD)?.message).toMatch(/^WeComError: "日报": The secret is invalid/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
