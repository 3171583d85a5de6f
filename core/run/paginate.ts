import { WeComError } from '../errors/WeComError';
import { ENDPOINTS } from '../endpoints';
import type { ApiCaller } from '../request/apiCaller';

export interface Page {
  items: unknown[];
  offset: number;
  total: number;
  nextOffset: number;
}

/**
 * Follows WeCom's `next_offset` until it reaches `total`, one page at a time. Stops with
 * a clear error when a page does not move forward, so a misbehaving server cannot make
 * it loop.
 */
export async function* paginate(
  call: ApiCaller,
  body: Record<string, unknown>,
  pageSize: number,
  signal?: AbortSignal,
): AsyncGenerator<Page> {
  let offset = 0;
  for (;;) {
    const answer = await call({ endpoint: ENDPOINTS.byOwner, method: 'POST', body: { ...body, offset, limit: pageSize } }, signal);
    const { items, total, next_offset: nextOffset } = answer;
    if (!Array.isArray(items) || typeof total !== 'number' || typeof nextOffset !== 'number') {
      throw pagingError('the answer lacks items, total or next_offset');
    }
    yield { items, offset, total, nextOffset };
    if (nextOffset >= total) return;
    if (nextOffset <= offset) {
      throw pagingError(`next_offset ${nextOffset} does not move past offset ${offset} while total is ${total}`);
    }
    offset = nextOffset;
  }
}

function pagingError(errmsg: string): WeComError {
  return new WeComError({ kind: 'paging', errmsg, endpoint: ENDPOINTS.byOwner, attempts: 1 });
}
