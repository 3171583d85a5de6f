import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './freePort';
import { hostDir, nodeBinaryFor } from './hosts';
import { installTarball } from './installPackage';


/** Node-RED's "Started flows" log line in the runtime languages the tests run (settings.js `lang`). */
const STARTED_FLOWS = /Started flows|流程已启动/;

/**
 * A real Node-RED, installed from the npm registry, run headless on loopback with a user
 * dir that holds this package (`npm install <tarball>` there, as the README says), a flows
 * file and plaintext credentials. With `registry`, the user dir starts empty with an
 * `.npmrc` naming that registry, and the palette manager may install: the package then
 * comes as users add it.
 */
export class NodeRedHost {
  readonly userDir: string;
  url = '';
  output = '';
  private child?: ChildProcess;
  private readonly redJs: string;
  private readonly node: string;
  private readonly paletteInstalls: boolean;

  constructor(hostName: string, options: { registry?: string } = {}) {
    this.redJs = join(hostDir(hostName), 'node_modules/node-red/red.js');
    this.node = nodeBinaryFor(hostName);
    this.userDir = mkdtempSync(join(tmpdir(), `wecom-${hostName}-`));
    this.paletteInstalls = options.registry !== undefined;
    if (options.registry) {
      writeFileSync(join(this.userDir, '.npmrc'), `registry=${options.registry}\n`);
    } else {
      // The package.json Node-RED writes into a new user dir, so npm installs there, as in ~/.node-red.
      writeFileSync(join(this.userDir, 'package.json'), JSON.stringify({ name: 'node-red-project', description: 'A Node-RED Project', version: '0.0.1', private: true }));
      installTarball(this.userDir, { node: this.node });
    }
  }

  /** Starts with these flows and credentials ({configNodeId: {corpId, corpSecret}}); resolves at "Started flows" (or 流程已启动). */
  async start(
    flows: object[],
    credentials: Record<string, Record<string, string>>,
    options: { lang?: string; env?: Record<string, string>; settings?: Record<string, unknown> } = {},
  ): Promise<void> {
    const port = await freePort();
    this.output = '';
    this.url = `http://127.0.0.1:${port}`;
    writeFileSync(join(this.userDir, 'flows.json'), JSON.stringify(flows));
    writeFileSync(join(this.userDir, 'flows_cred.json'), JSON.stringify(credentials));
    writeFileSync(
      join(this.userDir, 'settings.js'),
      `module.exports = ${JSON.stringify({
        uiHost: '127.0.0.1',
        uiPort: port,
        flowFile: 'flows.json',
        credentialSecret: false,
        telemetry: { enabled: false },
        diagnostics: { enabled: false },
        editorTheme: { tours: false },
        externalModules: { palette: { allowInstall: this.paletteInstalls } },
        lang: options.lang,
        logging: { console: { level: 'info', metrics: false, audit: false } },
        ...options.settings,
      })};\n`,
    );
    const child = spawn(this.node, [this.redJs, '--userDir', this.userDir, '--settings', join(this.userDir, 'settings.js'), 'flows.json'], {
      env: { ...withoutNpmConfig(process.env), ...options.env, NODE_ENV: 'production', PATH: `${dirname(this.node)}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const guard = setTimeout(() => child.kill('SIGKILL'), 300_000); // never outlive the suite
    child.once('exit', () => clearTimeout(guard));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Node-RED did not start:\n${this.output}`)), 60_000);
      const onData = (chunk: Buffer): void => {
        this.output += chunk.toString();
        if (STARTED_FLOWS.test(this.output)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Node-RED exited with ${code}:\n${this.output}`));
      });
    });
    child.removeAllListeners('exit');
    child.once('exit', () => clearTimeout(guard));
  }

  /** Fires an inject node, as its button in the editor does. */
  async inject(nodeId: string): Promise<void> {
    // Just after a deploy the new node may not be started yet: it answers 404 until it is.
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`${this.url}/inject/${nodeId}`, { method: 'POST' });
      if (response.ok) return;
      if (response.status !== 404 || attempt >= 50) throw new Error(`inject ${nodeId}: HTTP ${response.status}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A full deploy of new flows through the admin API, as the editor's Deploy button does. */
  async deploy(flows: object[]): Promise<void> {
    const response = await fetch(`${this.url}/flows`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'Node-RED-Deployment-Type': 'full' },
      body: JSON.stringify(flows),
    });
    if (!response.ok) throw new Error(`deploy: HTTP ${response.status} ${await response.text()}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(killer);
  }

  dispose(): void {
    rmSync(this.userDir, { recursive: true, force: true });
  }
}

/** Without the npm_config_* variables `npm test` sets: they would override the user dir's `.npmrc` for the palette's npm. */
function withoutNpmConfig(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([key]) => !/^npm_config_/i.test(key)));
}

/** Polls until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}
