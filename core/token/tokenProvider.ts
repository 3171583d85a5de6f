/** What the request pipeline needs from whoever owns the access token. */
export interface TokenProvider {
  getToken(signal?: AbortSignal): Promise<string>;
  /**
   * WeCom rejected this token (40014 / 42001). Drop it unless it was already replaced, so
   * that many requests failing at once cause one refresh, not many.
   */
  invalidate(token: string): Promise<void>;
}
