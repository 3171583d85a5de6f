import { WeComError, type WeComErrorKind } from '../errors/WeComError';
import { rejectedAgainHint } from '../errors/hints';
import { redactUrl } from '../errors/redact';
import type { HttpResponse, Transport } from '../http/transport';
import type { TokenProvider } from '../token/tokenProvider';
import { abortError, sleep as defaultSleep } from '../util/abort';
import {
  backoffDelay,
  isRetryableHttpStatus,
  isRetryableNetworkCode,
  retryReasonForErrcode,
  type RetryOptions,
  type RetryReason,
} from './retryPolicy';

/** One WeCom API call, before the access token is added. */
export interface WeComCall {
  /** Path below /cgi-bin/, e.g. 'externalcontact/groupchat/statistic'. */
  endpoint: string;
  method: 'GET' | 'POST';
  query?: Record<string, string>;
  body?: unknown;
}

/** A successful WeCom answer: errcode 0 plus the endpoint's fields. */
export type WeComBody = Record<string, unknown> & { errcode: number; errmsg: string };

export interface RetryEvent {
  endpoint: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  reason: RetryReason;
  errcode?: number;
  delayMs: number;
}

export interface PipelineConfig {
  /** Without a trailing slash, e.g. https://qyapi.weixin.qq.com */
  baseUrl: string;
  transport: Transport;
  timeoutMs: number;
  retry: RetryOptions;
  /** Values to mask in every error: the secret and the tokens in use. */
  secrets: () => readonly (string | undefined)[];
  onRequest?: (endpoint: string) => void;
  onRetry?: (event: RetryEvent) => void;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
}

interface Failure {
  kind: WeComErrorKind;
  errmsg: string;
  errcode?: number;
  httpStatus?: number;
  /** Set when another attempt may succeed. */
  retryReason?: RetryReason;
  hint?: string;
}

/** errcodes that mean "this token is no good": drop it, get another and replay once. */
const TOKEN_REJECTED = new Set([40014, 42001]);

/**
 * Sends one call, checks `errcode` (WeCom answers errors with HTTP 200) and retries
 * transient failures with backoff. Resolves with the body only when errcode is 0.
 * With `tokens`, each attempt carries the token the provider has at that moment, so a retry
 * uses a token fetched meanwhile; when WeCom rejects the token a request really carried,
 * that token is dropped and the call replayed once (a replay is not a retry), so a broken
 * setup never loops.
 */
export async function sendWeComRequest(
  config: PipelineConfig,
  call: WeComCall,
  signal?: AbortSignal,
  tokens?: TokenProvider,
): Promise<WeComBody> {
  const url = `${config.baseUrl}/cgi-bin/${call.endpoint}`;
  const sleep = config.sleep ?? defaultSleep;
  let rejected: string | undefined;
  for (let attempt = 1, retries = 0; ; attempt++) {
    if (signal?.aborted) throw abortError(signal);
    const token = tokens ? await tokens.getToken(signal) : undefined;
    const sent = token === undefined ? call : { ...call, query: { ...call.query, access_token: token } };
    config.onRequest?.(call.endpoint);
    const outcome = await attemptOnce(config, sent, url, signal);
    if (outcome.ok) return outcome.body;
    const { failure } = outcome;
    const carried = outcome.accessToken ?? token;
    if (tokens && carried !== undefined && failure.errcode !== undefined && TOKEN_REJECTED.has(failure.errcode)) {
      if (rejected === undefined) {
        rejected = carried;
        await tokens.invalidate(carried);
        continue;
      }
      failure.hint = rejectedAgainHint(failure.errcode, carried === rejected);
    }
    if (!failure.retryReason || retries >= config.retry.retries) {
      throw new WeComError(
        { ...failure, endpoint: call.endpoint, url: redactUrl(url, sent.query), attempts: attempt },
        config.secrets(),
      );
    }
    retries++;
    const delayMs = backoffDelay(retries, failure.retryReason, config.retry, config.random);
    config.onRetry?.({ endpoint: call.endpoint, attempt, reason: failure.retryReason, errcode: failure.errcode, delayMs });
    await sleep(delayMs, signal);
  }
}

type Outcome = { ok: true; body: WeComBody } | { ok: false; failure: Failure; accessToken?: string };

async function attemptOnce(
  config: PipelineConfig,
  call: WeComCall,
  url: string,
  signal: AbortSignal | undefined,
): Promise<Outcome> {
  let response: HttpResponse;
  try {
    response = await config.transport({
      method: call.method,
      url,
      query: call.query,
      body: call.body,
      timeoutMs: config.timeoutMs,
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    // A host's transport may fail for WeCom reasons of its own (n8n fetching the token).
    if (error instanceof WeComError) throw error;
    return { ok: false, failure: networkFailure(error) };
  }
  const outcome = checkResponse(response);
  return outcome.ok || response.accessToken === undefined ? outcome : { ...outcome, accessToken: response.accessToken };
}

function networkFailure(error: unknown): Failure {
  const err = error as { code?: unknown; message?: unknown; cause?: { code?: unknown } };
  const code = typeof err?.code === 'string' ? err.code : typeof err?.cause?.code === 'string' ? err.cause.code : undefined;
  const message = typeof err?.message === 'string' ? err.message : String(error);
  return {
    kind: 'network',
    errmsg: code && !message.includes(code) ? `${code}: ${message}` : message,
    retryReason: isRetryableNetworkCode(code) ? 'network' : undefined,
  };
}

function checkResponse(response: HttpResponse): Outcome {
  if (response.status < 200 || response.status >= 300) {
    const retryReason = isRetryableHttpStatus(response.status) ? 'http' : undefined;
    return { ok: false, failure: { kind: 'http', httpStatus: response.status, errmsg: `HTTP ${response.status}${snippet(response.body)}`, retryReason } };
  }
  const body = parseBody(response.body);
  if (!body) {
    const errmsg = `the answer is not WeCom JSON${snippet(response.body)}`;
    return { ok: false, failure: { kind: 'malformed', httpStatus: response.status, errmsg, retryReason: 'malformed' } };
  }
  if (body.errcode !== 0) {
    const retryReason = retryReasonForErrcode(body.errcode);
    return { ok: false, failure: { kind: 'api', errcode: body.errcode, errmsg: String(body.errmsg ?? ''), retryReason } };
  }
  return { ok: true, body };
}

function parseBody(raw: unknown): WeComBody | undefined {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const body = value as Record<string, unknown>;
  return typeof body.errcode === 'number' ? (body as WeComBody) : undefined;
}

/** The start of an unexpected body, tags stripped, so the user sees what answered. */
function snippet(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  if (!text) return '';
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain ? ` (body: ${plain.length > 120 ? `${plain.slice(0, 120)}…` : plain})` : '';
}
