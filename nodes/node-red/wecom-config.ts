import { WeComClient } from '../../core/client';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import type { NodeRedRuntime, WeComConfigNode } from './nodeRedTypes';

interface ConfigProperties {
  name?: string;
  baseUrl?: string;
}

/** The `wecom-config` node: Corp ID and Secret as credentials, and the token they share. */
export = function register(RED: NodeRedRuntime): void {
  function WeComConfig(this: WeComConfigNode, config: ConfigProperties): void {
    RED.nodes.createNode(this, config as Record<string, unknown>);
    // One store per config node: every statistic node using it shares its token.
    const tokenStore = new MemoryTokenStore();
    const credentials = this.credentials ?? {};
    this.createClient = ({ concurrency }) =>
      new WeComClient({
        baseUrl: config.baseUrl || undefined,
        corpId: credentials.corpId,
        corpSecret: credentials.corpSecret,
        tokenStore,
        concurrency,
      });
  }
  RED.nodes.registerType('wecom-config', WeComConfig as never, {
    credentials: { corpId: { type: 'text' }, corpSecret: { type: 'password' } },
  });
};
