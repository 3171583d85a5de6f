/**
 * The main job (one mode over a preset range for every member with Customer Contact) run
 * three ways: through the core client, through the n8n node in n8n's engine, and through the
 * Node-RED node in an embedded runtime, each at its host's default concurrency. Each returns
 * the flat records it produced.
 */
import type { WeComClient } from '../../core/client';
import type { DatePreset } from '../../core/dates/presets';
import { ALL_OWNERS } from '../../core/query/owners';
import type { OwnerRecordsChoice } from '../../core/query/query';
import { flattenRecord, type FlatRecord } from '../../core/records/shape';
import type { InProcessN8n, WorkflowJson } from './n8n/engine';
import { STATISTIC_NODE, statisticWorkflow } from './n8n/statisticWorkflow';
import type { StatisticNodeConfig } from '../../nodes/node-red/statisticQuery';
import type { EmbeddedNodeRed } from './node-red/embeddedNodeRed';

export interface MainJob {
  mode: 'byDay' | 'byOwner';
  preset: DatePreset;
  /** By owner: the core's default (combined) unless set. */
  ownerRecords?: OwnerRecordsChoice;
}

/** Runs the job with `client`, whose options (token store, transport) the caller chose. */
export async function viaCore(client: WeComClient, job: MainJob): Promise<FlatRecord[]> {
  const query = { mode: job.mode, dates: { preset: job.preset }, owners: ALL_OWNERS, ownerRecords: job.ownerRecords };
  const records: FlatRecord[] = [];
  for await (const record of client.fetchStatistics(await client.plan(query))) records.push(flattenRecord(record));
  return records;
}

/** The main job as an n8n workflow: a manual trigger and the statistic node. */
export function n8nWorkflow(job: MainJob): WorkflowJson {
  const options = job.ownerRecords === undefined ? {} : { ownerRecords: job.ownerRecords };
  const parameters = { mode: job.mode, dateRange: job.preset, ownerSource: 'all', returnAll: true, options };
  return statisticWorkflow(parameters, {}, `${job.mode}, ${job.preset}`);
}

export async function viaN8n(n8n: InProcessN8n, job: MainJob): Promise<FlatRecord[]> {
  const result = await n8n.run(n8nWorkflow(job));
  const error = result.run.data.resultData.error;
  if (error) throw new Error(`n8n: ${error.message}`);
  return result.items(STATISTIC_NODE).map((item) => item.json as unknown as FlatRecord);
}

/**
 * The statistic node as a user would set it up for the main job: all members with Customer
 * Contact, one message with every record; mode and range come in each message's payload.
 */
export function nodeRedStatisticConfig(output: StatisticNodeConfig['output'] = 'array'): StatisticNodeConfig {
  return { ownerSource: 'all', output };
}

/** Runs the job through the statistic node deployed with nodeRedStatisticConfig(). */
export async function viaNodeRed(red: EmbeddedNodeRed, job: MainJob): Promise<FlatRecord[]> {
  const { messages, error } = await red.send({ mode: job.mode, preset: job.preset, ownerRecords: job.ownerRecords });
  if (error) throw new Error(`Node-RED: ${error.message}`);
  if (messages.length !== 1) throw new Error(`Node-RED: expected one message, got ${messages.length}`);
  return messages[0].payload as FlatRecord[];
}

/** What a run through the node deployed with nodeRedStatisticConfig('split') sent, counted as it went, nothing kept. */
export interface SplitRun {
  messages: number;
  /** Whether msg.parts.index counted 0, 1, 2, ... and the last message's msg.parts.count is the number of messages. */
  partsInOrder: boolean;
}

export async function viaNodeRedEach(red: EmbeddedNodeRed, job: MainJob): Promise<SplitRun> {
  let messages = 0;
  let inOrder = true;
  let lastCount: unknown;
  const { error } = await red.send({ mode: job.mode, preset: job.preset, ownerRecords: job.ownerRecords }, undefined, (msg) => {
    const parts = msg.parts as { index: number; count?: number };
    inOrder &&= parts.index === messages;
    lastCount = parts.count;
    messages++;
  });
  if (error) throw new Error(`Node-RED: ${error.message}`);
  return { messages, partsInOrder: inOrder && lastCount === messages };
}
