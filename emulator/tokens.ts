import { randomBytes } from 'crypto';

export type TokenCheck = 'ok' | 'missing' | 'invalid' | 'expired';

interface TokenState {
  expiresAt: number;
  revoked: boolean;
}

/**
 * Issues tokens like WeCom: while the current token is valid, gettoken hands it out again
 * with the remaining lifetime; once it has expired or been revoked, a new one is minted.
 */
export class TokenStore {
  private readonly tokens = new Map<string, TokenState>();
  private current: string | undefined;

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  issue(): { accessToken: string; expiresIn: number } {
    const now = this.now();
    if (this.current === undefined || this.check(this.current) !== 'ok') {
      this.current = randomBytes(64).toString('base64url');
      this.tokens.set(this.current, { expiresAt: now + this.lifetimeSeconds * 1000, revoked: false });
    }
    const state = this.tokens.get(this.current) as TokenState;
    return { accessToken: this.current, expiresIn: Math.ceil((state.expiresAt - now) / 1000) };
  }

  check(token: string | null | undefined): TokenCheck {
    if (!token) return 'missing';
    const state = this.tokens.get(token);
    if (!state || state.revoked) return 'invalid';
    return state.expiresAt <= this.now() ? 'expired' : 'ok';
  }

  expireAll(): void {
    const now = this.now();
    for (const state of this.tokens.values()) state.expiresAt = Math.min(state.expiresAt, now);
  }

  /** Every token handed out so far, so tests can prove none of them leaked. */
  issued(): string[] {
    return [...this.tokens.keys()];
  }

  revokeAll(): void {
    for (const state of this.tokens.values()) state.revoked = true;
  }
}
