/**
 * How one HTTP request is sent. Hosts inject their own: n8n passes its request helpers
 * (so its proxy and logging settings apply), Node-RED and scripts use axios.
 */
export interface HttpRequest {
  method: 'GET' | 'POST';
  /** Absolute URL without a query string. */
  url: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface HttpResponse {
  status: number;
  /** Parsed JSON, or the raw text when the body is not JSON (a proxy's error page). */
  body: unknown;
  /**
   * The access token the request carried, when the host's transport chose it instead of
   * `query.access_token` (n8n fetches one for a request sent with none).
   */
  accessToken?: string;
}

/**
 * Resolves with any HTTP status (errors included); rejects only when no response came:
 * connection reset or refused, timeout, abort. Network errors should carry node's `code`
 * (ECONNRESET, ETIMEDOUT, ...).
 */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;
