import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { todayInChina } from '../../../core/dates/chinaDay';
import { startEmulator, type Emulator } from '../../../emulator';
import { hostVersion, ROOT } from '../support/hosts';
import { startSink } from '../support/httpSink';
import { itemsOf, N8nHost, type ExecuteResult } from '../support/n8nHost';
import * as wf from './workflows';

jest.setTimeout(180_000);

const WRONG_SECRET = 'wrong-secret-0123456789';
const STATS = 'Stats';

function example(file: string, id: string): { original: Record<string, unknown>; runnable: object } {
  const original = JSON.parse(readFileSync(join(ROOT, 'n8n-workflows', file), 'utf8'));
  const runnable = JSON.parse(JSON.stringify(original));
  runnable.id = id;
  for (const node of runnable.nodes) {
    // `n8n execute` starts from a Manual Trigger; the third-party nodes have no credentials here.
    if (node.type === 'n8n-nodes-base.scheduleTrigger') Object.assign(node, { type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} });
    if (['n8n-nodes-base.googleSheets', 'n8n-nodes-base.slack'].includes(node.type)) node.disabled = true;
    if (node.type.endsWith('weComGroupChatStatistic')) node.credentials = { weComApi: wf.CREDENTIAL };
  }
  return { original: { ...original, id: `${id}Orig` }, runnable };
}

