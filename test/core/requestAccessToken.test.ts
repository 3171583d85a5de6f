import { requestAccessToken, type AccessTokenRequest } from '../../core/token/gettoken';
import { ok, scriptedTransport, weComError, type Reply } from '../support/scriptedTransport';

/** A reply that arrives after a few milliseconds, so concurrent callers overlap. */
const later = (reply: Reply): Reply => async () => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  return typeof reply === 'function' ? reply({ method: 'GET', url: '', timeoutMs: 0 }) : reply;
};
const token = (value: string) => later(ok({ access_token: value, expires_in: 7200 }));

function app(transport: AccessTokenRequest['transport'], corpSecret = 'secret-one-123'): AccessTokenRequest {
  return { baseUrl: 'https://wecom.test/', corpId: 'ww_corp', corpSecret, transport };
}

describe('requestAccessToken', () => {
  it('shares one gettoken among callers asking for the same app at once', async () => {
    const transport = scriptedTransport([token('T1')]);
    const results = await Promise.all([requestAccessToken(app(transport)), requestAccessToken(app(transport)), requestAccessToken(app(transport))]);
    expect(results.map((result) => result.token)).toEqual(['T1', 'T1', 'T1']);
    expect(transport.requests).toHaveLength(1);
  });

  it('fetches again once the shared gettoken is done: it shares, it does not cache', async () => {
    const transport = scriptedTransport([token('T1'), token('T2')]);
    expect((await requestAccessToken(app(transport))).token).toBe('T1');
    expect((await requestAccessToken(app(transport))).token).toBe('T2');
    expect(transport.requests).toHaveLength(2);
  });

  it('never shares between apps with different secrets', async () => {
    const transport = scriptedTransport([token('T1'), token('T2')]);
    const [one, two] = await Promise.all([requestAccessToken(app(transport)), requestAccessToken(app(transport, 'secret-two-456'))]);
    expect([one.token, two.token].sort()).toEqual(['T1', 'T2']);
    expect(transport.requests).toHaveLength(2);
  });

  it('stops the gettoken when its only caller aborts', async () => {
    const hang: Reply = (request) => new Promise((_resolve, reject) => request.signal?.addEventListener('abort', () => reject(new Error('aborted'))));
    const transport = scriptedTransport([hang]);
    const controller = new AbortController();
    const waiting = requestAccessToken({ ...app(transport), signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(transport.requests[0].signal?.aborted).toBe(true);
  });

  it('gives every waiting caller the same failure, and the next call tries afresh', async () => {
    const transport = scriptedTransport([later(weComError(40001, 'invalid credential')), token('T1')]);
    const failed = await Promise.allSettled([requestAccessToken(app(transport)), requestAccessToken(app(transport))]);
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    expect(failed.map((result) => (result as PromiseRejectedResult).reason.errcode)).toEqual([40001, 40001]);
    expect((await requestAccessToken(app(transport))).token).toBe('T1');
    expect(transport.requests).toHaveLength(2);
  });
});
