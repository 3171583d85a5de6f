import { InvalidInputError, WeComError } from '../../core/errors/WeComError';
import type { Plan } from '../../core/plan/planner';
import { formatDay } from '../../core/dates/chinaDay';
import type { StatRecord } from '../../core/records/records';
import { flattenRecord, type FlatRecord } from '../../core/records/shape';
import type { NodeRedMessage, NodeRedNode, NodeRedRuntime, WeComConfigNode } from './nodeRedTypes';
import { sendEach } from './sendEach';
import { buildQuery, type StatisticNodeConfig } from './statisticQuery';

interface NodeConfig extends StatisticNodeConfig {
  wecom?: string;
}

/** What msg.wecom tells the next nodes: the query actually run and the calls it took. */
function runInfo(plan: Plan | undefined, calls: Record<string, number>): Record<string, unknown> {
  const query = plan && {
    mode: plan.mode,
    from: formatDay(plan.range.from),
    to: formatDay(plan.range.to),
    owners: plan.ownerCount,
    orderBy: plan.mode === 'byOwner' ? plan.orderBy : undefined,
    ascending: plan.mode === 'byOwner' ? plan.ascending : undefined,
    limit: plan.mode === 'byOwner' ? plan.limit : undefined,
    ownerRecords: plan.mode === 'byOwner' ? plan.ownerRecords : undefined,
  };
  const total = Object.entries(calls).reduce((sum, [key, count]) => (key === 'retries' ? sum : sum + count), 0);
  return { query, requests: { planned: plan?.requestCount, total, byEndpoint: { ...calls } } };
}

function errorInfo(error: unknown): Record<string, unknown> {
  if (error instanceof WeComError) return { kind: error.kind, errcode: error.errcode, errmsg: error.errmsg, hint: error.hint, endpoint: error.endpoint, attempts: error.attempts };
  if (error instanceof InvalidInputError) return { field: error.field, allowed: error.allowed };
  return {};
}

const STATUS = 'wecom-groupchat-statistic.status.';

async function* flatten(records: AsyncIterable<StatRecord>): AsyncGenerator<FlatRecord> {
  for await (const record of records) yield flattenRecord(record);
}

function failureStatus(RED: NodeRedRuntime, error: unknown): string {
  if (error instanceof WeComError && error.errcode !== undefined) return RED._(`${STATUS}errcode`, { errcode: error.errcode });
  if (error instanceof InvalidInputError) return RED._(`${STATUS}invalid`, { field: error.field });
  return RED._(`${STATUS}failed`);
}

/** The `wecom-groupchat-statistic` node: one run per message, records out. */
export = function register(RED: NodeRedRuntime): void {
  function WeComGroupChatStatistic(this: NodeRedNode, config: NodeConfig): void {
    RED.nodes.createNode(this, config as Record<string, unknown>);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the handlers below need the node
    const node = this;
    const running = new Set<AbortController>();

    node.on('input', (msg, send, done) => {
      const wecom = config.wecom ? (RED.nodes.getNode(config.wecom) as WeComConfigNode | null) : null;
      if (!wecom) {
        node.status({ fill: 'red', shape: 'ring', text: RED._(`${STATUS}noConfig`) });
        done(new Error('Choose a WeCom config node (Corp ID and Secret) in this node.'));
        return;
      }
      const controller = new AbortController();
      running.add(controller);
      let plan: Plan | undefined;
      let client: ReturnType<WeComConfigNode['createClient']> | undefined;
      const run = async (): Promise<void> => {
        const concurrency = config.concurrency === undefined || config.concurrency === '' ? undefined : Number(config.concurrency);
        const api = wecom.createClient({ concurrency });
        client = api;
        const query = buildQuery(config, msg.payload);
        node.status({ fill: 'blue', shape: 'dot', text: RED._(`${STATUS}planning`) });
        const planned = await api.plan(query, controller.signal);
        plan = planned;
        const records = flatten(
          api.fetchStatistics(planned, {
            signal: controller.signal,
            onProgress: (p) => node.status({ fill: 'blue', shape: 'dot', text: RED._(`${STATUS}requests`, { done: p.requestsDone, planned: p.requestsPlanned }) }),
          }),
        );
        let count: number;
        if (config.output === 'split') {
          // Each message carries the calls made so far: the last one's are the run's.
          const message = (payload: unknown, parts: NonNullable<NodeRedMessage['parts']>): NodeRedMessage => ({ ...msg, payload, wecom: runInfo(planned, api.calls), parts });
          count = await sendEach(records, RED.util.generateId(), message, send);
        } else {
          const all = [];
          for await (const record of records) all.push(record);
          count = all.length;
          send({ ...msg, payload: all, wecom: runInfo(planned, api.calls) });
        }
        node.status({ fill: 'green', shape: 'dot', text: RED._(`${STATUS}records`, { count }) });
      };
      run()
        .then(() => done())
        .catch((error: unknown) => {
          if (controller.signal.aborted) return done();
          node.status({ fill: 'red', shape: 'ring', text: failureStatus(RED, error) });
          msg.wecom = { ...runInfo(plan, client?.calls ?? {}), error: errorInfo(error) };
          done(error instanceof Error ? error : new Error(String(error)));
        })
        .finally(() => running.delete(controller));
    });

    node.on('close', (_removed, done) => {
      // A redeploy or shutdown stops this node's calls at once.
      for (const controller of running) controller.abort();
      running.clear();
      node.status({});
      done();
    });
  }
  RED.nodes.registerType('wecom-groupchat-statistic', WeComGroupChatStatistic as never);
};
