import axios, { type AxiosInstance } from 'axios';
import type { HttpRequest, HttpResponse, Transport } from './transport';

/** The default transport for Node-RED and scripts. */
export function createAxiosTransport(instance: AxiosInstance = axios.create()): Transport {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const response = await instance.request<string>({
      method: request.method,
      url: request.url,
      params: request.query,
      data: request.body,
      timeout: request.timeoutMs,
      signal: request.signal,
      // The pipeline parses the body itself, so a malformed one is seen as such.
      responseType: 'text',
      transformResponse: [(data: string) => data],
      validateStatus: () => true,
    });
    return { status: response.status, body: response.data };
  };
}
