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

/**
 * n8n wraps request failures in NodeApiError; the core needs the network code (ECONNRESET
 * and the like) to decide whether to retry. n8n keeps the original error as `cause`, or, as
 * n8n 2.x does for a dropped connection, only its code as `httpCode`.
 */
export function originalError(error: unknown): unknown {
  const { cause, httpCode, message } = (error ?? {}) as { cause?: unknown; httpCode?: unknown; message?: unknown };
  if (cause instanceof Error) return cause;
  if (typeof httpCode === 'string' && /^E[A-Z_]+$/.test(httpCode)) return Object.assign(new Error(String(message)), { code: httpCode });
  return error;
}
