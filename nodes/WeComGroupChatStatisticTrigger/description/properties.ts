import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_READY_TIME, MAX_BACKFILL_DAYS } from '../../../core/history/dueDays';
import { concurrencyOption, ownerProperties } from '../../shared/statisticProperties';

export const properties: INodeProperties[] = [
  {
    displayName: 'Mode',
    name: 'mode',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'By Day', value: 'byDay', description: 'One item per day, all owners summed (statistic_group_by_day)' },
      { name: 'By Owner', value: 'byOwner', description: 'One item per group owner per day (statistic)' },
    ],
    default: 'byDay',
  },
  ...ownerProperties,
  {
    displayName: 'Start',
    name: 'start',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'Only New Days', value: 'now', description: 'From yesterday on, nothing older' },
      { name: 'Backfill Last Days', value: 'backfill', description: 'First the last N finished days, then every new day' },
      { name: 'From a Date', value: 'date', description: 'Every day from the Start Date on' },
    ],
    default: 'now',
    description: 'Where the history begins on the first poll. Later polls go on from the last day emitted.',
  },
  {
    displayName: 'Backfill Days',
    name: 'backfillDays',
    type: 'number',
    typeOptions: { minValue: 1, maxValue: MAX_BACKFILL_DAYS },
    default: 30,
    displayOptions: { show: { start: ['backfill'] } },
    description: `How many finished days the first poll emits, yesterday included (1-${MAX_BACKFILL_DAYS}: WeCom keeps 180 days)`,
  },
  {
    displayName: 'Start Date',
    name: 'startDate',
    type: 'dateTime',
    default: '',
    required: true,
    displayOptions: { show: { start: ['date'] } },
    description: 'The first day, read as a China date. Days older than WeCom keeps are reported as lost.',
  },
  {
    displayName: 'Ready Time',
    name: 'readyTime',
    type: 'string',
    default: DEFAULT_READY_TIME,
    placeholder: DEFAULT_READY_TIME,
    description: "China time (HH:MM, UTC+8) from which yesterday is emitted. WeCom builds a day's figures overnight.",
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [concurrencyOption],
  },
];
