import { NodeApiError, type ICredentialDataDecryptedObject, type IExecuteFunctions, type IHttpRequestHelper, type IHttpRequestOptions, type INode, type JsonObject } from 'n8n-workflow';
import { WeComError } from '../../core/errors/WeComError';
import { WeComApi } from '../../credentials/WeComApi.credentials';
import { N8nTokenBridge } from '../../nodes/shared/n8nTokenBridge';

interface Sent {
  qs: Record<string, unknown>;
  accessToken: unknown;
}

/**
 * A stand-in for n8n's httpRequestWithAuthentication: like n8n, an empty accessToken in the
 * credential data makes it fetch a token (writing it into that data and into the stored
 * credential, its database) before sending. `getCredentials` reads that stored credential.
 */
function fakeN8n(options: { fetchFails?: boolean; delayMs?: number; stored?: ICredentialDataDecryptedObject; credentialId?: string } = {}) {
  const sent: Sent[] = [];
  const stored: ICredentialDataDecryptedObject = { corpId: 'ww_corp', ...options.stored };
  let fetches = 0;
  let reads = 0;
  const httpRequestWithAuthentication = async (
    _type: string,
    request: IHttpRequestOptions,
    extra: { credentialsDecrypted: { data: ICredentialDataDecryptedObject } },
  ) => {
    const data = extra.credentialsDecrypted.data;
    if (data.accessToken === '') {
      fetches++;
      await new Promise((r) => setTimeout(r, options.delayMs ?? 5));
      if (options.fetchFails) throw Object.assign(new Error('wrapped'), { cause: new Error('errcode 40001') });
      data.accessToken = `T${fetches}`;
      stored.accessToken = data.accessToken;
    }
    sent.push({ qs: request.qs ?? {}, accessToken: data.accessToken });
    return { statusCode: 200, headers: {}, body: { errcode: 0, errmsg: 'ok' } };
  };
  const context = {
    getNode: () => ({ credentials: { weComApi: { id: options.credentialId ?? '7', name: 'WeCom' } } }),
    getCredentials: async () => {
      reads++;
      return { ...stored };
    },
    helpers: { httpRequestWithAuthentication },
  } as unknown as IExecuteFunctions;
  return { context, sent, stored, fetches: () => fetches, reads: () => reads };
}

const request = (token: string) => ({ method: 'POST' as const, url: 'https://w/cgi-bin/x', query: { access_token: token }, body: {}, timeoutMs: 1000 });

