/**
 * Takes the network out: records every answer of a real run, then serves the same answers
 * at once, so a second run measures only the core's own work (pipeline, planner, executor,
 * record shaping).
 */
import type { HttpRequest, HttpResponse, Transport } from '../../core/http/transport';

function key(request: HttpRequest): string {
  // The token differs between runs; the question does not.
  const query = { ...request.query };
  delete query.access_token;
  return `${request.method} ${request.url} ${JSON.stringify(query)} ${JSON.stringify(request.body ?? null)}`;
}

export class AnswerRecorder {
  private readonly answers = new Map<string, HttpResponse>();

  /** Sends through `inner` and keeps the answer; a retried request keeps its last (good) one. */
  wrap(inner: Transport): Transport {
    return async (request) => {
      const response = await inner(request);
      this.answers.set(key(request), response);
      return response;
    };
  }

  /** Answers from what was recorded, with no I/O. */
  replay(): Transport {
    return async (request) => {
      const response = this.answers.get(key(request));
      if (!response) throw new Error(`no recorded answer for ${request.method} ${request.url}`);
      return response;
    };
  }
}
