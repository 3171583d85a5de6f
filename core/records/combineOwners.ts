import { dayStartSeconds, formatDay, type DayRange } from '../dates/chinaDay';
import { rangeFields, rankOwners, type OwnerItem, type OwnerOrder } from './byOwner';
import { ADDED_FIELDS, type StatData } from './fields';
import type { OwnerRecord } from './records';

/** One owner over the windows seen so far: the `new_*` sums and the latest window's figures. */
interface Accumulator {
  owner: string;
  /** The figures of the latest window that has the owner, `new_*` summed over every window. */
  data: StatData;
  /** Index of that latest window. */
  latest: number;
  /** Bit i set: window i is counted (a repeated item must not be added twice). */
  seen: number;
}

/**
 * By owner over a range of several windows: one record per owner for the whole range.
 * `new_*` are summed over the windows; the other figures (WeCom's "截至当天") are taken from
 * the last window that has the owner, the day named by `as_of_date`. Batches may arrive in
 * any order; memory holds one accumulator per owner, not one per owner and window.
 */
export class OwnerCombiner {
  private readonly owners = new Map<string, Accumulator>();

  constructor(private readonly windows: readonly DayRange[]) {
    // `seen` is a 31-bit mask: 180 days make at most 7 windows.
    if (windows.length > 31) throw new RangeError(`at most 31 windows can be combined, got ${windows.length}`);
  }

  /** One batch's items of window `index`. */
  add(index: number, items: readonly OwnerItem[]): void {
    const bit = 1 << index;
    for (const { owner, data } of items) {
      const found = this.owners.get(owner);
      if (!found) {
        this.owners.set(owner, { owner, data: { ...data }, latest: index, seen: bit });
        continue;
      }
      if (found.seen & bit) continue;
      found.seen |= bit;
      const sums = ADDED_FIELDS.map((field) => found.data[field] + data[field]);
      if (index > found.latest) {
        found.data = { ...data };
        found.latest = index;
      }
      ADDED_FIELDS.forEach((field, i) => (found.data[field] = sums[i]));
    }
  }

  /** The combined records for `range`, ranked over the whole range (ties by owner ID) and cut to `limit`. */
  records(range: DayRange, order: OwnerOrder): OwnerRecord[] {
    const { start_date, end_date, day_begin_time, day_end_time } = rangeFields(range);
    return rankOwners([...this.owners.values()], order).map(({ owner, data, latest }) => {
      const asOf = this.windows[latest].to;
      return { owner, start_date, end_date, day_begin_time, day_end_time, as_of_date: formatDay(asOf), as_of_time: dayStartSeconds(asOf), data };
    });
  }
}
