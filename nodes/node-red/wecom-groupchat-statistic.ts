import { LostDaysError } from '../../core/history/lostDays';
import type { Plan } from '../../core/plan/planner';
import type { StatRecord } from '../../core/records/records';
import { flattenRecord, type FlatRecord } from '../../core/records/shape';
import { withNodeRedLabels } from './inputLabels';
import { nodeFailure } from './failureText';
import type { NodeRedMessage, NodeRedNode, NodeRedRuntime, WeComConfigNode } from './nodeRedTypes';
import { failureStatus, reportFailure, runInfo, STATUS } from './runReport';
import { sendEach } from './sendEach';
import { cursorStatus, readCursor, runSinceLastRun } from './sinceLastRun';
import { buildQuery, isSinceLastRun, SINCE_LAST_RUN, type StatisticNodeConfig } from './statisticQuery';

interface NodeConfig extends StatisticNodeConfig {
  wecom?: string;
}

const concurrencyOf = (config: NodeConfig): number | undefined =>
  config.concurrency === undefined || config.concurrency === '' ? undefined : Number(config.concurrency);

async function* flatten(records: AsyncIterable<StatRecord>): AsyncGenerator<FlatRecord> {
  for await (const record of records) yield flattenRecord(record);
}

/** The `wecom-groupchat-statistic` node: one run per message, records out. */
export = function register(RED: NodeRedRuntime): void {
  function WeComGroupChatStatistic(this: NodeRedNode, config: NodeConfig): void {
    RED.nodes.createNode(this, config as Record<string, unknown>);
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the handlers below need the node
    const node = this;
    const running = new Set<AbortController>();
    let history: Promise<void> = Promise.resolve();
    if (config.dateRange === SINCE_LAST_RUN) {
      readCursor(node.context()).then(
        (cursor) => node.status({ fill: 'grey', shape: 'dot', text: cursorStatus(RED, cursor) }),
        () => undefined, // the first run reports a context store that cannot be read
      );
    }

    node.on('input', (msg, send, done) => {
      const wecom = config.wecom ? (RED.nodes.getNode(config.wecom) as WeComConfigNode | null) : null;
      if (!wecom) {
        node.status({ fill: 'red', shape: 'ring', text: RED._(`${STATUS}noConfig`) });
        done(nodeFailure(RED, node, new Error(RED._('wecom-groupchat-statistic.failure.noConfig'))));
        return;
      }
      const controller = new AbortController();
      running.add(controller);
      if (isSinceLastRun(config, msg.payload)) {
        // One history run at a time: two at once would read the same cursor and send days twice.
        const client = wecom.createClient({ concurrency: concurrencyOf(config) });
        history = history
          .then(() => runSinceLastRun(RED, node, config, { msg, send, client, signal: controller.signal }))
          .then(
            () => done(),
            (error: unknown) => {
              if (controller.signal.aborted) return done();
              error = withNodeRedLabels(error);
              if (!(error instanceof LostDaysError)) node.status({ fill: 'red', shape: 'ring', text: failureStatus(RED, error) });
              const { failure, info } = reportFailure(RED, node, error);
              msg.wecom = { ...(msg.wecom as object | undefined), error: info };
              done(failure);
            },
          )
          .finally(() => running.delete(controller));
        return;
      }
      let plan: Plan | undefined;
      let client: ReturnType<WeComConfigNode['createClient']> | undefined;
      const run = async (): Promise<void> => {
        const api = wecom.createClient({ concurrency: concurrencyOf(config) });
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
          error = withNodeRedLabels(error);
          node.status({ fill: 'red', shape: 'ring', text: failureStatus(RED, error) });
          const { failure, info } = reportFailure(RED, node, error);
          msg.wecom = { ...runInfo(plan, client?.calls ?? {}), error: info };
          done(failure);
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
