import { DEFAULT_TIMEOUT_MS } from '../../../core/connectionSettings';
import { ENDPOINTS } from '../../../core/endpoints';
import { DEFAULT_RETRY } from '../../../core/request/retryPolicy';
import type { WeComErrorKind } from '../../../core/errors/WeComError';
import type { FaultKind } from '../../../emulator';
import type { Job } from './jobs';

/** One statistic call (two listed owners, yesterday), so one chain of retries decides the run. */
export const ONE_CALL: Job = { mode: 'byDay', preset: 'yesterday', owners: 'owner_00001,owner_00002' };

export interface ExhaustCase {
  name: string;
  kind: FaultKind;
  /** Faults on gettoken too: then the token is what cannot be had. */
  onGettoken: boolean;
  endpoint: string;
  errcode?: number;
  /** The WeComError kind the failure must be reported as. */
  failure: WeComErrorKind;
  /** What the error message must say about the failure itself. */
  says: RegExp;
}

/** Every fault kind on every request of one endpoint, more often than the retries allow. */
export const EXHAUST_CASES: ExhaustCase[] = [
  { name: 'busy (-1)', kind: 'busy', onGettoken: false, endpoint: ENDPOINTS.byDay, errcode: -1, failure: 'api', says: /errcode -1/ },
  { name: 'rate limited (45009)', kind: 'rateLimited', onGettoken: false, endpoint: ENDPOINTS.byDay, errcode: 45009, failure: 'api', says: /errcode 45009/ },
  { name: 'too concurrent (45033)', kind: 'concurrency', onGettoken: false, endpoint: ENDPOINTS.byDay, errcode: 45033, failure: 'api', says: /errcode 45033/ },
  { name: 'HTTP 502/503', kind: 'http5xx', onGettoken: false, endpoint: ENDPOINTS.byDay, failure: 'http', says: /HTTP 50[23]/ },
  { name: 'reset connections', kind: 'reset', onGettoken: false, endpoint: ENDPOINTS.byDay, failure: 'network', says: /ECONNRESET/ },
  { name: 'requests never answered', kind: 'timeout', onGettoken: false, endpoint: ENDPOINTS.byDay, failure: 'network', says: /ECONNABORTED: timeout of \d+ms exceeded/ },
  { name: 'malformed bodies', kind: 'malformed', onGettoken: false, endpoint: ENDPOINTS.byDay, failure: 'malformed', says: /not WeCom JSON/ },
  { name: 'busy gettoken', kind: 'busy', onGettoken: true, endpoint: ENDPOINTS.gettoken, errcode: -1, failure: 'api', says: /errcode -1/ },
  { name: 'reset gettoken', kind: 'reset', onGettoken: true, endpoint: ENDPOINTS.gettoken, failure: 'network', says: /ECONNRESET/ },
];

/** The product's attempts: the first plus every retry. */
export const ATTEMPTS = DEFAULT_RETRY.retries + 1;

/**
 * How long a call takes to fail for good under the (scaled) defaults: each backoff is half
 * fixed, half random ("equal jitter"), and a hung attempt costs the whole timeout.
 */
export function timeToFail(kind: FaultKind): { minMs: number; maxMs: number } {
  const rateLimited = kind === 'rateLimited';
  const base = rateLimited ? DEFAULT_RETRY.rateLimitDelayMs : DEFAULT_RETRY.baseDelayMs;
  const cap = rateLimited ? DEFAULT_RETRY.maxRateLimitDelayMs : DEFAULT_RETRY.maxDelayMs;
  let backoff = 0;
  for (let retry = 1; retry <= DEFAULT_RETRY.retries; retry++) backoff += Math.min(cap, base * 2 ** (retry - 1));
  const hung = kind === 'timeout' ? ATTEMPTS * DEFAULT_TIMEOUT_MS : 0;
  return { minMs: hung + Math.floor(backoff / 2), maxMs: hung + backoff };
}

/** Room for the host around the calls (engine, flow, 2 busy cores): far below any real backoff. */
export const HOST_SLACK_MS = 1500;
