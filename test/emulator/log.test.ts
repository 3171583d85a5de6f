import { connect } from 'net';
import { dayStartSeconds, parseDay } from '../../core/dates/chinaDay';
import { Emulator, startEmulator } from '../../emulator';

/** The fields these tests read from WeCom answers. */
type Json = { errcode: number; access_token: string };

const DAY = dayStartSeconds((parseDay('2024-06-10') as number) - 1);

describe('emulator request log and admin endpoints', () => {
  let emu: Emulator;
  let token: string;

  const admin = async (method: string, action: string, body?: string) => {
    const response = await fetch(`${emu.baseUrl}/__emulator/${action}`, { method, body });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const follow = async () =>
    ((await (await fetch(`${emu.baseUrl}/cgi-bin/externalcontact/get_follow_user_list?access_token=${token}`)).json()) as Json).errcode;

  beforeEach(async () => {
    emu = await startEmulator({ port: 0, host: '127.0.0.1', owners: 4, today: '2024-06-10', corpSecret: 'very-secret-value' });
    const answer = await fetch(`${emu.baseUrl}/cgi-bin/gettoken?corpid=${emu.corpId}&corpsecret=${emu.corpSecret}`);
    token = ((await answer.json()) as Json).access_token;
  });
  afterEach(() => emu.close());

  it('records each request without tokens or secrets', async () => {
    const body = { day_begin_time: DAY, owner_filter: { userid_list: ['owner_00001'] } };
    await fetch(`${emu.baseUrl}/cgi-bin/externalcontact/groupchat/statistic?access_token=${token}`, { method: 'POST', body: JSON.stringify(body) });
    await fetch(`${emu.baseUrl}/cgi-bin/externalcontact/groupchat/statistic_group_by_day?access_token=${token}`, { method: 'POST', body: 'oops' });
    await fetch(`${emu.baseUrl}/cgi-bin/gettoken?corpid=${emu.corpId}&corpsecret=wrong-secret`);
    await fetch(`${emu.baseUrl}/cgi-bin/unknown?access_token=${token}`);

    expect(emu.log).toEqual([
      expect.objectContaining({ seq: 1, method: 'GET', endpoint: 'gettoken', body: undefined, errcode: 0, httpStatus: 200, fault: undefined }),
      expect.objectContaining({ seq: 2, method: 'POST', endpoint: 'groupchat/statistic', body, errcode: 0, httpStatus: 200 }),
      expect.objectContaining({ seq: 3, endpoint: 'groupchat/statistic_group_by_day', body: undefined, errcode: 47001 }),
      expect.objectContaining({ seq: 4, endpoint: 'gettoken', errcode: 40001 }),
      expect.objectContaining({ seq: 5, endpoint: '/cgi-bin/unknown', errcode: undefined, httpStatus: 404 }),
    ]);
    for (const entry of emu.log) {
      expect(entry.at).toBeLessThanOrEqual(Date.now());
      expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    }
    const overHttp = JSON.stringify((await admin('GET', 'log')).json);
    for (const text of [JSON.stringify(emu.log), overHttp]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('very-secret-value');
      expect(text).not.toContain('wrong-secret');
    }
    expect((await admin('GET', 'log')).json.entries).toHaveLength(5);
  });

  it('counts calls per endpoint and clears them with the log', async () => {
    await follow();
    await follow();
    expect(emu.callCount()).toBe(3);
    expect(emu.callCount('get_follow_user_list')).toBe(2);
    expect(emu.callCount('groupchat/statistic')).toBe(0);
    expect((await admin('GET', 'calls')).json).toEqual({
      total: 3,
      endpoints: { gettoken: 1, get_follow_user_list: 2, 'groupchat/statistic': 0, 'groupchat/statistic_group_by_day': 0 },
    });
    emu.clearLog();
    expect(emu.log).toHaveLength(0);
    expect(emu.callCount()).toBe(0);
    await follow();
    expect((await admin('POST', 'reset-log')).json).toEqual({ ok: true });
    expect(emu.callCount()).toBe(0);
  });

  it('expires and revokes tokens over HTTP', async () => {
    expect((await admin('POST', 'expire-tokens')).status).toBe(200);
    expect(await follow()).toBe(42001);
    expect((await admin('POST', 'revoke-tokens')).status).toBe(200);
    expect(await follow()).toBe(40014);
  });

  it('sets faults over HTTP and rejects bad ones with 400', async () => {
    expect((await admin('POST', 'faults', JSON.stringify({ busy: 1 }))).json).toEqual({ ok: true });
    expect(await follow()).toBe(-1);
    const bad = await admin('POST', 'faults', JSON.stringify({ busy: 'often' }));
    expect(bad.status).toBe(400);
    expect(bad.json.error).toContain('faults.busy');
    expect((await admin('POST', 'faults', 'not json')).status).toBe(400);
    await admin('POST', 'faults', JSON.stringify({ busy: 0 }));
    expect(await follow()).toBe(0);
  });

  it('answers 404 for unknown admin actions and keeps admin calls out of the log', async () => {
    expect((await admin('GET', 'nothing')).status).toBe(404);
    expect((await admin('GET', 'expire-tokens')).status).toBe(404);
    expect(emu.log.map((entry) => entry.endpoint)).toEqual(['gettoken']);
  });

  it('answers 400 to an unparseable request target and keeps serving', async () => {
    const { port } = new URL(emu.baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400/);
    expect(raw).toContain('malformed request target');
    expect(await follow()).toBe(0);
  });

  it('keeps only the newest logLimit entries while counting every call', async () => {
    await emu.close();
    emu = await startEmulator({ port: 0, logLimit: 2 });
    for (let i = 0; i < 4; i++) await fetch(`${emu.baseUrl}/cgi-bin/gettoken?corpid=${emu.corpId}&corpsecret=${emu.corpSecret}`);
    expect(emu.log.map((entry) => entry.seq)).toEqual([3, 4]);
    expect(emu.callCount('gettoken')).toBe(4);
  });
});
