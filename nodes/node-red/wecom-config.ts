import { WeComClient } from '../../core/client';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import { envValue } from './envValue';
import type { NodeRedRuntime, WeComConfigNode } from './nodeRedTypes';
import { registerConnectionTest } from './testConnection';

interface ConfigProperties {
  name?: string;
  baseUrl?: string;
}

/** The `wecom-config` node: Corp ID and Secret as credentials, the token they share, and the dialog's connection test. */
export = function register(RED: NodeRedRuntime): void {
  function WeComConfig(this: WeComConfigNode, config: ConfigProperties): void {
    RED.nodes.createNode(this, config as Record<string, unknown>);
    this.baseUrl = config.baseUrl;
    // One store per config node: every statistic node using it shares its token.
    const tokenStore = new MemoryTokenStore();
    const credentials = this.credentials ?? {};
    const fromEnv = (value: string | undefined): string | undefined => envValue(RED, this, value);
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
  registerConnectionTest(RED);
};
