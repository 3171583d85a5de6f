import { DEFAULT_TIMEOUT_MS, normalizeBaseUrl, requireCorpId, requireCorpSecret } from '../connectionSettings';
import { ENDPOINTS } from '../endpoints';
import { WeComError } from '../errors/WeComError';
import type { Transport } from '../http/transport';
import { DEFAULT_RETRY } from '../request/retryPolicy';
import { sendWeComRequest, type PipelineConfig, type WeComBody, type WeComCall } from '../request/sendRequest';
import { appKey } from './tokenStore';

export interface AccessToken {
  token: string;
  /** Seconds, as WeCom says (7200 normally). */
  expiresIn: number;
}

/** One gettoken call through the given sender (which retries and checks errcode). */
export async function fetchAccessToken(
  send: (call: WeComCall) => Promise<WeComBody>,
  corpId: string,
  corpSecret: string,
): Promise<AccessToken> {
  const body = await send({ endpoint: ENDPOINTS.gettoken, method: 'GET', query: { corpid: corpId, corpsecret: corpSecret } });
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
}

// One gettoken in flight per app in this process: n8n runs preAuthentication for every
// execution that finds the stored token empty, and executions often start together.
const inFlight = new Map<string, Promise<AccessToken>>();

/**
 * gettoken with the settings checked, retries and redaction, for hosts that keep the token
 * themselves (n8n's credential). Callers asking for the same app while a gettoken is on its
 * way share it, its failure included.
 */
export function requestAccessToken(request: AccessTokenRequest): Promise<AccessToken> {
  const corpSecret = requireCorpSecret(request.corpSecret);
  const baseUrl = normalizeBaseUrl(request.baseUrl);
  const corpId = requireCorpId(request.corpId);
  const key = appKey(baseUrl, corpId, corpSecret);
  const pending = inFlight.get(key);
  if (pending) return pending;
  const pipeline: PipelineConfig = {
    baseUrl,
    transport: request.transport,
    timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: DEFAULT_RETRY,
    secrets: () => [corpSecret],
  };
  const fetching = fetchAccessToken((call) => sendWeComRequest(pipeline, call), corpId, corpSecret).finally(() => inFlight.delete(key));
  inFlight.set(key, fetching);
  return fetching;
}
