import type { WeComClient } from '../../core/client';
import { advanceCursor, dueDays } from '../../core/history/dueDays';
import { LostDaysError } from '../../core/history/lostDays';
import { validateQuery } from '../../core/query/query';
import { flattenRecord, type FlatRecord } from '../../core/records/shape';
import { fetchDays } from '../../core/history/fetchDays';
import type { NodeContext, NodeRedMessage, NodeRedNode, NodeRedRuntime } from './nodeRedTypes';
import { reportFailure, runInfo, STATUS } from './runReport';
import { buildQuery, historySettings, wantsReset, type StatisticNodeConfig } from './statisticQuery';

/** The context key of the last China date delivered. */
export const CURSOR_KEY = 'wecomLastDayDelivered';

export function readCursor(context: NodeContext): Promise<string | undefined> {
  return new Promise((resolve, reject) => context.get(CURSOR_KEY, (error, value) => (error ? reject(error) : resolve(typeof value === 'string' ? value : undefined))));
}

function writeCursor(context: NodeContext, cursor: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => context.set(CURSOR_KEY, cursor, (error) => (error ? reject(error) : resolve())));
}

export function cursorStatus(RED: NodeRedRuntime, cursor: string | undefined): string {
  return cursor === undefined ? RED._(`${STATUS}noDay`) : RED._(`${STATUS}upTo`, { day: cursor });
}

export interface HistoryRun {
  msg: NodeRedMessage;
  send: (msg: NodeRedMessage) => void;
  client: WeComClient;
  signal: AbortSignal;
}

/**
 * One "New days since last run" message: the due days after the cursor in the node's
 * context, fetched oldest first and sent (one message with the array, or one per record
 * with msg.parts), then the cursor moved past the days fetched in full and past lost days.
 * Lost days and a failed fetch are thrown after what could be fetched was sent.
 */
export async function runSinceLastRun(RED: NodeRedRuntime, node: NodeRedNode, config: StatisticNodeConfig, run: HistoryRun): Promise<void> {
  const { msg, client, signal } = run;
  const settings = historySettings(config, msg.payload);
  const query = buildQuery(config, msg.payload);
  // Mode, owners, sort and limit are checked before any call; the days come from the rule.
  validateQuery({ ...query, dates: { preset: 'yesterday' } });
  const context = node.context();
  const cursor = wantsReset(msg) ? undefined : await readCursor(context);
  const result = dueDays(cursor, settings);

  const delivered: string[] = [];
  const array: FlatRecord[] = [];
  const partsId = RED.util.generateId();
  let held: FlatRecord | undefined;
  let sent = 0;
  let failure: unknown;
  const info = (next: string | undefined): Record<string, unknown> => {
    const { requests } = runInfo(undefined, client.calls);
    return { query: { mode: query.mode, from: delivered[0], to: delivered.at(-1) }, requests, history: { days: [...delivered], lost: result.lost, cursor: next } };
  };
  const sendHeld = (last: boolean): void => {
    if (held === undefined) return;
    const parts = { id: partsId, index: sent, type: 'array' as const, len: 1, ...(last ? { count: sent + 1 } : {}) };
    run.send({ ...msg, payload: held, parts, wecom: info(delivered.at(-1) ?? cursor) });
    sent++;
    held = undefined;
  };
  try {
    for await (const fetched of fetchDays(client, query, result.due, { signal, onProgress: (p) => node.status({ fill: 'blue', shape: 'dot', text: RED._(`${STATUS}requests`, { done: p.requestsDone, planned: p.requestsPlanned }) }) })) {
      for (const record of fetched.records) {
        if (config.output === 'split') {
          sendHeld(false);
          held = flattenRecord(record);
        } else {
          array.push(flattenRecord(record));
        }
      }
      delivered.push(fetched.day);
    }
  } catch (error) {
    failure = error;
  }
  // Closed mid-run: nothing more goes out and the cursor stays; the next run asks again.
  if (signal.aborted) return;
  const next = advanceCursor(cursor, result, delivered);
  if (config.output === 'split') sendHeld(true);
  else if (delivered.length > 0) run.send({ ...msg, payload: array, wecom: info(next) });
  await writeCursor(context, next);

  const lost = result.lost.length > 0 ? new LostDaysError(result.lost) : undefined;
  // A failure's status (red, with the errcode) is the caller's, as for any run.
  if (failure === undefined) node.status({ fill: lost ? 'yellow' : 'green', shape: lost ? 'ring' : 'dot', text: cursorStatus(RED, next) });
  msg.wecom = info(next);
  if (failure === undefined) {
    if (lost) throw lost;
    return;
  }
  // Both: the lost days reach Catch nodes on their own, so neither report hides the other.
  if (lost) {
    const { failure: lostFailure, info: error } = reportFailure(RED, node, lost);
    node.error(lostFailure, { ...msg, wecom: { ...info(next), error } });
  }
  throw failure;
}
