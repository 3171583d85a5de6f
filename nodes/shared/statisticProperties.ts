import type { INodeProperties } from 'n8n-workflow';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../../core/connectionSettings';

/** The statistic node's and the trigger's parameters that mean the same in both. */
export const ownerProperties: INodeProperties[] = [
  {
    displayName: 'Owners',
    name: 'ownerSource',
    type: 'options',
    options: [
      {
        name: 'All Members With Customer Contact',
        value: 'all',
        description: 'Lists the owners with get_follow_user_list, then asks in batches of 100',
      },
      { name: 'Listed User IDs', value: 'list', description: 'The user IDs below' },
    ],
    default: 'all',
  },
  {
    displayName: 'User IDs',
    name: 'owners',
    type: 'string',
    typeOptions: { rows: 4 },
    default: '',
    required: true,
    displayOptions: { show: { ownerSource: ['list'] } },
    placeholder: 'zhangsan, lisi',
    description: 'Group owner user IDs, separated by commas or new lines, or an expression returning an array',
  },
];

export const concurrencyOption: INodeProperties = {
  displayName: 'Concurrency',
  name: 'concurrency',
  type: 'number',
  typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
  default: DEFAULT_CONCURRENCY,
  description: 'WeCom calls in flight at once; lowered automatically when WeCom says 45033',
};
