import type { WeComBody, WeComCall } from '../request/sendRequest';
import { abortError } from '../util/abort';
import { fetchAccessToken } from './gettoken';
import type { TokenProvider } from './tokenProvider';
import { appKey, sharedTokenStore, type CachedToken, type TokenStore } from './tokenStore';

export interface TokenManagerOptions {
  corpId: string;
  corpSecret: string;
  baseUrl: string;
  /** Sends gettoken with retries; no token involved. */
  send: (call: WeComCall) => Promise<WeComBody>;
  store?: TokenStore;
  /** Fetch a new token this long before expiry (capped at half the lifetime). */
  refreshMarginMs?: number;
  now?: () => number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

// One gettoken in flight per store and key, shared by every manager in the process.
const inFlight = new WeakMap<TokenStore, Map<string, Promise<string>>>();

/** Gets, caches, shares and refreshes the access token of one app secret. */
export class TokenManager implements TokenProvider {
  /** Base URL + corp ID + a hash of the secret: one token per app, never mixed up. */
  readonly cacheKey: string;
  private readonly store: TokenStore;
  private readonly now: () => number;
  private readonly refreshMarginMs: number;

  constructor(private readonly options: TokenManagerOptions) {
    this.cacheKey = appKey(options.baseUrl, options.corpId, options.corpSecret);
    this.store = options.store ?? sharedTokenStore;
    this.now = options.now ?? Date.now;
    this.refreshMarginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    const cached = await this.store.get(this.cacheKey);
    if (cached && this.now() < cached.refreshAt) return cached.token;
    return waitOrAbort(this.fetchShared(), signal);
  }

  async invalidate(token: string): Promise<void> {
    const cached = await this.store.get(this.cacheKey);
    if (cached?.token === token) await this.store.delete(this.cacheKey);
  }

  private fetchShared(): Promise<string> {
    let pending = inFlight.get(this.store);
    if (!pending) inFlight.set(this.store, (pending = new Map()));
    const existing = pending.get(this.cacheKey);
    if (existing) return existing;
    // Not tied to one caller's signal: other callers may still be waiting for it.
    const fetching = this.fetchToken().finally(() => pending.delete(this.cacheKey));
    pending.set(this.cacheKey, fetching);
    return fetching;
  }

  private async fetchToken(): Promise<string> {
    const { token, expiresIn } = await fetchAccessToken(this.options.send, this.options.corpId, this.options.corpSecret);
    const obtainedAt = this.now();
    const lifetimeMs = expiresIn * 1000;
    const entry: CachedToken = {
      token,
      expiresAt: obtainedAt + lifetimeMs,
      refreshAt: obtainedAt + lifetimeMs - Math.min(this.refreshMarginMs, lifetimeMs / 2),
    };
    await this.store.set(this.cacheKey, entry);
    return token;
  }
}

function waitOrAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
