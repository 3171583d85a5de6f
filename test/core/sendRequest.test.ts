import { WeComError } from '../../core/errors/WeComError';
import { backoffDelay, DEFAULT_RETRY } from '../../core/request/retryPolicy';
import { sendWeComRequest, type PipelineConfig, type RetryEvent } from '../../core/request/sendRequest';
import { networkError, ok, scriptedTransport, weComError, type Reply } from '../support/scriptedTransport';

const call = { endpoint: 'externalcontact/groupchat/statistic', method: 'POST' as const, query: { access_token: 'TOKEN-abcdef' }, body: {} };

function pipeline(replies: Reply[], fallback?: Reply) {
  const transport = scriptedTransport(replies, fallback);
  const retries: RetryEvent[] = [];
  const config: PipelineConfig = {
    baseUrl: 'https://wecom.test',
    transport,
    timeoutMs: 1000,
    retry: DEFAULT_RETRY,
    secrets: () => ['TOKEN-abcdef'],
    random: () => 1,
    onRetry: (event) => retries.push(event),
  };
  return { config, transport, retries };
}

/** Runs a request to its end while fake timers let every backoff elapse. */
async function settle<T>(promise: Promise<T>): Promise<T | unknown> {
  const outcome = promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  await jest.runAllTimersAsync();
  return outcome;
}

describe('sendWeComRequest', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('returns the body when errcode is 0', async () => {
    const { config } = pipeline([ok({ total: 1 })]);
    await expect(sendWeComRequest(config, call)).resolves.toEqual({ errcode: 0, errmsg: 'ok', total: 1 });
  });

  it('parses a JSON text body', async () => {
    const { config } = pipeline([{ status: 200, body: '{"errcode":0,"errmsg":"ok","items":[]}' }]);
    await expect(sendWeComRequest(config, call)).resolves.toMatchObject({ items: [] });
  });

  it.each([
    ['-1 system busy', weComError(-1), 'busy'],
    ['45033 too many concurrent calls', weComError(45033), 'too-concurrent'],
    ['HTTP 502', { status: 502, body: '<html><h1>502 Bad Gateway</h1></html>' }, 'http'],
    ['HTTP 503', { status: 503, body: '' }, 'http'],
    ['HTTP 429', { status: 429, body: '' }, 'http'],
    ['a connection reset', networkError('ECONNRESET', 'socket hang up'), 'network'],
    ['a timeout', networkError('ECONNABORTED', 'timeout of 1000ms exceeded'), 'network'],
    ['a truncated body', { status: 200, body: '{"errcode":0,"items":[' }, 'malformed'],
    ['an HTML error page', { status: 200, body: '<html>proxy error</html>' }, 'malformed'],
  ] as [string, Reply, string][])('retries %s and then succeeds', async (_name, failure, reason) => {
    const { config, transport, retries } = pipeline([failure, failure, ok({ items: [1] })]);
    const result = await settle(sendWeComRequest(config, call));
    expect(result).toMatchObject({ errcode: 0, items: [1] });
    expect(transport.requests).toHaveLength(3);
    expect(retries.map((r) => r.reason)).toEqual([reason, reason]);
    // random() = 1: the full exponential delay, 500 ms then 1000 ms.
    expect(retries.map((r) => r.delayMs)).toEqual([500, 1000]);
  });

  it('waits tens of seconds after 45009 (rate limit), bounded', async () => {
    const { config, retries } = pipeline([weComError(45009), weComError(45009), weComError(45009), ok()]);
    const started = Date.now();
    await settle(sendWeComRequest(config, call));
    expect(retries.map((r) => r.delayMs)).toEqual([20_000, 40_000, 60_000]);
    expect(Date.now() - started).toBe(120_000);
  });

  it('gives up after the retry budget with a clear error', async () => {
    const { config, transport } = pipeline([], weComErrorReply(-1));
    const error = await settle(sendWeComRequest(config, call));
    expect(error).toBeInstanceOf(WeComError);
    expect(error).toMatchObject({ errcode: -1, attempts: 4, retried: true, endpoint: call.endpoint });
    expect((error as Error).message).toContain('after 4 attempts');
    expect((error as Error).message).toContain('errcode -1');
    expect(transport.requests).toHaveLength(4);
  });

  it.each([
    [40058, 'invalid parameter'],
    [60011, 'no privilege'],
    [600018, 'invalid time'],
    [48002, 'api forbidden'],
  ])('does not retry errcode %i', async (errcode, errmsg) => {
    const { config, transport } = pipeline([weComError(errcode, errmsg)]);
    const error = (await settle(sendWeComRequest(config, call))) as WeComError;
    expect(error).toMatchObject({ errcode, errmsg, attempts: 1, retried: false });
    expect(error.hint).toBeTruthy();
    expect(error.message).toContain(error.hint as string);
    expect(transport.requests).toHaveLength(1);
  });

  it('does not retry HTTP 404 or an unknown network failure', async () => {
    const notFound = pipeline([{ status: 404, body: 'not found' }]);
    await expect(settle(sendWeComRequest(notFound.config, call))).resolves.toMatchObject({ kind: 'http', httpStatus: 404, attempts: 1 });
    const dns = pipeline([networkError('ENOTFOUND', 'getaddrinfo ENOTFOUND wecom.test')]);
    await expect(settle(sendWeComRequest(dns.config, call))).resolves.toMatchObject({ kind: 'network', attempts: 1 });
  });

  it('masks the access token in the error URL and message', async () => {
    const { config } = pipeline([weComError(60011, 'no privilege for access_token=TOKEN-abcdef')]);
    const error = (await settle(sendWeComRequest(config, call))) as WeComError;
    expect(error.url).toBe('https://wecom.test/cgi-bin/externalcontact/groupchat/statistic?access_token=***');
    expect(JSON.stringify(error)).not.toContain('TOKEN-abcdef');
    expect(error.message).not.toContain('TOKEN-abcdef');
    expect(String(error.stack)).not.toContain('TOKEN-abcdef');
  });

  it('stops promptly when aborted during a backoff', async () => {
    const { config, transport } = pipeline([], weComErrorReply(-1));
    const controller = new AbortController();
    const pending = sendWeComRequest(config, call, controller.signal).catch((e: unknown) => e);
    await jest.advanceTimersByTimeAsync(100);
    controller.abort();
    const error = await pending;
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(transport.requests).toHaveLength(1);
  });

  it('sends nothing when already aborted', async () => {
    const { config, transport } = pipeline([ok()]);
    const controller = new AbortController();
    controller.abort();
    await expect(sendWeComRequest(config, call, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(transport.requests).toHaveLength(0);
  });
});

describe('backoffDelay', () => {
  it('doubles, caps and jitters between half and the full delay', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 'busy', DEFAULT_RETRY, () => 1))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(backoffDelay(3, 'network', DEFAULT_RETRY, () => 0)).toBe(1000);
    expect(backoffDelay(1, 'rate-limited', DEFAULT_RETRY, () => 0)).toBe(10_000);
  });
});

function weComErrorReply(errcode: number): Reply {
  return () => weComError(errcode);
}
