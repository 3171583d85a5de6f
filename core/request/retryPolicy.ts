/** Which failures are worth another try, and how long to wait before it. */

export interface RetryOptions {
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff for transient failures; doubles each retry. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** First backoff after 45009: WeCom blocks for the rest of the rate window. */
  rateLimitDelayMs: number;
  maxRateLimitDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = {
  retries: 3,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  rateLimitDelayMs: 20_000,
  maxRateLimitDelayMs: 60_000,
};

export type RetryReason = 'busy' | 'rate-limited' | 'too-concurrent' | 'http' | 'network' | 'malformed';

const RETRYABLE_ERRCODES: Record<number, RetryReason> = {
  [-1]: 'busy',
  45009: 'rate-limited',
  45033: 'too-concurrent',
};

const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function retryReasonForErrcode(errcode: number): RetryReason | undefined {
  return RETRYABLE_ERRCODES[errcode];
}

export function isRetryableHttpStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

export function isRetryableNetworkCode(code: string | undefined): boolean {
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

/**
 * Exponential backoff with "equal jitter": half fixed, half random, so clients that failed
 * together do not retry together. `retry` counts from 1.
 */
export function backoffDelay(
  retry: number,
  reason: RetryReason,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const rateLimited = reason === 'rate-limited';
  const base = rateLimited ? options.rateLimitDelayMs : options.baseDelayMs;
  const cap = rateLimited ? options.maxRateLimitDelayMs : options.maxDelayMs;
  const delay = Math.min(cap, base * 2 ** (retry - 1));
  return Math.round(delay / 2 + (random() * delay) / 2);
}
