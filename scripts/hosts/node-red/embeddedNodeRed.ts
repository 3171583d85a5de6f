/**
 * Node-RED embedded in this process (the node-red devDependency), loading this package's
 * nodes from dist/ the way a user's Node-RED loads an installed package: from a user dir
 * whose node_modules links to this repository. Node-RED cannot restart within a process,
 * so one runtime serves every run; each run deploys its own flow.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import RED from 'node-red';
import type { StatisticNodeConfig } from '../../../nodes/node-red/statisticQuery';

const PACKAGE_ROOT = resolve(__dirname, '../../..').replace(/\/dist$/, '');

export interface Connection {
  baseUrl: string;
  corpId: string;
  corpSecret: string;
}

export interface NodeRedRun {
  /** What the statistic node sent, in order. */
  messages: Record<string, unknown>[];
  /** What the node passed to done(): the error a Catch node would receive. */
  error?: Error;
}

let deploys = 0;
let messages = 0;

export class EmbeddedNodeRed {
  private statisticId = '';

  private constructor(private readonly userDir: string) {}

  static async start(): Promise<EmbeddedNodeRed> {
    const userDir = mkdtempSync(join(tmpdir(), 'wecom-embedded-node-red-'));
    mkdirSync(join(userDir, 'node_modules'));
    symlinkSync(PACKAGE_ROOT, join(userDir, 'node_modules', 'n8n-nodes-wecom-groupchat'));
    RED.init({
      userDir,
      flowFile: 'flows.json',
      credentialSecret: false,
      httpAdminRoot: false,
      httpNodeRoot: false,
      disableEditor: true,
      telemetry: { enabled: false },
      diagnostics: { enabled: false },
      // Also keeps Node-RED from running `npm --version` at start.
      externalModules: { palette: { allowInstall: false }, modules: { allowInstall: false } },
      logging: { console: { level: process.env.WECOM_NODE_RED_LOG ?? 'off' } },
    });
    // RED.start() resolves before the (empty) flows file is loaded and started; a deploy made
    // before then loses its credentials to that load.
    const started = new Promise<void>((resolvePromise) => {
      const onStarted = (): void => {
        RED.events.off('flows:started', onStarted);
        resolvePromise();
      };
      RED.events.on('flows:started', onStarted);
    });
    await RED.start();
    await started;
    return new EmbeddedNodeRed(userDir);
  }

  /**
   * Deploys a flow, replacing the one before: a wecom-config node for `connection` and one
   * statistic node with `config`, as a user would set them up in the editor.
   */
  async deploy(connection: Connection, config: StatisticNodeConfig): Promise<void> {
    const n = ++deploys;
    const ids = { tab: `tab-${n}`, config: `config-${n}`, statistic: `statistic-${n}`, sink: `sink-${n}` };
    await this.setFlows([
      { id: ids.tab, type: 'tab', label: `flow ${n}` },
      {
        id: ids.config,
        type: 'wecom-config',
        name: 'emulator',
        baseUrl: connection.baseUrl,
      },
      // Node-RED sends nothing from a node without wires, so the output goes to a junction.
      { id: ids.statistic, type: 'wecom-groupchat-statistic', z: ids.tab, wecom: ids.config, ...config, wires: [[ids.sink]] },
      { id: ids.sink, type: 'junction', z: ids.tab, wires: [[]] },
    ], { [ids.config]: { corpId: connection.corpId, corpSecret: connection.corpSecret } });
    this.statisticId = ids.statistic;
  }

  /**
   * Sends the deployed statistic node a message with `payload` and resolves when the node
   * calls done() for it. `signal` redeploys an empty flow, as a user's redeploy would.
   * With `onMessage`, each message the node sends goes there instead of being kept, so a
   * run of many messages is not held in memory here.
   */
  async send(payload: unknown, signal?: AbortSignal, onMessage?: (msg: Record<string, unknown>) => void): Promise<NodeRedRun> {
    const node = RED.nodes.getNode(this.statisticId);
    if (!node) throw new Error('No statistic node is deployed: is the package built (npm run build)?');
    const msgid = `demo-message-${++messages}`;
    const sent: Record<string, unknown>[] = [];
    const hook = `wecom-${msgid}`;
    const ours = (msg: Record<string, unknown>): boolean => msg._msgid === msgid;
    try {
      return await new Promise<NodeRedRun>((resolvePromise, reject) => {
        RED.hooks.add(`onSend.${hook}`, (events) => {
          for (const event of events) if (event.source.id === this.statisticId && ours(event.msg)) (onMessage ?? ((msg) => sent.push(msg)))(event.msg);
        });
        RED.hooks.add(`onComplete.${hook}`, (event) => {
          if (event.node.id === this.statisticId && ours(event.msg)) resolvePromise({ messages: sent, error: event.error });
        });
        signal?.addEventListener('abort', () => this.setFlows([]).then(() => resolvePromise({ messages: sent }), reject), { once: true });
        node.receive({ _msgid: msgid, payload });
      });
    } finally {
      RED.hooks.remove(`*.${hook}`);
    }
  }

  /** A full deploy; resolves once these flows have started (setFlows resolves before that). */
  private async setFlows(flows: object[], credentials: Record<string, Record<string, string>> = {}): Promise<void> {
    const started = new Set<string>();
    let wake = (): void => undefined;
    const onStarted = (event: { config: { rev: string } }): void => {
      started.add(event.config.rev);
      wake();
    };
    RED.events.on('flows:started', onStarted);
    try {
      // Credentials go beside the flows: inline ones are stored without being awaited, so a node could start without them.
      const { rev } = await RED.runtime.flows.setFlows({ flows: { flows, credentials }, deploymentType: 'full' });
      await new Promise<void>((resolvePromise, reject) => {
        const timer = setTimeout(() => reject(new Error('Node-RED did not start the flow within 10 s (a node type missing?)')), 10_000);
        wake = () => {
          if (!started.has(rev)) return;
          clearTimeout(timer);
          resolvePromise();
        };
        wake();
      });
    } finally {
      RED.events.off('flows:started', onStarted);
    }
  }

  async stop(): Promise<void> {
    await RED.stop();
    rmSync(this.userDir, { recursive: true, force: true });
  }
}
