import helper from 'node-red-node-test-helper';
import { NODE_RED_LABELS } from '../../../nodes/node-red/inputLabels';
import { serializeEverything } from '../../support/serializeEverything';
import type { UserInput } from '../badInputs';
import type { Outcome, Surface } from './surface';
import { configNode, statisticNode } from '../../support/nodeRedCatalog';
/* eslint-disable @typescript-eslint/no-require-imports -- Node-RED nodes are CommonJS modules */
const catchNode = require('@node-red/nodes/core/common/25-catch.js');
/* eslint-enable @typescript-eslint/no-require-imports */

helper.init(require.resolve('node-red'));

export const startNodeRed = (): Promise<void> => new Promise((resolve) => helper.startServer(() => resolve()));
export const stopNodeRed = (): Promise<void> => new Promise((resolve) => helper.stopServer(() => resolve()));

type Msg = Record<string, unknown>;

interface Flow {
  /** The statistic node's properties, as the editor saves them. */
  node: Record<string, unknown>;
  payload: unknown;
  input: UserInput;
}

/** Sends one message through the statistic node, with a Catch node for its errors. */
async function runFlow({ node, payload, input }: Flow): Promise<Outcome> {
  await helper.load(
    [configNode, statisticNode, catchNode],
    [
      { id: 'tab', type: 'tab' },
      { id: 'cfg', type: 'wecom-config', name: 'emulator', baseUrl: input.baseUrl },
      { id: 'stat', z: 'tab', type: 'wecom-groupchat-statistic', wecom: 'cfg', output: 'array', wires: [['out']], ...node },
      { id: 'out', z: 'tab', type: 'helper' },
      { id: 'catcher', z: 'tab', type: 'catch', scope: ['stat'], wires: [['caught']] },
      { id: 'caught', z: 'tab', type: 'helper' },
    ],
    { cfg: { corpId: input.corpId as string, corpSecret: input.corpSecret as string } },
  );
  try {
    const ended = new Promise<{ output?: Msg; caught?: Msg }>((resolve) => {
      helper.getNode('out').once('input', (msg: Msg) => resolve({ output: msg }));
      helper.getNode('caught').once('input', (msg: Msg) => resolve({ caught: msg }));
    });
    helper.getNode('stat').receive({ payload, topic: 'bad input' });
    const { output, caught } = await ended;
    const captured = { 'Node-RED message': serializeEverything(output ?? caught), 'Node-RED log': serializeEverything(helper.log().args) };
    if (output) return { records: (output.payload as unknown[]).length, captured };
    // done(error) reached the Catch node: Node-RED gives it the error's text and source.
    const error = (caught as Msg).error as { message: string; source: { id: string } };
    expect(error.source.id).toBe('stat');
    const reported = ((caught as Msg).wecom as { error?: { field?: string; allowed?: string } } | undefined)?.error;
    return { errorName: error.message.split(':')[0], message: error.message, field: reported?.field, allowed: reported?.allowed, captured };
  } finally {
    await helper.unload();
  }
}

const isText = (value: unknown): boolean => value === undefined || typeof value === 'string';

/** The node's properties and its config node (Base URL; Corp ID and Secret as credentials). */
export const nodeRedNodeSurface: Surface = {
  name: 'Node-RED node',
  keys: ['mode', 'dates', 'owners', 'orderBy', 'sortDirection', 'limit', 'ownerRecords', 'concurrency', 'baseUrl', 'corpId', 'corpSecret'],
  errorName: 'InvalidInputError',
  labels: NODE_RED_LABELS,
  // The editor saves text (numbers are typed into text boxes); Custom dates exclude a preset.
  accepts(bad) {
    const { preset, from, to } = bad.dates ?? {};
    const texts = [bad.mode, preset, from, to, bad.owners, bad.orderBy, bad.sortDirection, bad.ownerRecords, bad.baseUrl, bad.corpId, bad.corpSecret];
    const numbers = [bad.limit, bad.concurrency];
    return texts.every(isText) && numbers.every((value) => isText(value) || typeof value === 'number') && !(preset !== undefined && from !== undefined);
  },
  run(input) {
    const { preset, from, to, clamp } = input.dates ?? {};
    const text = (value: unknown) => (value === undefined ? '' : String(value));
    const node = {
      mode: input.mode,
      dateRange: preset ?? 'custom',
      from: text(from),
      to: text(to),
      clamp: clamp === true,
      ownerSource: 'list',
      owners: input.owners,
      orderBy: input.orderBy,
      sortDirection: input.sortDirection,
      limit: text(input.limit),
      ownerRecords: input.ownerRecords,
      concurrency: text(input.concurrency),
    };
    return runFlow({ node, payload: 'go', input });
  },
};

/** The query in msg.payload, with every overridable property of the node left blank. */
export const nodeRedMessageSurface: Surface = {
  name: 'Node-RED msg.payload',
  keys: ['mode', 'dates', 'owners', 'orderBy', 'ascending', 'limit', 'ownerRecords'],
  errorName: 'InvalidInputError',
  labels: NODE_RED_LABELS,
  accepts: () => true,
  run(input) {
    const node = { mode: '', dateRange: '', from: '', to: '', ownerSource: 'msg', orderBy: '', sortDirection: '', limit: '', ownerRecords: '', concurrency: '' };
    const { mode, owners, orderBy, ascending, limit, ownerRecords } = input;
    return runFlow({ node, payload: { mode, ...input.dates, owners, orderBy, ascending, limit, ownerRecords }, input });
  },
};
