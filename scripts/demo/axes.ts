/** The report's axes: round steps from zero up the Y axis, a tick per Monday along the X axis. */
import { calendarParts, parseDay } from '../../core/dates/chinaDay';

/**
 * Ticks from 0 to the first one at or above `max`, `target` intervals at most. The step is
 * the smallest 1, 2 or 5 x 10^n that fits, and at least 1 (the figures are counts): from
 * 10 up that gives 4 to 6 ticks for the default target of 5.
 */
export function niceTicks(max: number, target = 5): number[] {
  const rough = Math.max(max, 1) / target;
  const power = 10 ** Math.floor(Math.log10(rough));
  // 10 x power is always >= rough, even if log10 rounds a power of ten down.
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const intervals = Math.max(1, Math.ceil(max / step));
  return Array.from({ length: intervals + 1 }, (_, i) => i * step);
}

/** The positions of the Mondays among YYYY-MM-DD dates: a tick per week. */
export function mondays(dates: readonly string[]): number[] {
  return dates.flatMap((date, i) => {
    const day = parseDay(date);
    return day !== undefined && calendarParts(day).weekday === 1 ? [i] : [];
  });
}
