import type { StatData } from './fields';

/**
 * By owner: one owner's figures for the whole requested range (combined, the default), or
 * for one window of up to 30 days (perWindow).
 */
export interface OwnerRecord {
  owner: string;
  /** First day of the range (or window), YYYY-MM-DD (China time). */
  start_date: string;
  /** Last day of the range (or window), included. */
  end_date: string;
  /** Midnight China time of start_date, epoch seconds (WeCom's day_begin_time). */
  day_begin_time: number;
  /** Midnight China time of end_date, epoch seconds (WeCom's day_end_time). */
  day_end_time: number;
  /**
   * Combined records only: the day the "as of" figures (all but new_*) describe, the last
   * day of the last window WeCom returned the owner in; end_date unless the owner was missing from the last window.
   */
  as_of_date?: string;
  /** Midnight China time of as_of_date, epoch seconds. */
  as_of_time?: number;
  data: StatData;
}

/** By day: one day's figures, summed over all requested owners. */
export interface DayRecord {
  /** YYYY-MM-DD (China time). */
  date: string;
  /** Midnight China time of the day, epoch seconds (WeCom's stat_time). */
  stat_time: number;
  /** How many owners were asked for: the sum covers their groups. */
  owner_count: number;
  data: StatData;
}

export type StatRecord = OwnerRecord | DayRecord;
