import { describeValue } from '../errors/describeValue';
import { ref, say } from '../errors/inputFields';
import { InvalidInputError } from '../errors/WeComError';
import { formatDay, todayInChina, type ChinaDay, type DayRange } from './chinaDay';
import { parseDateInput } from './parseDate';
import { DATE_PRESETS, isDatePreset, presetRange } from './presets';

/** WeCom keeps the 180 days before today, and nothing of today. */
export const RETENTION_DAYS = 180;

export interface DateRangeInput {
  /** A preset name; checked, so hosts may pass what they received. */
  preset?: unknown;
  from?: unknown;
  /** Defaults to `from`: one day, as WeCom does. */
  to?: unknown;
  /** Shrink the range to the days WeCom keeps instead of failing. */
  clamp?: boolean;
}

export function availableRange(today: ChinaDay): DayRange {
  return { from: today - RETENTION_DAYS, to: today - 1 };
}

/** Turns a preset or From/To into days WeCom can answer for, or says why not. */
export function resolveDateRange(input: DateRangeInput, now: () => number = Date.now): DayRange {
  const today = todayInChina(now);
  const requested = requestedRange(input, today);
  const available = availableRange(today);
  if (input.clamp) {
    const clamped = { from: Math.max(requested.from, available.from), to: Math.min(requested.to, available.to) };
    if (clamped.from > clamped.to) {
      throw new InvalidInputError(
        'dates',
        `${describe(requested)} has no day that WeCom keeps`,
        `days from ${describe(available)} (the last ${RETENTION_DAYS} days up to yesterday, China time)`,
      );
    }
    return clamped;
  }
  if (requested.to > available.to) {
    // Blame From when it is itself too late: also when To was left empty and took its day.
    const field = requested.from > available.to ? 'from' : 'to';
    const day = field === 'from' ? requested.from : requested.to;
    throw new InvalidInputError(
      field,
      `${formatDay(day)} is today or later in China time, and WeCom has data only up to yesterday`,
      say`a day up to ${formatDay(available.to)}, or turn on ${ref('clamp')}`,
    );
  }
  if (requested.from < available.from) {
    throw new InvalidInputError(
      'from',
      `${formatDay(requested.from)} is more than ${RETENTION_DAYS} days ago, and WeCom keeps only the last ${RETENTION_DAYS} days`,
      say`a day from ${formatDay(available.from)}, or turn on ${ref('clamp')}`,
    );
  }
  return requested;
}

// Hosts send blank fields as '' or null: they mean "not given".
const isBlank = (value: unknown): boolean => value === undefined || value === null || value === '';

function requestedRange(input: DateRangeInput, today: ChinaDay): DayRange {
  const hasDates = !isBlank(input.from) || !isBlank(input.to);
  if (!isBlank(input.preset)) {
    if (!isDatePreset(input.preset)) {
      throw new InvalidInputError('preset', `${describeValue(input.preset)} is not a preset`, DATE_PRESETS.join(', '));
    }
    if (hasDates) {
      throw new InvalidInputError('dates', say`both a preset and ${ref('from')}/${ref('to')} were given`, say`either a preset or ${ref('from')}/${ref('to')}`);
    }
    return presetRange(input.preset, today);
  }
  if (isBlank(input.from)) {
    throw new InvalidInputError('from', 'it is missing', say`a ${ref('from')} date, or a ${ref('preset')} preset (${DATE_PRESETS.join(', ')})`);
  }
  const from = parseDateInput(input.from, 'from');
  const to = isBlank(input.to) ? from : parseDateInput(input.to, 'to');
  if (from > to) {
    throw new InvalidInputError('from', say`${formatDay(from)} is after ${ref('to')} (${formatDay(to)})`, say`a ${ref('from')} on or before ${ref('to')}`);
  }
  return { from, to };
}

function describe(range: DayRange): string {
  return `${formatDay(range.from)} to ${formatDay(range.to)}`;
}
