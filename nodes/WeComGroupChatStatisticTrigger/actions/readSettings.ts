import type { IPollFunctions } from 'n8n-workflow';
import { formatDay } from '../../../core/dates/chinaDay';
import { parseDateInput } from '../../../core/dates/parseDate';
import { describeValue } from '../../../core/errors/describeValue';
import { InvalidInputError } from '../../../core/errors/WeComError';
import type { HistorySettings, HistoryStart } from '../../../core/history/dueDays';
import type { HistoryQuery } from '../../../core/history/fetchDays';
import { ALL_OWNERS, normalizeOwners } from '../../../core/query/owners';
import { MODES } from '../../../core/query/query';

export interface TriggerSettings {
  history: HistorySettings;
  query: HistoryQuery;
  concurrency?: number;
}

/** The trigger's parameters, checked before any call; errors name the field. */
export function readSettings(context: IPollFunctions): TriggerSettings {
  const param = <T>(name: string, fallback?: T): T => context.getNodeParameter(name, fallback) as T;
  const mode = param<string>('mode');
  if (!(MODES as readonly string[]).includes(mode)) throw new InvalidInputError('mode', `${describeValue(mode)} is not a mode`, 'byDay, byOwner');
  const owners = param<string>('ownerSource') === 'all' ? ALL_OWNERS : normalizeOwners(param<unknown>('owners'));
  const options = param<{ concurrency?: number }>('options', {});
  return {
    history: { start: readStart(param), readyTime: param<string>('readyTime', '') },
    query: { mode, owners },
    concurrency: options.concurrency,
  };
}

function readStart(param: <T>(name: string, fallback?: T) => T): HistoryStart {
  const from = param<string>('start');
  if (from === 'backfill') return { from, days: param<number>('backfillDays') };
  if (from === 'date') return { from, date: formatDay(parseDateInput(param<unknown>('startDate'), 'startDate')) };
  // Anything else goes to the core, which names it.
  return { from } as HistoryStart;
}
