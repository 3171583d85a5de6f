import { ENDPOINTS } from '../endpoints';
import { pagingError } from '../errors/pagingError';
import type { ApiCaller } from '../request/apiCaller';
import type { WeComBody } from '../request/sendRequest';

export interface Page {
  items: unknown[];
  total: number;
  nextOffset: number;
}

export interface PageRequest {
  /** The by-owner body without offset and limit. */
  body: Record<string, unknown>;
  pageSize: number;
  /** How many owners the body's filter names: every page but the last carries at least one, so never more pages. */
  maxPages: number;
  signal?: AbortSignal;
}

/**
 * Follows WeCom's `next_offset` until it reaches `total`, one page at a time. Every page
 * but the last must move `next_offset` forward and carry items, and there are at most
 * `maxPages`: a misbehaving server ends in a clear error, never in a loop.
 */
export async function* paginate(call: ApiCaller, request: PageRequest): AsyncGenerator<Page> {
  const { body, pageSize, maxPages, signal } = request;
  let offset = 0;
  for (let pages = 1; ; pages++) {
    const answer = await call({ endpoint: ENDPOINTS.byOwner, method: 'POST', body: { ...body, offset, limit: pageSize } }, signal);
    const page = readPage(answer);
    yield page;
    const { items, total, nextOffset } = page;
    if (nextOffset >= total) return;
    if (nextOffset <= offset) {
      throw pagingError(`next_offset ${nextOffset} does not move past offset ${offset} while total is ${total}`);
    }
    if (items.length === 0) {
      throw pagingError(`the page at offset ${offset} has no items although next_offset ${nextOffset} is below total ${total}`);
    }
    if (pages === maxPages) {
      throw pagingError(`next_offset ${nextOffset} is still below total ${total} after ${pages} pages, the most ${maxPages} owners can need`);
    }
    offset = nextOffset;
  }
}

function readPage(answer: WeComBody): Page {
  const { items, total, next_offset: nextOffset } = answer;
  if (!Array.isArray(items) || !Number.isInteger(total) || !Number.isInteger(nextOffset)) {
    throw pagingError('the answer lacks items, or a whole-number total and next_offset');
  }
  return { items, total: total as number, nextOffset: nextOffset as number };
}
