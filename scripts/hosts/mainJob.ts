/**
 * The main job (one mode over a preset range for every member with Customer Contact) run
 * three ways: through the core client, through the n8n node in n8n's engine, and through the
 * Node-RED node in an embedded runtime, each at its host's default concurrency. Each returns
 * the flat records it produced.
 */
import type { WeComClient } from '../../core/client';
import type { DatePreset } from '../../core/dates/presets';
import { ALL_OWNERS } from '../../core/query/owners';
import { flattenRecord, type FlatRecord } from '../../core/records/shape';
import type { InProcessN8n, WorkflowJson } from './n8n/engine';
import { STATISTIC_NODE, statisticWorkflow } from './n8n/statisticWorkflow';
import type { StatisticNodeConfig } from '../../nodes/node-red/statisticQuery';
import type { EmbeddedNodeRed } from './node-red/embeddedNodeRed';

export interface MainJob {
  mode: 'byDay' | 'byOwner';
  preset: DatePreset;
}

/** Runs the job with `client`, whose options (token store, transport) the caller chose. */
export async function viaCore(client: WeComClient, job: MainJob): Promise<FlatRecord[]> {
  const query = { mode: job.mode, dates: { preset: job.preset }, owners: ALL_OWNERS };
  const records: FlatRecord[] = [];
  for await (const record of client.fetchStatistics(await client.plan(query))) records.push(flattenRecord(record));
  return records;
}

/** The main job as an n8n workflow: a manual trigger and the statistic node. */
export function n8nWorkflow(job: MainJob): WorkflowJson {
  const parameters = { mode: job.mode, dateRange: job.preset, ownerSource: 'all', returnAll: true, options: {} };
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
export function nodeRedStatisticConfig(): StatisticNodeConfig {
  return { ownerSource: 'all', output: 'array' };
}

/** Runs the job through the statistic node deployed with nodeRedStatisticConfig(). */
export async function viaNodeRed(red: EmbeddedNodeRed, job: MainJob): Promise<FlatRecord[]> {
  const { messages, error } = await red.send({ mode: job.mode, preset: job.preset });
  if (error) throw new Error(`Node-RED: ${error.message}`);
  if (messages.length !== 1) throw new Error(`Node-RED: expected one message, got ${messages.length}`);
  return messages[0].payload as FlatRecord[];
}
