import type { StatData } from '../core/records/fields';
import type { PagingSettings } from './options';

export interface OwnerRow {
  owner: string;
  data: StatData;
}

export interface ByOwnerPage {
  total: number;
  next_offset: number;
  items: OwnerRow[];
}

/**
 * One by-owner page cut from the ranked rows: at most `pageSizeCap` items, with the chosen
 * anomaly. Each anomaly depends only on the request, so a run meets it the same way every time:
 * - stuckOffset: a page that is not the last answers next_offset = the offset asked.
 * - emptyPage: a page that is not the last has no items (total and next_offset as usual).
 * - repeatedOwner: a page after the first is cut from an order where the two owners at its
 *   boundary swapped (as when ties are ordered differently between calls): it repeats the
 *   previous page's last owner, and the owner it displaced is never sent.
 * - changingTotal: when the owners span several pages even without the top-ranked one, the
 *   first page is read before that owner's figures "arrived": it counts and ranks the others.
 *   Later pages count everyone, so the rest shifts by one.
 */
export function servePage(rows: readonly OwnerRow[], offset: number, limit: number, paging: PagingSettings): ByOwnerPage {
  const size = paging.pageSizeCap > 0 ? Math.min(limit, paging.pageSizeCap) : limit;
  const { pagingAnomaly: anomaly } = paging;
  const view = anomaly === 'changingTotal' ? staleFirstPage(rows, offset, size) : anomaly === 'repeatedOwner' ? swappedAt(rows, offset) : rows;
  const next = Math.min(offset + size, view.length);
  const page = { total: view.length, next_offset: next, items: view.slice(offset, next) };
  if (next >= view.length) return page;
  if (anomaly === 'stuckOffset') return { ...page, next_offset: offset };
  if (anomaly === 'emptyPage') return { ...page, items: [] };
  return page;
}

function staleFirstPage(rows: readonly OwnerRow[], offset: number, size: number): readonly OwnerRow[] {
  return offset === 0 && rows.length - 1 > size ? rows.slice(1) : rows;
}

function swappedAt(rows: readonly OwnerRow[], offset: number): readonly OwnerRow[] {
  if (offset === 0 || offset >= rows.length) return rows;
  const view = [...rows];
  [view[offset - 1], view[offset]] = [view[offset], view[offset - 1]];
  return view;
}
