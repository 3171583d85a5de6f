/**
 * The Node-RED side of the suites: our nodes loaded from TS sources by
 * node-red-node-test-helper (so a jest.mock of core modules reaches them), one wecom-config
 * node, statistic nodes each wired to its own helper, and a Catch node for the tab.
 */
import helper from 'node-red-node-test-helper';
import type { Emulator } from '../../../emulator';
import type { StatisticNodeConfig } from '../../../nodes/node-red/statisticQuery';
import { configNode, statisticNode } from '../../support/nodeRedCatalog';
/* eslint-disable @typescript-eslint/no-require-imports -- Node-RED nodes are CommonJS modules */
const catchNode = require('@node-red/nodes/core/common/25-catch.js');
/* eslint-enable @typescript-eslint/no-require-imports */

helper.init(require.resolve('node-red'));

export { helper };

export type Msg = Record<string, unknown> & { payload?: unknown; wecom?: Record<string, unknown>; error?: { message: string; source?: { id: string } } };

/** What one message to a statistic node led to: its output, or what the Catch node got and the error passed to done(). */
export interface Outcome {
  sent?: Msg;
  caught?: Msg;
  error?: unknown;
}

export function startNodeRed(): Promise<void> {
  return new Promise((resolve) => helper.startServer(() => resolve()));
}

export function stopNodeRed(): Promise<void> {
  return new Promise((resolve) => helper.stopServer(() => resolve()));
}

/** The flow: `stats` maps statistic node ids to their settings. */
export function statisticFlow(emu: Emulator, stats: Record<string, StatisticNodeConfig>): Record<string, unknown>[] {
  const onTab = Object.entries(stats).flatMap(([id, config]) => [
    { id, type: 'wecom-groupchat-statistic', wecom: 'cfg', ...config, wires: [[`${id}-out`]] },
    { id: `${id}-out`, type: 'helper' },
  ]);
  return [
    { id: 'tab', type: 'tab' },
    { id: 'cfg', type: 'wecom-config', name: 'emulator', baseUrl: emu.baseUrl },
    ...[...onTab, { id: 'catcher', type: 'catch', scope: null, wires: [['caught']] }, { id: 'caught', type: 'helper' }].map((node) => ({ z: 'tab', ...node })),
  ];
}

export function credentials(emu: Emulator): Record<string, Record<string, string>> {
  return { cfg: { corpId: emu.corpId, corpSecret: emu.corpSecret } };
}

export async function loadFlow(emu: Emulator, stats: Record<string, StatisticNodeConfig>): Promise<void> {
  await helper.load([configNode, statisticNode, catchNode], statisticFlow(emu, stats), credentials(emu));
}

/** Sends statistic node `id` a message and resolves with its output or its caught failure. */
export function trigger(id: string, payload: unknown = 'go'): Promise<Outcome> {
  return new Promise((resolve) => {
    let error: unknown;
    helper.getNode(id).on('call:error', (call) => (error = call.args[0]));
    helper.getNode(`${id}-out`).once('input', (sent: Msg) => resolve({ sent }));
    helper.getNode('caught').on('input', (caught: Msg) => {
      if (caught.error?.source?.id === id) resolve({ caught, error });
    });
    helper.getNode(id).receive({ payload });
  });
}
