import type { InputField, InputLabels } from '../../core/errors/inputFields';
import { InvalidInputError } from '../../core/errors/WeComError';
import config from './locales/en-US/wecom-config.json';
import statistic from './locales/en-US/wecom-groupchat-statistic.json';

// English, as the rest of the core's messages: the labels of the en-US catalog.
const node = statistic['wecom-groupchat-statistic'].label;
const connection = config['wecom-config'].label;

/** The core's fields by the labels of the statistic node's and the config node's dialogs. */
export const NODE_RED_LABELS: InputLabels = {
  fields: {
    mode: node.mode,
    preset: node.dateRange,
    dates: node.dateRange,
    from: node.from,
    to: node.to,
    clamp: node.clamp,
    ownerSource: node.ownerSource,
    owners: node.owners,
    orderBy: node.orderBy,
    ascending: node.sortDirection,
    limit: node.limit,
    ownerRecords: node.ownerRecords,
    concurrency: node.concurrency,
    baseUrl: connection.baseUrl,
    corpId: connection.corpId,
    corpSecret: connection.corpSecret,
    start: node.historyStart,
    backfillDays: node.backfillDays,
    startDate: node.startDate,
    readyTime: node.readyTime,
    // Kept in the node's context: no dialog shows it.
    cursor: 'Last day delivered (node context)',
  } satisfies Record<InputField, string>,
  options: { preset: statistic['wecom-groupchat-statistic'].dateRange },
};

/** Bad input named as the dialogs name it; any other failure as it is. */
export function withNodeRedLabels(error: unknown): unknown {
  return error instanceof InvalidInputError ? error.withLabels(NODE_RED_LABELS) : error;
}
