import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import type { HttpRequest, HttpResponse, Transport } from '../../core/http/transport';

export type N8nSend = (options: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>;

/** The core's transport over one of n8n's request helpers: n8n's proxy and logging apply. */
export function n8nHttpTransport(send: N8nSend): Transport {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const response = await send({
      method: request.method,
      url: request.url,
      qs: request.query,
      body: request.body as IHttpRequestOptions['body'],
      json: request.body !== undefined,
      timeout: request.timeoutMs,
      abortSignal: request.signal,
      returnFullResponse: true,
      // WeCom answers errors with HTTP 200 and an errcode; the core judges every status.
      ignoreHttpStatusErrors: true,
    });
    return { status: response.statusCode, body: response.body };
  };
}

/** Node's and axios's network error codes (ECONNRESET, ECONNABORTED, ERR_SOCKET_CONNECTION_TIMEOUT, ...). */
const NETWORK_CODE = /^(E[A-Z]+|ERR_[A-Z_]+)$/;

/**
 * n8n wraps request failures in NodeApiError; the core needs the original's `code`
 * (ECONNRESET and the like decide whether to retry). n8n-workflow 2.x's NodeApiError loses
 * `cause` (a class field declared after super() resets it) and rewrites the message, but
 * keeps the code in `httpCode` and the original message first in `messages`.
 */
export function originalError(error: unknown): unknown {
  if (typeof error !== 'object' || error === null) return error;
  const wrapped = error as { cause?: unknown; httpCode?: unknown; messages?: unknown; message?: unknown };
  if (wrapped.cause instanceof Error) return wrapped.cause;
  const code = wrapped.httpCode;
  if (typeof code !== 'string' || !NETWORK_CODE.test(code)) return error;
  const messages = Array.isArray(wrapped.messages) ? wrapped.messages : [];
  const message = typeof messages[0] === 'string' ? messages[0] : String(wrapped.message);
  return Object.assign(new Error(message), { code });
}
