import type { INodeProperties } from 'n8n-workflow';
import { concurrencyOption, ownerProperties } from '../../shared/statisticProperties';

const byOwner = { show: { mode: ['byOwner'] } };

export const properties: INodeProperties[] = [
  {
    displayName: 'Mode',
    name: 'mode',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'By Day', value: 'byDay', description: 'One item per day, all owners summed (statistic_group_by_day)' },
      { name: 'By Owner', value: 'byOwner', description: 'One item per group owner for the whole range (statistic)' },
    ],
    default: 'byDay',
  },
  {
    displayName: 'Date Range',
    name: 'dateRange',
    type: 'options',
    options: [
      // As people think of them, shortest first, Custom last; not alphabetical.
      { name: 'Yesterday', value: 'yesterday' },
      { name: 'Last 7 Days', value: 'last7Days' },
      { name: 'Last 30 Days', value: 'last30Days' },
      { name: 'Last 90 Days', value: 'last90Days' },
      { name: 'Last 180 Days', value: 'last180Days', description: 'Everything WeCom keeps' },
      { name: 'This Week', value: 'thisWeek', description: 'From Monday to yesterday' },
      { name: 'Last Week', value: 'lastWeek', description: 'Monday to Sunday' },
      { name: 'This Month', value: 'thisMonth', description: 'From the 1st to yesterday' },
      { name: 'Last Month', value: 'lastMonth' },
      { name: 'Custom', value: 'custom', description: 'From and To, both included' },
    ],
    default: 'yesterday',
    description: 'Days in China time (UTC+8). WeCom keeps the last 180 days, up to yesterday.',
  },
  {
    displayName: 'From',
    name: 'from',
    type: 'dateTime',
    default: '',
    required: true,
    displayOptions: { show: { dateRange: ['custom'] } },
    description: 'First day, read as a China date. Also YYYY-MM-DD, epoch seconds or an ISO date-time from an expression.',
  },
  {
    displayName: 'To',
    name: 'to',
    type: 'dateTime',
    default: '',
    displayOptions: { show: { dateRange: ['custom'] } },
    description: 'Last day, included. Empty means the same day as From.',
  },
  ...ownerProperties,
  {
    displayName: 'Sort By',
    name: 'orderBy',
    type: 'options',
    displayOptions: byOwner,
    options: [
      { name: 'Chats Total', value: 'chatTotal' },
      { name: 'Members Total', value: 'memberTotal' },
      { name: 'New Chats', value: 'newChatCount' },
      { name: 'New Members', value: 'newMemberCount' },
    ],
    default: 'newChatCount',
    description: 'The ranking of the owners over the whole range (or within each window, with Owner Records per window)',
  },
  {
    displayName: 'Sort Direction',
    name: 'sortDirection',
    type: 'options',
    displayOptions: byOwner,
    options: [
      { name: 'Descending', value: 'descending' },
      { name: 'Ascending', value: 'ascending' },
    ],
    default: 'descending',
  },
  {
    displayName: 'Return All',
    name: 'returnAll',
    type: 'boolean',
    displayOptions: byOwner,
    default: false,
    description: 'Whether to return all owners or only up to a given limit',
  },
  {
    displayName: 'Limit',
    name: 'limit',
    type: 'number',
    displayOptions: { show: { mode: ['byOwner'], returnAll: [false] } },
    typeOptions: { minValue: 1, maxValue: 1000 },
    default: 50,
    description: 'Max number of results to return (the top owners of the range, or of each window with Owner Records per window)',
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Clamp to Available Days',
        name: 'clamp',
        type: 'boolean',
        default: false,
        description: 'Whether to shrink the range to the last 180 days up to yesterday instead of failing',
      },
      concurrencyOption,
      {
        displayName: 'Output',
        name: 'output',
        type: 'options',
        options: [
          { name: 'Flat', value: 'flat', description: 'Figures at the top level, with dates as YYYY-MM-DD and timestamps' },
          { name: 'Raw WeCom Shape', value: 'raw', description: '{owner, data} or {stat_time, data}, as WeCom returns them' },
        ],
        default: 'flat',
      },
      {
        displayName: 'Owner Records',
        name: 'ownerRecords',
        type: 'options',
        displayOptions: { show: { '/mode': ['byOwner'] } },
        options: [
          {
            name: 'One per Owner for the Whole Range',
            value: 'combined',
            description: 'New chats and members summed over the range; the other figures as of its last day',
          },
          {
            name: 'One per Owner per 30-Day Window',
            value: 'perWindow',
            description: "WeCom's own figures for each window of up to 30 days, ranked and limited per window",
          },
        ],
        default: 'combined',
      },
    ],
  },
];
