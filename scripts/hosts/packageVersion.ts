import { readFileSync } from 'node:fs';

/** The installed version of a package, e.g. the n8n-core or Node-RED the run used. */
export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
}
