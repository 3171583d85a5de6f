import type { WeComBody, WeComCall } from '../request/sendRequest';
import { SharedTasks } from '../util/sharedTasks';
import { fetchAccessToken } from './gettoken';
import type { TokenProvider } from './tokenProvider';
import { appKey, sharedTokenStore, type CachedToken, type TokenStore } from './tokenStore';

export interface TokenManagerOptions {
  corpId: string;
  corpSecret: string;
  baseUrl: string;
  /** Sends gettoken with retries; no token involved. */
  send: (call: WeComCall, signal?: AbortSignal) => Promise<WeComBody>;
  store?: TokenStore;
  /** Fetch a new token this long before expiry (capped at half the lifetime). */
  refreshMarginMs?: number;
  now?: () => number;
}

export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

// One gettoken in flight per store and key, shared by every manager in the process.
const inFlight = new WeakMap<TokenStore, SharedTasks<string>>();

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
    let shared = inFlight.get(this.store);
    if (!shared) inFlight.set(this.store, (shared = new SharedTasks()));
    return shared.run(this.cacheKey, (fetchSignal) => this.fetchToken(fetchSignal), signal);
  }

  async invalidate(token: string): Promise<void> {
    const cached = await this.store.get(this.cacheKey);
    if (cached?.token === token) await this.store.delete(this.cacheKey);
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    const { token, expiresIn } = await fetchAccessToken(this.options.send, this.options.corpId, this.options.corpSecret, signal);
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
