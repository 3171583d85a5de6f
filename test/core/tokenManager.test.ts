import { WeComError } from '../../core/errors/WeComError';
import { createApiCaller } from '../../core/request/apiCaller';
import { DEFAULT_RETRY } from '../../core/request/retryPolicy';
import { sendWeComRequest, type PipelineConfig } from '../../core/request/sendRequest';
import { TokenManager } from '../../core/token/tokenManager';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { ok, scriptedTransport, weComError, type Reply } from '../support/scriptedTransport';

const BASE = 'https://wecom.test';

function setup(replies: Reply[], options: { now?: () => number; store?: MemoryTokenStore; secret?: string } = {}) {
  const transport = scriptedTransport(replies);
  const pipeline: PipelineConfig = {
    baseUrl: BASE,
    transport,
    timeoutMs: 1000,
    retry: { ...DEFAULT_RETRY, retries: 0 },
    secrets: () => [options.secret ?? 'secret-one'],
  };
  const store = options.store ?? new MemoryTokenStore();
  const tokens = new TokenManager({
    corpId: 'corp',
    corpSecret: options.secret ?? 'secret-one',
    baseUrl: BASE,
    store,
    now: options.now,
    send: (call, signal) => sendWeComRequest(pipeline, call, signal),
  });
  const call = createApiCaller(pipeline, tokens);
  const gettokens = () => transport.requests.filter((r) => r.url.endsWith('/cgi-bin/gettoken')).length;
  return { transport, tokens, call, store, gettokens };
}

const token = (value: string, expiresIn = 7200) => ok({ access_token: value, expires_in: expiresIn });

describe('TokenManager', () => {
  it('fetches once and serves the cached token afterwards', async () => {
    const { tokens, transport } = setup([token('T1')]);
    expect(await tokens.getToken()).toBe('T1');
    expect(await tokens.getToken()).toBe('T1');
    expect(transport.requests).toHaveLength(1);
    expect(transport.requests[0]).toMatchObject({ method: 'GET', url: `${BASE}/cgi-bin/gettoken`, query: { corpid: 'corp', corpsecret: 'secret-one' } });
  });

  it('makes one gettoken call for 100 concurrent callers', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { tokens, gettokens } = setup([async () => (await gate, token('SHARED'))]);
    const callers = Array.from({ length: 100 }, () => tokens.getToken());
    release();
    expect(new Set(await Promise.all(callers))).toEqual(new Set(['SHARED']));
    expect(gettokens()).toBe(1);
  });

  it('shares the token between managers of the same app through the store', async () => {
    const store = new MemoryTokenStore();
    const first = setup([token('T1')], { store });
    const second = setup([], { store });
    expect(await first.tokens.getToken()).toBe('T1');
    expect(await second.tokens.getToken()).toBe('T1');
    expect(second.transport.requests).toHaveLength(0);
  });

  it('keys the cache by secret, so two apps of one company never mix tokens', async () => {
    const store = new MemoryTokenStore();
    const contact = setup([token('CONTACT')], { store, secret: 'contact-secret' });
    const messaging = setup([token('MESSAGING')], { store, secret: 'messaging-secret' });
    expect(await contact.tokens.getToken()).toBe('CONTACT');
    expect(await messaging.tokens.getToken()).toBe('MESSAGING');
    expect(contact.tokens.cacheKey).not.toBe(messaging.tokens.cacheKey);
    expect(contact.tokens.cacheKey).not.toContain('contact-secret');
  });

  it('refreshes some minutes before expires_in, not after', async () => {
    let now = 1_000_000;
    const { tokens, gettokens } = setup([token('T1', 7200), token('T2', 7200)], { now: () => now });
    expect(await tokens.getToken()).toBe('T1');
    now += (7200 - 5 * 60) * 1000 - 1; // just before the 5-minute margin
    expect(await tokens.getToken()).toBe('T1');
    now += 1;
    expect(await tokens.getToken()).toBe('T2');
    expect(gettokens()).toBe(2);
  });

  it('caps the margin at half the lifetime for short-lived tokens', async () => {
    let now = 0;
    const { tokens, gettokens } = setup([token('T1', 60), token('T2', 60)], { now: () => now });
    await tokens.getToken();
    now = 29_999;
    expect(await tokens.getToken()).toBe('T1');
    now = 30_000;
    expect(await tokens.getToken()).toBe('T2');
    expect(gettokens()).toBe(2);
  });

  it('does not retry a wrong secret (40001) and explains it', async () => {
    const { tokens, gettokens } = setup([weComError(40001, 'invalid credential')]);
    const error = await tokens.getToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComError);
    expect(error).toMatchObject({ errcode: 40001, endpoint: 'gettoken', attempts: 1 });
    expect((error as WeComError).hint).toContain('客户联系');
    expect((error as Error).message).not.toContain('secret-one');
    expect(gettokens()).toBe(1);
  });

  it('invalidate drops only the token it names', async () => {
    const { tokens, store } = setup([token('T1')]);
    await tokens.getToken();
    await tokens.invalidate('OLD');
    expect(store.get(tokens.cacheKey)?.token).toBe('T1');
    await tokens.invalidate('T1');
    expect(store.get(tokens.cacheKey)).toBeUndefined();
  });

  it('rejects a gettoken answer without a token', async () => {
    const { tokens } = setup([ok({ expires_in: 7200 })]);
    await expect(tokens.getToken()).rejects.toMatchObject({ kind: 'malformed', endpoint: 'gettoken' });
  });

  it('lets one waiting caller abort without failing the others', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { tokens } = setup([async () => (await gate, token('T1'))]);
    const controller = new AbortController();
    const aborted = tokens.getToken(controller.signal);
    const patient = tokens.getToken();
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ name: 'AbortError' });
    release();
    expect(await patient).toBe('T1');
  });

  it('stops the gettoken once every caller waiting for it has aborted', async () => {
    // A gettoken WeCom never answers, until its request is aborted.
    const hang: Reply = (request) => new Promise((_resolve, reject) => request.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const { tokens, transport } = setup([hang]);
    const first = new AbortController();
    const second = new AbortController();
    const waiting = [tokens.getToken(first.signal), tokens.getToken(second.signal)];
    await new Promise((resolve) => setImmediate(resolve));
    first.abort();
    expect(transport.requests[0].signal?.aborted).toBe(false);
    second.abort();
    await Promise.allSettled(waiting);
    expect(transport.requests).toHaveLength(1);
    expect(transport.requests[0].signal?.aborted).toBe(true);
  });
});