describe.each(['n8n', 'n8nNewest'])('real %s', (hostName) => {
  let host: N8nHost;
  let emu: Emulator;
  let sink: Awaited<ReturnType<typeof startSink>>;
  const daily = example('daily-report-to-google-sheets.json', 'e2eExampleDaily');
  const weekly = example('weekly-owner-ranking-to-slack.json', 'e2eExampleWeekly');

  beforeAll(async () => {
    emu = await startEmulator({ port: 0, owners: 250, seed: 11 });
    sink = await startSink();
    host = new N8nHost(hostName);
    await host.importCredentials([
      { ...wf.CREDENTIAL, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl } },
      { ...wf.WRONG_CREDENTIAL, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: WRONG_SECRET, baseUrl: emu.baseUrl } },
    ]);
    await host.importWorkflows([
      wf.byDay95All,
      wf.byOwner95Listed,
      wf.toCsv,
      wf.toHttp(sink.url),
      wf.yesterdayByDay,
      wf.wrongSecret,
      daily.original,
      daily.runnable,
      weekly.original,
      weekly.runnable,
    ]);
  });

  afterAll(async () => {
    await emu?.close();
    await sink?.close();
    host?.dispose();
  });

  const outputs: ExecuteResult[] = [];
  async function execute(id: string): Promise<ExecuteResult> {
    const result = await host.execute(id);
    outputs.push(result);
    return result;
  }

  it(`runs on n8n ${hostVersion(hostName)}: by day, 95 days, all 250 owners`, async () => {
    const result = await execute('e2eByDay95All');
    expect(result.code).toBe(0);
    const items = itemsOf(result, STATS);
    expect(items).toHaveLength(95);
    expect(Object.keys(items[0].json).slice(0, 3)).toEqual(['date', 'stat_time', 'owner_count']);
    expect(items.every((item) => item.json.owner_count === 250)).toBe(true);
    const dates = items.map((item) => item.json.date as string);
    expect(new Set(dates).size).toBe(95);
    expect([...dates].sort()).toEqual(dates);
    // token + owner list + 4 windows x 3 batches
    expect(emu.callCount('gettoken')).toBe(1);
    expect(emu.callCount('get_follow_user_list')).toBe(1);
    expect(emu.callCount('groupchat/statistic_group_by_day')).toBe(12);
  });

  it('by owner, 95 days, 250 owners from an expression: one item per owner for the 95 days', async () => {
    const before = emu.callCount('groupchat/statistic');
    const result = await execute('e2eByOwner95Listed');
    expect(result.code).toBe(0);
    const items = itemsOf(result, STATS);
    expect(items).toHaveLength(250);
    expect(new Set(items.map((item) => `${item.json.start_date}..${item.json.end_date}`)).size).toBe(1);
    expect(new Set(items.map((item) => item.json.owner)).size).toBe(250);
    expect(emu.callCount('groupchat/statistic') - before).toBe(4 * 3);
    expect(emu.callCount('gettoken')).toBe(1);
  });

  it("chains into n8n's Convert to File node (CSV)", async () => {
    const result = await execute('e2eToCsv');
    expect(result.code).toBe(0);
    const [file] = itemsOf(result, 'CSV');
    const binary = file.binary?.data;
    expect(binary?.mimeType).toBe('text/csv');
    const csv = Buffer.from(binary?.data ?? '', 'base64').toString('utf8').trim().split('\n');
    expect(csv[0]).toBe('date,stat_time,owner_count,new_chat_cnt,chat_total,chat_has_msg,new_member_cnt,member_total,member_has_msg,msg_total');
    expect(csv).toHaveLength(8);
  });

  it('chains into an HTTP Request node posting to a local sink', async () => {
    sink.requests.length = 0;
    const result = await execute('e2eToHttp');
    expect(result.code).toBe(0);
    const posted = sink.requests.map((request) => JSON.parse(request.body));
    expect(posted).toHaveLength(5);
    // The top 5 of all 250 owners by members total, yesterday (China time).
    const yesterday = todayInChina() - 1;
    const expected = emu.company.ownerIds
      .map((owner) => ({ owner, total: emu.company.windowData(owner, yesterday, yesterday).member_total }))
      .sort((a, b) => b.total - a.total || (a.owner < b.owner ? -1 : 1))
      .slice(0, 5);
    expect(posted.map((row) => [row.owner, row.member_total])).toEqual(expected.map((e) => [e.owner, e.total]));
  });

  it('reuses the stored token across executions, and refreshes it once after it expires', async () => {
    expect(emu.callCount('gettoken')).toBe(1);
    expect((await execute('e2eYesterday')).code).toBe(0);
    expect(emu.callCount('gettoken')).toBe(1);
    emu.expireTokens();
    const refreshed = await execute('e2eYesterday');
    expect(refreshed.code).toBe(0);
    expect(itemsOf(refreshed, STATS)).toHaveLength(1);
    expect(emu.callCount('gettoken')).toBe(2);
    expect(emu.log.filter((entry) => entry.errcode === 42001).length).toBeGreaterThan(0);
    // n8n stored the new token: the next execution fetches none.
    expect((await execute('e2eYesterday')).code).toBe(0);
    expect(emu.callCount('gettoken')).toBe(2);
  });

  it('a WeCom error fails the node with errcode and hint', async () => {
    const result = await execute('e2eWrongSecret');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('errcode 40001');
    expect(result.output).toContain('Customer Contact secret');
  });

  it('the example workflows import and run (third-party nodes disabled)', async () => {
    const dailyRun = await execute('e2eExampleDaily');
    expect(dailyRun.code).toBe(0);
    expect(itemsOf(dailyRun, "Yesterday's group chat figures")).toHaveLength(1);
    const weeklyRun = await execute('e2eExampleWeekly');
    expect(weeklyRun.code).toBe(0);
    expect(itemsOf(weeklyRun, "Last week's top 10 owners")).toHaveLength(10);
    const [message] = itemsOf(weeklyRun, 'One message');
    expect(String(message.json.concatenated_line).split('\n')).toHaveLength(10);
  });

  it('the credential test passes for the right secret and names errcode and hint otherwise', async () => {
    const server = await host.startServer();
    try {
      const test = (data: Record<string, string>) =>
        server.request('/rest/credentials/test', {
          credentials: { ...wf.CREDENTIAL, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl, ...data } },
        }) as Promise<{ data: { status: string; message: string } }>;
      expect((await test({})).data).toEqual({ status: 'OK', message: 'Connection successful!' });
      const badSecret = (await test({ corpSecret: WRONG_SECRET })).data;
      expect(badSecret.status).toBe('Error');
      expect(badSecret.message).toMatch(/errcode 40001 invalid credential.*Customer Contact secret \(客户联系 secret\)/);
      expect(badSecret.message).not.toContain(WRONG_SECRET);
      const badCorp = (await test({ corpId: 'ww_not_this_one' })).data;
      expect(badCorp.message).toMatch(/errcode 40013 invalid corpid.*企业ID/);
      outputs.push({ code: 0, output: JSON.stringify([badSecret, badCorp]) });
    } finally {
      await server.stop();
    }
  });

  it('leaks no secret or token into any output', async () => {
    const tokens = emu.issuedTokens();
    expect(tokens).toHaveLength(2);
    const everything = outputs.map((result) => result.output).join('\n');
    for (const secret of [emu.corpSecret, WRONG_SECRET, ...tokens]) expect(everything).not.toContain(secret);
  });
});

