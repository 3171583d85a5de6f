import type { DayRange } from '../dates/chinaDay';

/** WeCom answers at most 30 calendar days per call, both ends included. */
export const MAX_WINDOW_DAYS = 30;

/** Consecutive windows that cover the range exactly once, oldest first. */
export function splitIntoWindows(range: DayRange, maxDays = MAX_WINDOW_DAYS): DayRange[] {
  const windows: DayRange[] = [];
  for (let from = range.from; from <= range.to; from += maxDays) {
    windows.push({ from, to: Math.min(from + maxDays - 1, range.to) });
  }
  return windows;
}
