import { DEFAULT_TIMEOUT_MS, normalizeBaseUrl, requireCorpId, requireCorpSecret } from '../connectionSettings';
import { ENDPOINTS } from '../endpoints';
import { WeComError } from '../errors/WeComError';
import type { Transport } from '../http/transport';
import { DEFAULT_RETRY } from '../request/retryPolicy';
import { sendWeComRequest, type PipelineConfig, type WeComBody, type WeComCall } from '../request/sendRequest';
import { SharedTasks } from '../util/sharedTasks';
import { appKey } from './tokenStore';

export interface AccessToken {
  token: string;
  /** Seconds, as WeCom says (7200 normally). */
  expiresIn: number;
}

/** One gettoken call through the given sender (which retries and checks errcode). */
export async function fetchAccessToken(
  send: (call: WeComCall, signal?: AbortSignal) => Promise<WeComBody>,
  corpId: string,
  corpSecret: string,
  signal?: AbortSignal,
): Promise<AccessToken> {
  const body = await send({ endpoint: ENDPOINTS.gettoken, method: 'GET', query: { corpid: corpId, corpsecret: corpSecret } }, signal);
  const { access_token: token, expires_in: expiresIn } = body;
  if (typeof token !== 'string' || !token || typeof expiresIn !== 'number' || expiresIn <= 0) {
    const errmsg = 'the answer has no access_token or expires_in; is the Base URL a WeCom server?';
    throw new WeComError({ kind: 'malformed', errmsg, endpoint: ENDPOINTS.gettoken, attempts: 1 });
  }
  return { token, expiresIn };
}

export interface AccessTokenRequest {
  baseUrl: string;
  corpId: string;
  corpSecret: string;
  transport: Transport;
  timeoutMs?: number;
  /** The caller stops waiting when it aborts; the gettoken stops when every caller sharing it has. */
  signal?: AbortSignal;
}

// One gettoken in flight per app in this process: n8n runs preAuthentication for every
// execution that finds the stored token empty, and executions often start together.
const inFlight = new SharedTasks<AccessToken>();

/**
 * gettoken with the settings checked, retries and redaction, for hosts that keep the token
 * themselves (n8n's credential). Callers asking for the same app while a gettoken is on its
 * way share it, its failure included.
 */
export function requestAccessToken(request: AccessTokenRequest): Promise<AccessToken> {
  const corpSecret = requireCorpSecret(request.corpSecret);
  const baseUrl = normalizeBaseUrl(request.baseUrl);
  const corpId = requireCorpId(request.corpId);
  const pipeline: PipelineConfig = {
    baseUrl,
    transport: request.transport,
    timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: DEFAULT_RETRY,
    secrets: () => [corpSecret],
  };
  const send = (call: WeComCall, signal?: AbortSignal) => sendWeComRequest(pipeline, call, signal);
  return inFlight.run(appKey(baseUrl, corpId, corpSecret), (signal) => fetchAccessToken(send, corpId, corpSecret, signal), request.signal);
}
