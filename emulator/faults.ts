import { FAULT_KINDS, FaultKind, FaultProbabilities } from './options';
import { WeComError, wecomError } from './rules';

/** What the server does instead of answering normally. */
export type FaultAction =
  | { kind: FaultKind; type: 'respond'; status: number; contentType: string; body: string; errcode?: number }
  | { kind: FaultKind; type: 'reset' }
  | { kind: FaultKind; type: 'hang' };

/** mulberry32: tiny, seedable, good enough to spread faults reproducibly. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function gatewayPage(status: number): string {
  const title = status === 502 ? '502 Bad Gateway' : '503 Service Temporarily Unavailable';
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>stgw</center>\r\n</body>\r\n</html>\r\n`;
}

function jsonError(kind: FaultKind, error: WeComError): FaultAction {
  return { kind, type: 'respond', status: 200, contentType: 'application/json', body: JSON.stringify(error), errcode: error.errcode };
}

export class FaultInjector {
  private readonly random: () => number;
  private http5xxCount = 0;
  private malformedCount = 0;

  constructor(private probabilities: FaultProbabilities, seed: number) {
    this.random = mulberry32(seed);
  }

  update(partial: Partial<FaultProbabilities>): void {
    this.probabilities = { ...this.probabilities, ...partial };
  }

  /** One draw per kind on every call keeps the sequence reproducible whatever the outcome. */
  decide(): FaultAction | undefined {
    let chosen: FaultKind | undefined;
    for (const kind of FAULT_KINDS) {
      const hit = this.random() < this.probabilities[kind];
      if (hit && chosen === undefined) chosen = kind;
    }
    return chosen === undefined ? undefined : this.action(chosen);
  }

  private action(kind: FaultKind): FaultAction {
    switch (kind) {
      case 'busy':
        return jsonError(kind, { errcode: -1, errmsg: 'system busy' });
      case 'rateLimited':
        return jsonError(kind, wecomError(45009));
      case 'concurrency':
        return jsonError(kind, wecomError(45033));
      case 'http5xx': {
        const status = this.http5xxCount++ % 2 === 0 ? 502 : 503;
        return { kind, type: 'respond', status, contentType: 'text/html', body: gatewayPage(status) };
      }
      case 'reset':
        return { kind, type: 'reset' };
      case 'timeout':
        return { kind, type: 'hang' };
      case 'malformed':
        // Both shapes reach clients in the wild: a cut-off JSON body, and a proxy page sent with 200.
        return this.malformedCount++ % 2 === 0
          ? { kind, type: 'respond', status: 200, contentType: 'application/json', body: '{"errcode":0,"errmsg":"ok","total":3,"next_offset":3,"items":[{"owner":"' }
          : { kind, type: 'respond', status: 200, contentType: 'text/html', body: gatewayPage(502) };
    }
  }
}
