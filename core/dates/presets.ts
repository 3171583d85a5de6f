import { optionRef, say } from '../errors/inputFields';
import { InvalidInputError } from '../errors/WeComError';
import { calendarParts, dayOfCalendarDate, formatDay, type ChinaDay, type DayRange } from './chinaDay';

/** Named ranges. Each ends no later than yesterday: WeCom has no data for today. */
export const DATE_PRESETS = [
  'yesterday',
  'last7Days',
  'last30Days',
  'last90Days',
  'last180Days',
  'thisWeek',
  'lastWeek',
  'thisMonth',
  'lastMonth',
] as const;

export type DatePreset = (typeof DATE_PRESETS)[number];

export function isDatePreset(value: unknown): value is DatePreset {
  return typeof value === 'string' && (DATE_PRESETS as readonly string[]).includes(value);
}

/** The days a preset covers, relative to `today` (China time). Weeks start on Monday. */
export function presetRange(preset: DatePreset, today: ChinaDay): DayRange {
  const yesterday = today - 1;
  const { weekday, year, month, dayOfMonth } = calendarParts(today);
  const monday = today - (weekday - 1);
  const firstOfMonth = today - (dayOfMonth - 1);
  switch (preset) {
    case 'yesterday':
      return { from: yesterday, to: yesterday };
    case 'last7Days':
      return { from: today - 7, to: yesterday };
    case 'last30Days':
      return { from: today - 30, to: yesterday };
    case 'last90Days':
      return { from: today - 90, to: yesterday };
    case 'last180Days':
      return { from: today - 180, to: yesterday };
    case 'thisWeek':
      if (monday === today) throw noDayYet('thisWeek', 'it is Monday', today);
      return { from: monday, to: yesterday };
    case 'lastWeek':
      return { from: monday - 7, to: monday - 1 };
    case 'thisMonth':
      if (firstOfMonth === today) throw noDayYet('thisMonth', 'it is the first day of the month', today);
      return { from: firstOfMonth, to: yesterday };
    case 'lastMonth': {
      const from = month === 1 ? dayOfCalendarDate(year - 1, 12, 1) : dayOfCalendarDate(year, month - 1, 1);
      return { from: from as ChinaDay, to: firstOfMonth - 1 };
    }
  }
}

function noDayYet(preset: DatePreset, why: string, today: ChinaDay): InvalidInputError {
  return new InvalidInputError(
    'preset',
    say`${optionRef('preset', preset)} has no finished day yet: ${why} in China (${formatDay(today)}) and WeCom has no data for today`,
    say`${optionRef('preset', 'yesterday')}, ${optionRef('preset', 'lastWeek')} or ${optionRef('preset', 'lastMonth')} on such days`,
  );
}
