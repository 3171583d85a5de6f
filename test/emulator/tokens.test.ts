import { Emulator, startEmulator } from '../../emulator';

/** The fields these tests read from WeCom answers. */
type Json = { errcode: number; errmsg: string; access_token: string; expires_in: number };

async function getJson(url: string, init?: RequestInit): Promise<Json> {
  const response = await fetch(url, init);
  expect(response.status).toBe(200);
  return (await response.json()) as Json;
}

describe('emulator tokens', () => {
  let emu: Emulator;
  const gettoken = (corpid = emu.corpId, corpsecret = emu.corpSecret) =>
    getJson(`${emu.baseUrl}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpid)}&corpsecret=${encodeURIComponent(corpsecret)}`);
  const followUsers = (token?: string) =>
    getJson(`${emu.baseUrl}/cgi-bin/externalcontact/get_follow_user_list${token === undefined ? '' : `?access_token=${token}`}`);

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, host: '127.0.0.1', owners: 3, today: '2024-06-10' });
  });
  afterEach(() => emu.close());

  it('issues a long random token with its lifetime', async () => {
    const answer = await gettoken();
    expect(answer).toMatchObject({ errcode: 0, errmsg: 'ok', expires_in: 7200 });
    expect(answer.access_token).toMatch(/^[A-Za-z0-9_-]{64,}$/);
    expect(emu.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('rejects a wrong corp ID with 40013 and a wrong or missing secret with 40001', async () => {
    expect((await gettoken('ww_other')).errcode).toBe(40013);
    expect((await gettoken(emu.corpId, 'wrong')).errcode).toBe(40001);
    expect((await getJson(`${emu.baseUrl}/cgi-bin/gettoken?corpid=${emu.corpId}`)).errcode).toBe(40001);
  });

  it('hands out the same token while it is valid, with the remaining lifetime', async () => {
    const first = await gettoken();
    const second = await gettoken();
    expect(second.access_token).toBe(first.access_token);
    expect(second.expires_in).toBeLessThanOrEqual(first.expires_in);
  });

  it('answers 42001 after expireTokens, then issues a new token that works', async () => {
    const old = (await gettoken()).access_token;
    emu.expireTokens();
    expect((await followUsers(old)).errcode).toBe(42001);
    const fresh = (await gettoken()).access_token;
    expect(fresh).not.toBe(old);
    expect(await followUsers(fresh)).toEqual({ errcode: 0, errmsg: 'ok', follow_user: ['owner_00001', 'owner_00002', 'owner_00003'] });
    expect((await followUsers(old)).errcode).toBe(42001);
  });

  it('answers 40014 after revokeTokens, then issues a new token', async () => {
    const old = (await gettoken()).access_token;
    emu.revokeTokens();
    expect((await followUsers(old)).errcode).toBe(40014);
    const fresh = (await gettoken()).access_token;
    expect(fresh).not.toBe(old);
    expect((await followUsers(fresh)).errcode).toBe(0);
  });

  it('answers 41001 without a token and 40014 for an unknown one, with a WeCom-style errmsg', async () => {
    expect((await followUsers()).errcode).toBe(41001);
    expect((await followUsers('')).errcode).toBe(41001);
    const unknown = await followUsers('not-a-token');
    expect(unknown.errcode).toBe(40014);
    expect(unknown.errmsg).toMatch(/^invalid access_token, hint: \[\S+-emu\], more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40014$/);
  });

  it('expires tokens by the real clock', async () => {
    await emu.close();
    emu = await startEmulator({ port: 0, tokenLifetimeSeconds: 1 });
    const token = (await gettoken()).access_token;
    expect((await gettoken()).expires_in).toBeLessThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await followUsers(token)).errcode).toBe(42001);
    expect((await gettoken()).access_token).not.toBe(token);
  });

  it('answers 40058 when an endpoint is called with the wrong method', async () => {
    const token = (await gettoken()).access_token;
    const statistic = await getJson(`${emu.baseUrl}/cgi-bin/externalcontact/groupchat/statistic?access_token=${token}`);
    expect(statistic.errcode).toBe(40058);
    const byDay = await getJson(`${emu.baseUrl}/cgi-bin/externalcontact/groupchat/statistic_group_by_day?access_token=${token}`);
    expect(byDay.errcode).toBe(40058);
    const follow = await getJson(`${emu.baseUrl}/cgi-bin/externalcontact/get_follow_user_list?access_token=${token}`, { method: 'POST', body: '{}' });
    expect(follow.errcode).toBe(40058);
  });
});
