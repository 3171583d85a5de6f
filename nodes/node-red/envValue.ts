import type { NodeRedNode, NodeRedRuntime } from './nodeRedTypes';

/**
 * A value whose whole text is `${NAME}` replaced by that environment variable, as Node-RED
 * does for properties but not for credentials; flow and global env first when `node` is given.
 */
export function envValue(RED: NodeRedRuntime, node: NodeRedNode | undefined, value: string | undefined): string | undefined {
  const name = /^\$\{(\w+)\}$/.exec(value?.trim() ?? '')?.[1];
  return name === undefined ? value : RED.util.getSetting(node, name);
}
