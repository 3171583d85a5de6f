/**
 * The config dialog's "Test connection" endpoint in node-red-node-test-helper: typed and
 * stored credentials, WeCom's errors, and nothing secret in the answer or the log. Admin
 * auth and permissions need a real Node-RED: test/e2e/node-red/connectionTest.e2e.test.ts.
 */
import helper from 'node-red-node-test-helper';
import { hintFor } from '../../core/errors/hints';
import { startEmulator, type Emulator } from '../../emulator';
import { TEST_PATH } from '../../nodes/node-red/testConnection';
import { configNode, statisticNode } from '../support/nodeRedCatalog';

helper.init(require.resolve('node-red'));

const WRONG_SECRET = 'a-wrong-secret-typed-in-the-dialog';
const ENV_SECRET = 'WECOM_TEST_CONNECTION_SECRET';

let emu: Emulator;
const answers: string[] = [];
const logged: string[] = [];

beforeAll(async () => {
  emu = await startEmulator({ port: 0, owners: 37, seed: 8 });
  await new Promise<void>((resolve) => helper.startServer(() => resolve()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => helper.stopServer(() => resolve()));
  await emu.close();
  delete process.env[ENV_SECRET];
});

beforeEach(async () => {
  await helper.load(
    [configNode, statisticNode],
    [
      { id: 'tab', type: 'tab' },
      { id: 'cfg', type: 'wecom-config', name: 'deployed', baseUrl: emu.baseUrl },
      { id: 'stat', z: 'tab', type: 'wecom-groupchat-statistic', wecom: 'cfg', wires: [[]] },
    ],
    { cfg: { corpId: emu.corpId, corpSecret: emu.corpSecret } },
  );
});

afterEach(async () => {
  logged.push(JSON.stringify(helper.log().args));
  await helper.unload();
});

/** What the dialog's button posts, and the endpoint's answer. */
async function post(body: Record<string, unknown>): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await helper.request().post(TEST_PATH).send(body).set('content-type', 'application/json');
  answers.push(response.text);
  return { status: response.status, body: response.body as Record<string, unknown> };
}

describe('POST /wecom-config/test-connection', () => {
  it('with typed values: gettoken, then the count of members with Customer Contact', async () => {
    const before = emu.callCount('gettoken');
    const answer = await post({ id: 'new-node', baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: emu.corpSecret });
    expect(answer).toEqual({ status: 200, body: { ok: true, members: 37 } });
    expect(emu.company.ownerIds).toHaveLength(37);
    expect(emu.callCount('gettoken')).toBe(before + 1);
    expect(emu.callCount('get_follow_user_list')).toBeGreaterThanOrEqual(1);
  });

  it("with the secret left as Node-RED's placeholder, or blank: the deployed node's stored secret, and a gettoken each time", async () => {
    const before = emu.callCount('gettoken');
    expect((await post({ id: 'cfg', baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: '__PWRD__' })).body).toEqual({ ok: true, members: 37 });
    expect((await post({ id: 'cfg', baseUrl: `${emu.baseUrl}/cgi-bin`, corpId: emu.corpId, corpSecret: '' })).body).toEqual({ ok: true, members: 37 });
    expect(emu.callCount('gettoken')).toBe(before + 2);
  });

  it('a wrong secret: errcode 40001, WeCom\'s message and our hint', async () => {
    const answer = await post({ id: 'cfg', baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: WRONG_SECRET });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ ok: false, endpoint: 'gettoken', errcode: 40001, errmsg: expect.stringMatching(/^invalid credential, hint: \[.+\], more info at https:\/\/open\.work\.weixin\.qq\.com\//), hint: hintFor(40001) });
  });

  it('a wrong corp ID: errcode 40013', async () => {
    const answer = await post({ id: 'cfg', baseUrl: emu.baseUrl, corpId: 'ww_not_this_company', corpSecret: '__PWRD__' });
    expect(answer.body).toMatchObject({ ok: false, endpoint: 'gettoken', errcode: 40013, hint: hintFor(40013) });
  });

  it('names the missing or bad field, before any call; the stored secret only of a deployed wecom-config node', async () => {
    const before = emu.callCount();
    expect((await post({ id: 'not-deployed', baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: '__PWRD__' })).body).toEqual({ ok: false, field: 'corpSecret' });
    expect((await post({ id: 'stat', baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: '__PWRD__' })).body).toEqual({ ok: false, field: 'corpSecret' });
    expect((await post({ id: 'cfg', baseUrl: emu.baseUrl, corpId: ' ', corpSecret: '__PWRD__' })).body).toEqual({ ok: false, field: 'corpId' });
    expect((await post({ id: 'cfg', baseUrl: 'ftp://127.0.0.1/', corpId: emu.corpId, corpSecret: '__PWRD__' })).body).toEqual({ ok: false, field: 'baseUrl' });
    expect((await post({})).body).toEqual({ ok: false, field: 'corpId' });
    expect(emu.callCount()).toBe(before);
  });

  it('a typed ${ENV} secret is read from the environment, as the node reads it', async () => {
    process.env[ENV_SECRET] = emu.corpSecret;
    expect((await post({ id: 'new-node', baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: `\${${ENV_SECRET}}` })).body).toEqual({ ok: true, members: 37 });
  });

  it('sends the stored secret only to the Base URL deployed with it: another one needs the Secret typed', async () => {
    const before = emu.callCount('gettoken');
    const elsewhere = await post({ id: 'cfg', baseUrl: 'http://127.0.0.1:9', corpId: emu.corpId, corpSecret: '__PWRD__' });
    expect(elsewhere.body).toEqual({ ok: false, retypeSecret: true });
    expect((await post({ id: 'cfg', baseUrl: '', corpId: emu.corpId, corpSecret: '' })).body).toEqual({ ok: false, retypeSecret: true });
    expect(emu.callCount('gettoken')).toBe(before);
  });

  it('a server that is not WeCom: its failure, no errcode', async () => {
    const answer = await post({ id: 'new-node', baseUrl: 'http://127.0.0.1:9', corpId: emu.corpId, corpSecret: emu.corpSecret });
    expect(answer.body).toMatchObject({ ok: false, endpoint: 'gettoken', errmsg: expect.stringContaining('ECONNREFUSED') });
    expect(answer.body).not.toHaveProperty('errcode');
  });

  it('no answer and no log line holds a secret or a token', () => {
    expect(answers.length).toBeGreaterThanOrEqual(10);
    const everything = [...answers, ...logged].join('\n');
    for (const secret of [emu.corpSecret, WRONG_SECRET, ...emu.issuedTokens()]) expect(everything).not.toContain(secret);
    expect(emu.issuedTokens().length).toBeGreaterThanOrEqual(1);
  });
});
