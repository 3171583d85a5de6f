import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './freePort';
import { hostDir, nodeBinaryFor } from './hosts';

/**
 * Preloaded into the registry: it exits once its parent is gone (it is then adopted), however
 * this process ends; in jest, `process.on('exit')` is the sandbox's and never fires.
 */
const EXIT_WITH_PARENT = 'data:text/javascript,const parent=process.ppid;setInterval(()=>{if(process.ppid!==parent)process.exit()},500).unref()';

export interface LocalRegistry {
  url: string;
  /** Publishes a packed tarball as a freshly created user. */
  publish(tarball: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real npm registry (verdaccio, pinned in scripts/e2e/hosts.json) on loopback: the
 * `localPackages` live only here, everything else is proxied to the registry npm uses.
 */
export async function startLocalRegistry(localPackages: string[]): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'wecom-registry-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const uplink = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim();
  const packages: Record<string, object> = {};
  for (const name of localPackages) packages[name] = { access: '$all', publish: '$authenticated' };
  packages['**'] = { access: '$all', publish: '$authenticated', proxy: 'upstream' };
  // JSON is YAML: no quoting rules to get wrong.
  writeFileSync(
    join(dir, 'config.yaml'),
    JSON.stringify({
      storage: join(dir, 'storage'),
      auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
      uplinks: { upstream: { url: uplink } },
      packages,
      web: { enable: false },
      log: { type: 'stdout', format: 'pretty', level: 'warn' },
    }),
  );
  const verdaccio = join(hostDir('verdaccio'), 'node_modules/verdaccio/bin/verdaccio');
  const child = spawn(nodeBinaryFor('verdaccio'), ['--import', EXIT_WITH_PARENT, verdaccio, '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`${url}-/ping`).catch(() => undefined);
    if (response?.ok) break;
    if (attempt >= 100 || child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`verdaccio did not start on ${url}:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }

  const publish = async (tarball: string): Promise<void> => {
    const name = 'e2e-publisher';
    const response = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password: randomBytes(12).toString('hex'), type: 'user', roles: [] }),
    });
    const { token } = (await response.json()) as { token?: string };
    if (!response.ok || !token) throw new Error(`verdaccio user: HTTP ${response.status}`);
    // Its own user config, so the token never lands in the user's ~/.npmrc; flags beat the
    // npm_config_* variables an `npm test` run passes down.
    const npmrc = join(dir, '.npmrc');
    writeFileSync(npmrc, `//127.0.0.1:${port}/:_authToken=${token}\n`);
    await promisify(execFile)('npm', ['publish', tarball, '--userconfig', npmrc, '--registry', url, '--loglevel=error'], { cwd: dir, timeout: 120_000 });
  };

  return { url, publish, stop };
}
