import type { HttpRequest, HttpResponse, Transport } from '../../core/http/transport';

export type Reply = HttpResponse | Error | ((request: HttpRequest) => HttpResponse | Error | Promise<HttpResponse | Error>);

/** A transport that answers from a script and records what was sent. */
export function scriptedTransport(replies: Reply[], fallback?: Reply): Transport & { requests: HttpRequest[] } {
  const requests: HttpRequest[] = [];
  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    requests.push(request);
    const reply = replies.length > 0 ? replies.shift() : fallback;
    if (reply === undefined) throw new Error(`unexpected request to ${request.url}`);
    const answer = typeof reply === 'function' ? await reply(request) : reply;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return Object.assign(transport, { requests });
}

export function ok(body: Record<string, unknown> = {}): HttpResponse {
  return { status: 200, body: { errcode: 0, errmsg: 'ok', ...body } };
}

export function weComError(errcode: number, errmsg = `error ${errcode}`): HttpResponse {
  return { status: 200, body: { errcode, errmsg } };
}

export function networkError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code });
}