describe('token refresh on rejection (40014 / 42001)', () => {
  const stat = { endpoint: 'externalcontact/groupchat/statistic', method: 'POST' as const, body: {} };

  it.each([40014, 42001])('refreshes once and replays the call after %i', async (errcode) => {
    const { call, transport, gettokens } = setup([token('OLD'), weComError(errcode), token('NEW'), ok({ items: [] })]);
    await expect(call(stat)).resolves.toMatchObject({ errcode: 0 });
    expect(gettokens()).toBe(2);
    const statCalls = transport.requests.filter((r) => r.url.endsWith('statistic'));
    expect(statCalls.map((r) => r.query?.access_token)).toEqual(['OLD', 'NEW']);
  });

  it('does not loop when the new token is rejected too, and says a new token was tried', async () => {
    const { call, transport, gettokens } = setup([token('OLD'), weComError(42001), token('NEW'), weComError(42001)]);
    const error = (await call(stat).catch((e: unknown) => e)) as WeComError;
    expect(error).toMatchObject({ errcode: 42001, attempts: 2 });
    expect(error.hint).toMatch(/^A new token was fetched and the request replayed once; WeCom rejected the new token too\. The access token expired\./);
    expect(gettokens()).toBe(2);
    expect(transport.requests).toHaveLength(4);
  });

  it('never claims a refresh when the replay carried the rejected token again', async () => {
    const { call, gettokens } = setup([token('SAME'), weComError(40014), token('SAME'), weComError(40014)]);
    const error = (await call(stat).catch((e: unknown) => e)) as WeComError;
    expect(gettokens()).toBe(2);
    expect(error.hint).toMatch(/^The request was replayed once, but no new token could be had/);
    expect(error.message).not.toMatch(/refreshed|new token was fetched/);
  });

  it('takes the token again for each retry, so a retry carries a token refreshed meanwhile', async () => {
    const pipeline: PipelineConfig = {
      baseUrl: BASE,
      transport: scriptedTransport([weComError(-1), ok({ items: [] })]),
      timeoutMs: 1000,
      retry: { ...DEFAULT_RETRY, retries: 1, baseDelayMs: 1, maxDelayMs: 1 },
      secrets: () => [],
    };
    const served = ['FIRST', 'SECOND'];
    const provider = { getToken: jest.fn(async () => served.shift() as string), invalidate: jest.fn(async () => undefined) };
    await expect(createApiCaller(pipeline, provider)(stat)).resolves.toMatchObject({ errcode: 0 });
    const sent = (pipeline.transport as ReturnType<typeof scriptedTransport>).requests.map((r) => r.query?.access_token);
    expect(sent).toEqual(['FIRST', 'SECOND']);
    expect(provider.invalidate).not.toHaveBeenCalled();
  });

  it('drops the token a host says its request really carried, not the one it was given', async () => {
    // A host that fetches its own token for a request sent with none (as n8n's credential does).
    const transport = scriptedTransport([
      { ...weComError(40014), accessToken: 'HOST-T1' },
      { ...ok({ items: [] }), accessToken: 'HOST-T2' },
    ]);
    const pipeline: PipelineConfig = { baseUrl: BASE, transport, timeoutMs: 1000, retry: { ...DEFAULT_RETRY, retries: 0 }, secrets: () => [] };
    const provider = { getToken: jest.fn(async () => ''), invalidate: jest.fn(async () => undefined) };
    await expect(createApiCaller(pipeline, provider)(stat)).resolves.toMatchObject({ errcode: 0 });
    expect(provider.invalidate.mock.calls).toEqual([['HOST-T1']]);
    expect(transport.requests).toHaveLength(2);
  });

  it('makes one refresh when many concurrent calls fail with the same expired token', async () => {
    let issued = 0;
    const server: Reply = (request) => {
      if (request.url.endsWith('gettoken')) return token(issued++ === 0 ? 'OLD' : 'NEW');
      return request.query?.access_token === 'OLD' ? weComError(42001) : ok({ items: [] });
    };
    const { call, tokens, transport, gettokens } = setup(Array.from({ length: 200 }, () => server));
    expect(await tokens.getToken()).toBe('OLD');
    const results = await Promise.all(Array.from({ length: 50 }, () => call(stat)));
    expect(results.every((r) => r.errcode === 0)).toBe(true);
    expect(gettokens()).toBe(2);
    const sent = transport.requests.filter((r) => r.url.endsWith('statistic')).map((r) => r.query?.access_token);
    expect(sent.filter((t) => t === 'OLD')).toHaveLength(50);
    expect(sent.filter((t) => t === 'NEW')).toHaveLength(50);
  });

  it('does not refresh on other errors', async () => {
    const { call, gettokens } = setup([token('T1'), weComError(60011, 'no privilege')]);
    await expect(call(stat)).rejects.toMatchObject({ errcode: 60011 });
    expect(gettokens()).toBe(1);
  });
});