describe('N8nTokenBridge', () => {
  it('uses a stored token that is not near expiry', async () => {
    const n8n = fakeN8n();
    const bridge = new N8nTokenBridge(n8n.context, { accessToken: 'STORED', accessTokenExpiresAt: Date.now() + 3_600_000 });
    expect(await bridge.getToken()).toBe('STORED');
    await bridge.transport(request('STORED'));
    expect(n8n.sent).toEqual([{ qs: {}, accessToken: 'STORED' }]);
    expect(n8n.fetches()).toBe(0);
  });

  it('lets n8n fetch a new token when the stored one is about to expire', async () => {
    const bridge = new N8nTokenBridge(fakeN8n().context, { accessToken: 'OLD', accessTokenExpiresAt: Date.now() + 60_000 });
    expect(await bridge.getToken()).toBe('');
  });

  it('makes n8n fetch once for many concurrent requests without a token', async () => {
    const n8n = fakeN8n({ delayMs: 20 });
    const bridge = new N8nTokenBridge(n8n.context, { accessToken: '' });
    await Promise.all(Array.from({ length: 8 }, () => bridge.transport(request(''))));
    expect(n8n.fetches()).toBe(1);
    expect(n8n.sent.map((s) => s.accessToken)).toEqual(Array(8).fill('T1'));
    expect(await bridge.getToken()).toBe('T1');
  });

  it('names the token each request really carried, the fetched one included', async () => {
    const n8n = fakeN8n();
    const bridge = new N8nTokenBridge(n8n.context, { accessToken: '' });
    await expect(bridge.transport(request(''))).resolves.toMatchObject({ accessToken: 'T1' });
    await expect(bridge.transport(request('T1'))).resolves.toMatchObject({ accessToken: 'T1' });
  });

  it('sends a request asked without a token with the one fetched since, not a second fetch', async () => {
    const n8n = fakeN8n();
    const bridge = new N8nTokenBridge(n8n.context, { accessToken: '' });
    await bridge.transport(request(''));
    // A retry, or a request that asked before the fetch ended, comes later with ''.
    await expect(bridge.transport(request(''))).resolves.toMatchObject({ accessToken: 'T1' });
    expect(n8n.fetches()).toBe(1);
    expect(n8n.sent.map((s) => s.accessToken)).toEqual(['T1', 'T1']);
  });

  it('refreshes after invalidate, once, and ignores a stale invalidate', async () => {
    const n8n = fakeN8n();
    const bridge = new N8nTokenBridge(n8n.context, { accessToken: 'OLD' });
    await bridge.invalidate('SOMETHING-ELSE');
    expect(await bridge.getToken()).toBe('OLD');
    await bridge.invalidate('OLD');
    expect(await bridge.getToken()).toBe('');
    await Promise.all([bridge.transport(request('')), bridge.transport(request(''))]);
    expect(n8n.fetches()).toBe(1);
    expect(await bridge.getToken()).toBe('T1');
  });

  it('fails every waiting request with the fetch error instead of fetching again', async () => {
    const n8n = fakeN8n({ fetchFails: true, delayMs: 10 });
    const bridge = new N8nTokenBridge(n8n.context, { accessToken: '' });
    const results = await Promise.allSettled([bridge.transport(request('')), bridge.transport(request('')), bridge.transport(request(''))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(results.map((r) => (r as PromiseRejectedResult).reason.message)).toEqual(['errcode 40001', 'errcode 40001', 'errcode 40001']);
    expect(n8n.fetches()).toBe(1);
  });

  it('never passes the token in the query: the credential adds it', async () => {
    const n8n = fakeN8n();
    const bridge = new N8nTokenBridge(n8n.context, { accessToken: 'TOK' });
    await bridge.transport({ ...request('TOK'), query: { access_token: 'TOK', other: '1' } });
    expect(n8n.sent[0].qs).toEqual({ other: '1' });
  });

  it('reports a failed gettoken as the credential threw it, though n8n wraps it in a NodeApiError without cause', async () => {
    const node = { id: '7', name: 'WeCom', credentials: { weComApi: { id: '7', name: 'WeCom' } } } as unknown as INode;
    // As n8n: an empty token runs the credential's preAuthentication, and a failure is rethrown as NodeApiError(node, error).
    const helpers = { httpRequest: async () => ({ statusCode: 200, headers: {}, body: { errcode: 40001, errmsg: 'invalid credential' } }) };
    const httpRequestWithAuthentication = async (_type: string, _request: IHttpRequestOptions, extra: { credentialsDecrypted: { data: ICredentialDataDecryptedObject } }) => {
      try {
        await new WeComApi().preAuthentication.call({ helpers } as unknown as IHttpRequestHelper, extra.credentialsDecrypted.data);
      } catch (error) {
        throw new NodeApiError(node, error as JsonObject);
      }
      throw new Error('preAuthentication should have failed');
    };
    const context = { getNode: () => node, getCredentials: async () => ({ accessToken: '' }), helpers: { httpRequestWithAuthentication } } as unknown as IExecuteFunctions;
    const bridge = new N8nTokenBridge(context, { corpId: 'ww_corp', corpSecret: 'secret-value-1', baseUrl: 'https://wecom.test', accessToken: '' });
    const error = await bridge.transport(request('')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeComError);
    expect(error).toMatchObject({ errcode: 40001, endpoint: 'gettoken', attempts: 1 });
  });

  it("lends the request's signal to the credential's gettoken, so stopping the execution stops it", async () => {
    const node = { id: '7', name: 'WeCom', credentials: { weComApi: { id: '7', name: 'WeCom' } } } as unknown as INode;
    const gettokens: (AbortSignal | undefined)[] = [];
    // gettoken never answers until its request is aborted.
    const httpRequest = (options: IHttpRequestOptions) => {
      const signal = options.abortSignal as AbortSignal | undefined;
      gettokens.push(signal);
      return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    };
    const httpRequestWithAuthentication = async (_type: string, _request: IHttpRequestOptions, extra: { credentialsDecrypted: { data: ICredentialDataDecryptedObject } }) =>
      new WeComApi().preAuthentication.call({ helpers: { httpRequest } } as unknown as IHttpRequestHelper, extra.credentialsDecrypted.data);
    const context = { getNode: () => node, getCredentials: async () => ({ accessToken: '' }), helpers: { httpRequestWithAuthentication } } as unknown as IExecuteFunctions;
    const bridge = new N8nTokenBridge(context, { corpId: 'ww_corp', corpSecret: 'secret-value-2', baseUrl: 'https://wecom.test', accessToken: '' });
    const stop = new AbortController();
    const sending = bridge.transport({ ...request(''), signal: stop.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    expect(await sending).toMatchObject({ name: 'AbortError' });
    expect(gettokens).toHaveLength(1);
    expect(gettokens[0]?.aborted).toBe(true);
  });
});

describe('N8nTokenBridge across the executions of one process (a queue-mode worker)', () => {
  it('makes n8n fetch once for concurrent executions of one credential with no stored token', async () => {
    const n8n = fakeN8n({ delayMs: 20 });
    const executions = Array.from({ length: 5 }, () => new N8nTokenBridge(n8n.context, { corpId: 'ww_corp', accessToken: '' }));
    await Promise.all(executions.flatMap((bridge) => [bridge.transport(request('')), bridge.transport(request(''))]));
    expect(n8n.fetches()).toBe(1);
    expect(n8n.sent.map((s) => s.accessToken)).toEqual(Array(10).fill('T1'));
  });

  it('takes the token stored since the execution started (by another execution or worker) instead of fetching', async () => {
    const n8n = fakeN8n({ stored: { accessToken: 'STORED-BY-WORKER-2', accessTokenExpiresAt: Date.now() + 3_600_000 } });
    const bridge = new N8nTokenBridge(n8n.context, { corpId: 'ww_corp', accessToken: '' });
    await expect(bridge.transport(request(''))).resolves.toMatchObject({ accessToken: 'STORED-BY-WORKER-2' });
    expect(n8n.fetches()).toBe(0);
    expect(n8n.reads()).toBe(1);
    expect(n8n.sent.map((s) => s.accessToken)).toEqual(['STORED-BY-WORKER-2']);
  });

  it('after WeCom rejects a token, takes a newer stored one, but never the rejected one back', async () => {
    const refreshed = fakeN8n({ stored: { accessToken: 'NEW', accessTokenExpiresAt: Date.now() + 3_600_000 } });
    const first = new N8nTokenBridge(refreshed.context, { corpId: 'ww_corp', accessToken: 'OLD' });
    await first.invalidate('OLD');
    await expect(first.transport(request(''))).resolves.toMatchObject({ accessToken: 'NEW' });
    expect(refreshed.fetches()).toBe(0);

    const stale = fakeN8n({ stored: { accessToken: 'OLD' } });
    const second = new N8nTokenBridge(stale.context, { corpId: 'ww_corp', accessToken: 'OLD' });
    await second.invalidate('OLD');
    await expect(second.transport(request(''))).resolves.toMatchObject({ accessToken: 'T1' });
    expect(stale.fetches()).toBe(1);
    expect(stale.stored.accessToken).toBe('T1');
  });

  it('does not share a fetch between two credentials', async () => {
    const a = fakeN8n({ delayMs: 20, credentialId: 'A' });
    const b = fakeN8n({ delayMs: 20, credentialId: 'B' });
    await Promise.all([new N8nTokenBridge(a.context, { corpId: 'ww_corp', accessToken: '' }).transport(request('')), new N8nTokenBridge(b.context, { corpId: 'ww_corp', accessToken: '' }).transport(request(''))]);
    expect([a.fetches(), b.fetches()]).toEqual([1, 1]);
  });

  it("fetches again when the token another execution's fetch brings is one WeCom rejected in this execution", async () => {
    const n8n = fakeN8n({ delayMs: 20, stored: { accessToken: 'OLD' } });
    // This execution saw OLD rejected; the other one starts cold and finds OLD stored.
    const rejecting = new N8nTokenBridge(n8n.context, { corpId: 'ww_corp', accessToken: 'OLD' });
    await rejecting.invalidate('OLD');
    const cold = new N8nTokenBridge(n8n.context, { corpId: 'ww_corp', accessToken: '' });
    const [fromCold, fromRejecting] = await Promise.all([cold.transport(request('')), rejecting.transport(request(''))]);
    expect(fromCold.accessToken).toBe('OLD');
    expect(fromRejecting.accessToken).toBe('T1');
    expect(n8n.fetches()).toBe(1);
  });

  it('lets a waiting execution fetch for itself when the execution that fetched was stopped', async () => {
    let fetches = 0;
    const httpRequestWithAuthentication = async (_type: string, options: IHttpRequestOptions, extra: { credentialsDecrypted: { data: ICredentialDataDecryptedObject } }) => {
      const data = extra.credentialsDecrypted.data;
      if (data.accessToken === '') {
        fetches++;
        const signal = options.abortSignal as AbortSignal | undefined;
        await new Promise((resolve, reject) => {
          setTimeout(resolve, 30);
          signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })));
        });
        data.accessToken = `T${fetches}`;
      }
      return { statusCode: 200, headers: {}, body: { errcode: 0, errmsg: 'ok' } };
    };
    const context = {
      getNode: () => ({ credentials: { weComApi: { id: 'stopped', name: 'WeCom' } } }),
      getCredentials: async () => ({ accessToken: '' }),
      helpers: { httpRequestWithAuthentication },
    } as unknown as IExecuteFunctions;
    const stop = new AbortController();
    const stopped = new N8nTokenBridge(context, { corpId: 'ww_corp', accessToken: '' }).transport({ ...request(''), signal: stop.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setImmediate(resolve));
    const waiting = new N8nTokenBridge(context, { corpId: 'ww_corp', accessToken: '' }).transport(request(''));
    await new Promise((resolve) => setImmediate(resolve));
    stop.abort();
    expect(await stopped).toMatchObject({ name: 'AbortError' });
    await expect(waiting).resolves.toMatchObject({ accessToken: 'T2' });
    expect(fetches).toBe(2);
  });
});
