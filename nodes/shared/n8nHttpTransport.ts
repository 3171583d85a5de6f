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
 * n8n wraps request failures in NodeApiError; the core needs the original (its `code`,
 * ECONNRESET and the like, decides whether to retry).
 */
export function originalError(error: unknown): unknown {
  const cause = (error as { cause?: unknown })?.cause;
  return cause instanceof Error ? cause : error;
}
