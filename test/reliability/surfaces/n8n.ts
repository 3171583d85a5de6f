import type { INodeParameters } from 'n8n-workflow';
import { N8N_LABELS } from '../../../nodes/shared/nodeErrors';
import { InProcessN8n, type WorkflowRun } from '../../../scripts/hosts/n8n/engine';
import { STATISTIC_NODE, statisticWorkflow } from '../../../scripts/hosts/n8n/statisticWorkflow';
import { serializeEverything } from '../../support/serializeEverything';
import type { UserInput } from '../badInputs';
import type { Outcome, Surface } from './surface';

export const NODE = STATISTIC_NODE;

/**
 * A value as the node's parameter: text, numbers and booleans as typed; anything else, and
 * empty text, from an expression (n8n itself refuses to run with a required field left empty).
 */
function parameter(value: unknown): unknown {
  const typed = (typeof value === 'string' && value !== '') || typeof value === 'number' || typeof value === 'boolean';
  return typed || value === undefined ? value : `={{ ${JSON.stringify(value)} }}`;
}

/** Only the fields given: a missing one takes its default, as in the editor. */
const given = (fields: Record<string, unknown>): INodeParameters =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as INodeParameters;

function nodeParameters(input: UserInput): INodeParameters {
  const { preset, from, to, clamp } = input.dates ?? {};
  return given({
    mode: parameter(input.mode),
    dateRange: preset === undefined ? 'custom' : parameter(preset),
    from: parameter(from),
    to: parameter(to),
    ownerSource: 'list',
    owners: parameter(input.owners),
    orderBy: parameter(input.orderBy),
    sortDirection: parameter(input.sortDirection),
    returnAll: false,
    limit: parameter(input.limit),
    options: given({ clamp, concurrency: parameter(input.concurrency), ownerRecords: parameter(input.ownerRecords) }),
  });
}


/** One manual execution in n8n-core's engine, with a fresh credential (no stored token). */
export function runInN8n(input: UserInput, continueOnFail = false): Promise<WorkflowRun> {
  const n8n = new InProcessN8n({ baseUrl: input.baseUrl as string, corpId: input.corpId as string, corpSecret: input.corpSecret as string });
  return n8n.run(statisticWorkflow(nodeParameters(input), continueOnFail ? { onError: 'continueRegularOutput' } : {}, 'Bad input'));
}

const CONNECTION = ['baseUrl', 'corpId', 'corpSecret'] as const;

/** The node's parameters and its credential's fields, with Continue On Fail off. */
export const n8nSurface: Surface = {
  name: 'n8n',
  keys: ['mode', 'dates', 'owners', 'orderBy', 'sortDirection', 'limit', 'ownerRecords', 'concurrency', ...CONNECTION],
  errorName: 'NodeOperationError',
  labels: N8N_LABELS,
  // Credential fields are text; Custom dates and a preset exclude each other.
  accepts: (bad) => CONNECTION.every((key) => bad[key] === undefined || typeof bad[key] === 'string') && !(bad.dates?.preset !== undefined && bad.dates.from !== undefined),
  async run(input): Promise<Outcome> {
    const result = await runInN8n(input);
    const captured = { 'n8n run': serializeEverything(result.run) };
    const error = result.run.data.resultData.error;
    if (!error) return { records: result.items(NODE).length, captured };
    // The node failed, not the engine around it.
    expect(result.task(NODE).error).toEqual(error);
    const parts = /^Parameter: (.+?)\. Allowed: (.+)\.$/s.exec(String(error.description));
    return { errorName: error.name, message: error.message, field: parts?.[1], allowed: parts?.[2], captured };
  },
};
