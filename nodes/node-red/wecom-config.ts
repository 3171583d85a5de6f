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
    // Node-RED substitutes ${VAR} in properties but not in credentials: do it for them.
    const fromEnv = (value: string | undefined): string | undefined => {
      const name = /^\$\{(\w+)\}$/.exec(value?.trim() ?? '')?.[1];
      return name === undefined ? value : RED.util.getSetting(this, name);
    };
    this.createClient = ({ concurrency }) =>
      new WeComClient({
        baseUrl: config.baseUrl || undefined,
        corpId: fromEnv(credentials.corpId),
        corpSecret: fromEnv(credentials.corpSecret),
        tokenStore,
        concurrency,
      });
  }
  RED.nodes.registerType('wecom-config', WeComConfig as never, {
    credentials: { corpId: { type: 'text' }, corpSecret: { type: 'password' } },
  });
};
