import { dayStartSeconds, todayInChina } from '../../core/dates/chinaDay';
import { Emulator, EmulatorOptions, FaultKind, startEmulator } from '../../emulator';

/** The fields these tests read from WeCom answers. */
type Json = { errcode: number; access_token: string };

const BODY = JSON.stringify({ day_begin_time: dayStartSeconds(todayInChina() - 2), owner_filter: { userid_list: ['owner_00001'] } });

describe('emulator faults and limits', () => {
  let emu: Emulator | undefined;
  afterEach(async () => {
    await emu?.close();
    emu = undefined;
  });

  const start = async (options: EmulatorOptions) => {
    emu = await startEmulator({ port: 0, host: '127.0.0.1', owners: 3, ...options });
    return emu;
  };
  const token = async (server: Emulator) => {
    const response = await fetch(`${server.baseUrl}/cgi-bin/gettoken?corpid=${server.corpId}&corpsecret=${server.corpSecret}`);
    return ((await response.json()) as Json).access_token;
  };
  const statistic = (server: Emulator, accessToken: string, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}/cgi-bin/externalcontact/groupchat/statistic?access_token=${accessToken}`, { method: 'POST', body: BODY, ...init });
  // The limiter uses fixed clock windows: keep a short test from straddling a minute boundary.
  const awayFromMinuteEdge = async () => {
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 2_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
  };
  const errcodeOf = async (response: Promise<Response>) => ((await (await response).json()) as Json).errcode;

  /** Starts with one fault kind certain; gettoken stays clean by default. */
  const withFault = async (kind: FaultKind) => {
    const server = await start({ faults: { [kind]: 1 } });
    return { server, accessToken: await token(server) };
  };

  it('busy answers errcode -1 with HTTP 200', async () => {
    const { server, accessToken } = await withFault('busy');
    const response = await statistic(server, accessToken);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ errcode: -1, errmsg: 'system busy' });
  });

  it.each([['rateLimited', 45009], ['concurrency', 45033]] as const)('%s answers %p', async (kind, errcode) => {
    const { server, accessToken } = await withFault(kind);
    expect(await errcodeOf(statistic(server, accessToken))).toBe(errcode);
  });

  it('http5xx alternates 502 and 503 HTML pages', async () => {
    const { server, accessToken } = await withFault('http5xx');
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await statistic(server, accessToken);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('<html>');
      statuses.push(response.status);
    }
    expect(statuses).toEqual([502, 503, 502]);
  });

  it('reset drops the connection without an answer', async () => {
    const { server, accessToken } = await withFault('reset');
    await expect(statistic(server, accessToken)).rejects.toThrow();
    expect(server.log.at(-1)).toMatchObject({ fault: 'reset', httpStatus: 0, errcode: undefined });
  });

  it('timeout never answers, and close() still resolves promptly', async () => {
    const { server, accessToken } = await withFault('timeout');
    await expect(statistic(server, accessToken, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    const hung = statistic(server, accessToken);
    hung.catch(() => undefined);
    while (server.callCount('groupchat/statistic') < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(hung).rejects.toThrow();
    expect(server.log.filter((entry) => entry.fault === 'timeout')).toHaveLength(2);
  });

  it('malformed alternates truncated JSON and an HTML page, both with HTTP 200', async () => {
    const { server, accessToken } = await withFault('malformed');
    const first = await statistic(server, accessToken);
    expect(first.status).toBe(200);
    const text = await first.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(text.startsWith('{"errcode":0')).toBe(true);
    const second = await statistic(server, accessToken);
    expect(second.status).toBe(200);
    expect(await second.text()).toContain('<html>');
  });

  it('spares gettoken unless faultsOnGettoken is set', async () => {
    const spared = await start({ faults: { busy: 1 } });
    expect(await token(spared)).toEqual(expect.any(String));
    await spared.close();
    const hit = await start({ faults: { busy: 1 }, faultsOnGettoken: true });
    expect(await token(hit)).toBeUndefined();
    expect(hit.log.at(-1)).toMatchObject({ endpoint: 'gettoken', fault: 'busy', errcode: -1 });
  });

  it('a faulted request has no side effect: no token issued, no rate limit spent', async () => {
    await awayFromMinuteEdge();
    const server = await start({ faults: { busy: 1 }, faultsOnGettoken: true, rateLimitPerMinute: 1 });
    for (let i = 0; i < 3; i++) await token(server);
    server.setFaults({ busy: 0 });
    const accessToken = await token(server);
    expect(accessToken).toEqual(expect.any(String));
    expect(server.log.map((entry) => entry.errcode)).toEqual([-1, -1, -1, 0]);
  });

  it('draws faults reproducibly from faultSeed', async () => {
    const sequence = async (faultSeed: number) => {
      const server = await start({ faults: { busy: 0.5 }, faultSeed });
      const accessToken = await token(server);
      const codes = [];
      for (let i = 0; i < 16; i++) codes.push(await errcodeOf(statistic(server, accessToken)));
      await server.close();
      return codes;
    };
    const first = await sequence(7);
    expect(await sequence(7)).toEqual(first);
    expect(first).toContain(-1);
    expect(first).toContain(0);
    expect(await sequence(8)).not.toEqual(first);
  });

  it('setFaults turns faults on and off at run time', async () => {
    const server = await start({});
    const accessToken = await token(server);
    server.setFaults({ busy: 1 });
    expect(await errcodeOf(statistic(server, accessToken))).toBe(-1);
    server.setFaults({ busy: 0 });
    expect(await errcodeOf(statistic(server, accessToken))).toBe(0);
    expect(() => server.setFaults({ busy: 2 })).toThrow(/faults\.busy/);
  });

  it('answers 45009 past the per-minute limit of one API, leaving other APIs alone', async () => {
    await awayFromMinuteEdge();
    const server = await start({ rateLimitPerMinute: 2 });
    const accessToken = await token(server);
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(await errcodeOf(statistic(server, accessToken)));
    expect(codes).toEqual([0, 0, 45009]);
    const follow = await fetch(`${server.baseUrl}/cgi-bin/externalcontact/get_follow_user_list?access_token=${accessToken}`);
    expect(((await follow.json()) as Json).errcode).toBe(0);
  });

  it('answers 45009 past the per-hour limit', async () => {
    await awayFromMinuteEdge();
    const server = await start({ rateLimitPerHour: 1 });
    await token(server);
    const second = await fetch(`${server.baseUrl}/cgi-bin/gettoken?corpid=${server.corpId}&corpsecret=${server.corpSecret}`);
    expect(((await second.json()) as Json).errcode).toBe(45009);
  });

  it('answers 45033 beyond maxConcurrentPerApi, and delays by latencyMs', async () => {
    const server = await start({ maxConcurrentPerApi: 1, latencyMs: 150 });
    const accessToken = await token(server);
    const started = Date.now();
    const codes = await Promise.all([errcodeOf(statistic(server, accessToken)), errcodeOf(statistic(server, accessToken))]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(codes.sort()).toEqual([0, 45033]);
    expect(await errcodeOf(statistic(server, accessToken))).toBe(0);
  });

  it('close() resolves promptly while a latency wait is pending', async () => {
    const server = await start({ latencyMs: 60_000 });
    const pending = fetch(`${server.baseUrl}/cgi-bin/gettoken?corpid=${server.corpId}&corpsecret=${server.corpSecret}`);
    pending.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });
});
