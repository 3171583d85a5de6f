import { pagingError } from '../errors/pagingError';
import { readOwnerItems, type OwnerItem } from '../records/byOwner';
import { sameStatData } from '../records/fields';
import type { ApiCaller } from '../request/apiCaller';
import { paginate } from './paginate';

export interface OwnerBatchRequest {
  /** The window and sort fields, without owner_filter, offset and limit. */
  body: Record<string, unknown>;
  owners: readonly string[];
  pageSize: number;
  signal?: AbortSignal;
  /** Called before each call beyond the batch's first. */
  onExtraCall?: () => void;
}

/**
 * One owner batch of one window: each owner once, exactly as many as WeCom counts.
 * - A repeated owner is kept once. Both copies answer the same query, so they must agree:
 *   different figures mean the data changed while it was read, and the run fails.
 * - `total` may change between pages: the latest one ends the paging and is checked.
 * - Offset paging over a shifting order repeats one owner and skips another: owners that
 *   WeCom counted but did not send are asked for again by ID, round after round while a
 *   round brings a new owner (so at most one round per owner).
 * - Any other count of distinct owners than `total` fails: never a short or padded answer.
 */
export async function fetchOwnerBatch(call: ApiCaller, request: OwnerBatchRequest): Promise<OwnerItem[]> {
  const found = new Map<string, OwnerItem>();
  const keep = (item: OwnerItem): void => {
    const first = found.get(item.owner);
    if (!first) found.set(item.owner, item);
    else if (!sameStatData(first.data, item.data)) {
      throw pagingError(`owner ${item.owner} came back twice with different figures, so the data changed while it was read`);
    }
  };
  /** Pages through one owner filter; resolves with WeCom's last total for it. */
  const read = async (owners: readonly string[]): Promise<number> => {
    const body = { ...request.body, owner_filter: { userid_list: owners } };
    let total = 0;
    for await (const page of paginate(call, { body, pageSize: request.pageSize, maxPages: owners.length, signal: request.signal })) {
      for (const item of readOwnerItems(page.items)) keep(item);
      total = page.total;
      if (page.nextOffset < page.total) request.onExtraCall?.();
    }
    return total;
  };

  const total = await read(request.owners);
  let missing = request.owners.filter((owner) => !found.has(owner));
  let askedAgain = false;
  while (found.size < total && missing.length > 0) {
    const before = found.size;
    request.onExtraCall?.();
    askedAgain = true;
    await read(missing);
    if (found.size === before) break;
    missing = missing.filter((owner) => !found.has(owner));
  }
  if (found.size !== total) {
    const again = askedAgain ? ', also after asking again for the owners it did not send' : '';
    throw pagingError(`WeCom counted ${total} owners but its pages held ${found.size} distinct owners${again}`);
  }
  return [...found.values()];
}
