import { formatDay, parseDay, todayInChina, type ChinaDay } from '../../core/dates/chinaDay';
import { RETENTION_DAYS } from '../../core/dates/dayRange';
import { presetRange } from '../../core/dates/presets';
import { splitIntoWindows } from '../../core/plan/windows';

/** A by-owner range the real hosts are asked for, on the real clock. */
export interface RealRange {
  id: string;
  /** A Date Range preset, or none for custom From/To. */
  preset?: 'lastMonth' | 'last90Days';
  from: string;
  to: string;
  windows: number;
}

function range(id: string, preset: RealRange['preset'], from: ChinaDay, to: ChinaDay): RealRange {
  return { id, preset, from: formatDay(from), to: formatDay(to), windows: splitIntoWindows({ from, to }).length };
}

/** The latest 31-day calendar month WeCom still keeps whole: two windows, days 1-30 and day 31, as Last Month gives in such a month. */
function last31DayMonth(today: ChinaDay): RealRange {
  const [year, month] = formatDay(today).split('-').map(Number);
  for (let back = 1; ; back++) {
    const first = new Date(Date.UTC(year, month - 1 - back, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    const [from, to] = [first, last].map((d) => parseDay(d.toISOString().slice(0, 10)) as ChinaDay);
    if (last.getUTCDate() === 31 && from >= today - RETENTION_DAYS) return range('a 31-day month', undefined, from, to);
  }
}

const today = todayInChina();
const lastMonth = presetRange('lastMonth', today);
const last90 = presetRange('last90Days', today);

export const RANGES: RealRange[] = [
  range('Last Month', 'lastMonth', lastMonth.from, lastMonth.to),
  last31DayMonth(today),
  range('Last 90 Days', 'last90Days', last90.from, last90.to),
];

/** The minimum statistic calls of one node over `range`: windows x batches x one page. */
export const statisticCallsOf = (range: RealRange, owners: number): number => range.windows * Math.ceil(owners / 100);
