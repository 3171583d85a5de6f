/** Workflows the end-to-end suite imports into real n8n. Ids are at most 21 characters. */

export const CREDENTIAL = { id: 'wecomEmulator0001', name: 'WeCom emulator' };
export const WRONG_CREDENTIAL = { id: 'wecomWrongSecret01', name: 'WeCom wrong secret' };
export const NO_TOKEN_CREDENTIAL = { id: 'wecomNoToken00001', name: 'WeCom whose gettoken fails' };
const STATS_TYPE = 'n8n-nodes-wecom-groupchat.weComGroupChatStatistic';

type Node = { name: string; type: string; typeVersion: number; parameters: Record<string, unknown>; credentials?: object; disabled?: boolean; webhookId?: string };

function workflow(id: string, nodes: Node[]): object {
  const connections: Record<string, object> = {};
  for (let i = 0; i < nodes.length - 1; i++) {
    connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
  }
  return {
    id,
    name: id,
    active: false,
    settings: { executionOrder: 'v1' },
    connections,
    nodes: nodes.map((node, i) => ({ id: `${id}-${i}`, position: [i * 220, 0], ...node })),
  };
}

const manual: Node = { name: 'Manual', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };

function stats(parameters: Record<string, unknown>, credential = CREDENTIAL): Node {
  return { name: 'Stats', type: STATS_TYPE, typeVersion: 1, parameters, credentials: { weComApi: credential } };
}

// 95 days ending yesterday, as China dates: n8n runs with GENERIC_TIMEZONE=Asia/Shanghai.
const last95Days = {
  dateRange: 'custom',
  from: "={{ $today.minus({ days: 95 }).toFormat('yyyy-MM-dd') }}",
  to: "={{ $today.minus({ days: 1 }).toFormat('yyyy-MM-dd') }}",
};

export const OWNERS_250 = "={{ Array.from({ length: 250 }, (_, i) => 'owner_' + String(i + 1).padStart(5, '0')) }}";

export const byDay95All = workflow('e2eByDay95All', [manual, stats({ mode: 'byDay', ...last95Days, ownerSource: 'all' })]);

export const byOwner95Listed = workflow('e2eByOwner95Listed', [
  manual,
  stats({ mode: 'byOwner', ...last95Days, ownerSource: 'list', owners: OWNERS_250, returnAll: true }),
]);

export const toCsv = workflow('e2eToCsv', [
  manual,
  stats({ mode: 'byDay', dateRange: 'last7Days', ownerSource: 'all' }),
  { name: 'CSV', type: 'n8n-nodes-base.convertToFile', typeVersion: 1.1, parameters: { operation: 'csv', options: {} } },
]);

export function toHttp(sinkUrl: string): object {
  return workflow('e2eToHttp', [
    manual,
    stats({ mode: 'byOwner', dateRange: 'yesterday', ownerSource: 'all', orderBy: 'memberTotal', returnAll: false, limit: 5 }),
    {
      name: 'Post',
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 4.2,
      parameters: { method: 'POST', url: `${sinkUrl}/report`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
    },
  ]);
}

export const yesterdayByDay = workflow('e2eYesterday', [manual, stats({ mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all' })]);

export const wrongSecret = workflow('e2eWrongSecret', [
  manual,
  stats({ mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all' }, WRONG_CREDENTIAL),
]);

export const noToken = workflow('e2eNoToken', [
  manual,
  stats({ mode: 'byDay', dateRange: 'yesterday', ownerSource: 'all' }, NO_TOKEN_CREDENTIAL),
]);

/** The last 180 days for 250 listed owners (6 windows x 3 batches): the first wave of statistic calls asks for the token. */
export const listed180 = (mode: 'byDay' | 'byOwner') =>
  workflow(`e2e${mode}180Listed`, [manual, stats({ mode, dateRange: 'last180Days', ownerSource: 'list', owners: OWNERS_250, returnAll: true })]);

/** Each poll's seconds listed: n8n refuses a '*' in a poll's seconds field, not a list. */
export const EVERY_10_SECONDS = '0,10,20,30,40,50 * * * * *';

/** The statistic trigger, backfilling two days (or from `startDate`) and polling every 10 seconds -> each item posted to the sink. */
export function historyToHttp(sinkUrl: string, startDate?: string): object {
  const start = startDate ? { start: 'date', startDate } : { start: 'backfill', backfillDays: 2 };
  return workflow(startDate ? 'e2eHistoryFromDate' : 'e2eHistoryToHttp', [
    {
      name: 'WeCom Trigger',
      type: 'n8n-nodes-wecom-groupchat.weComGroupChatStatisticTrigger',
      typeVersion: 1,
      parameters: {
        pollTimes: { item: [{ mode: 'custom', cronExpression: EVERY_10_SECONDS }] },
        mode: 'byDay',
        ownerSource: 'all',
        ...start,
        // Yesterday is due whatever the hour the suite runs at.
        readyTime: '00:00',
      },
      credentials: { weComApi: CREDENTIAL },
    },
    {
      name: 'Post',
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 4.2,
      parameters: { method: 'POST', url: `${sinkUrl}/day`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
    },
  ]);
}

/**
 * Queue mode: a webhook on the main starts the statistic (the last 180 days for 250 listed
 * owners, by day) on a worker; the main answers with every record once the worker is done
 * (`respond` 'lastNode'), or at once, the records then posted one by one to `sinkUrl`.
 */
export function queueWebhook(id: string, credential: { id: string; name: string }, respond: 'lastNode' | { sinkUrl: string }): object {
  const webhook: Node = {
    name: 'Webhook',
    type: 'n8n-nodes-base.webhook',
    typeVersion: 2,
    webhookId: `${id}-hook`,
    parameters: {
      httpMethod: 'POST',
      path: id,
      responseMode: respond === 'lastNode' ? 'lastNode' : 'onReceived',
      ...(respond === 'lastNode' ? { responseData: 'allEntries' } : {}),
      options: {},
    },
  };
  const nodes = [webhook, stats({ mode: 'byDay', dateRange: 'last180Days', ownerSource: 'list', owners: OWNERS_250, returnAll: true }, credential)];
  if (respond !== 'lastNode') {
    nodes.push({
      name: 'Post',
      type: 'n8n-nodes-base.httpRequest',
      typeVersion: 4.2,
      parameters: { method: 'POST', url: `${respond.sinkUrl}/record`, sendBody: true, specifyBody: 'json', jsonBody: '={{ JSON.stringify($json) }}', options: {} },
    });
  }
  return workflow(id, nodes);
}
