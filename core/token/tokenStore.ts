import { createHash } from 'node:crypto';

/** Where access tokens are kept between calls. A host may persist them (get/set/delete). */

export interface CachedToken {
  token: string;
  /** Epoch ms at which WeCom stops accepting it. */
  expiresAt: number;
  /** Epoch ms after which a new one is fetched: some minutes before expiry. */
  refreshAt: number;
}

export interface TokenStore {
  get(key: string): CachedToken | undefined | Promise<CachedToken | undefined>;
  set(key: string, token: CachedToken): void | Promise<void>;
  delete(key: string): void | Promise<void>;
}

export class MemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, CachedToken>();

  get(key: string): CachedToken | undefined {
    return this.tokens.get(key);
  }

  set(key: string, token: CachedToken): void {
    this.tokens.set(key, token);
  }

  delete(key: string): void {
    this.tokens.delete(key);
  }
}

/** The process-wide default, so every client of one app shares one token. */
export const sharedTokenStore = new MemoryTokenStore();

/** Base URL + corp ID + a hash of the secret: one token per app, never mixed up. */
export function appKey(baseUrl: string, corpId: string, corpSecret: string): string {
  const secretHash = createHash('sha256').update(corpSecret).digest('hex').slice(0, 16);
  return `${baseUrl}|${corpId}|${secretHash}`;
}
