import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from './freePort';
import { hostDir, nodeBinaryFor } from './hosts';
import { installTarball } from './installPackage';
import { stoppable } from './processTree';

export interface ExecuteResult {
  code: number;
  output: string;
  /** The run's data, parsed from the first line of the output that starts with `{`. */
  run?: { data: { resultData: { runData: Record<string, { data?: { main: { json: Record<string, unknown>; binary?: Record<string, { data: string; mimeType: string; fileName?: string }> }[][] } }[]>; error?: { message: string; description?: string } } } };
}

export const OWNER = { email: 'e2e@example.com', firstName: 'End', lastName: 'ToEnd', password: 'E2e-owner-Passw0rd' };


/**
 * A real n8n, installed from the npm registry, run headless with its own user folder, into
 * whose `.n8n/nodes` this package is installed as the README says (unless `installed` is false).
 */
export class N8nHost {
  readonly userFolder: string;
  /** `~/.n8n/nodes`: where n8n loads community packages from. */
  readonly nodesFolder: string;
  private readonly bin: string;
  private readonly node: string;
  /** Added to the environment of every n8n command of this host (such as queue mode's database and Redis). */
  private readonly sharedEnv: NodeJS.ProcessEnv;

  constructor(hostName: string, { installed = true, env = {} as NodeJS.ProcessEnv } = {}) {
    this.sharedEnv = env;
    this.bin = join(hostDir(hostName), 'node_modules/n8n/bin/n8n');
    this.node = nodeBinaryFor(hostName);
    this.userFolder = mkdtempSync(join(tmpdir(), `wecom-${hostName}-`));
    this.nodesFolder = join(this.userFolder, '.n8n/nodes');
    mkdirSync(this.nodesFolder, { recursive: true });
    if (installed) this.installPackage();
  }

  /** `cd ~/.n8n/nodes && npm install <tarball>`, on the Node.js this n8n runs on; returns the seconds it took. */
  installPackage(): number {
    return installTarball(this.nodesFolder, { node: this.node });
  }

  /**
   * One n8n command. Its output goes to files, not pipes: Node writes to a pipe
   * asynchronously, and n8n exits right after printing, which cut a run's JSON of a few MB
   * short under load; writes to a file are synchronous.
   */
  async cli(args: string[], timeoutMs = 90_000): Promise<{ code: number; output: string }> {
    const env = await this.env();
    const base = join(this.userFolder, `cli-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const out = openSync(`${base}.out`, 'w');
    const err = openSync(`${base}.err`, 'w');
    try {
      const child = spawn(this.node, [this.bin, ...args], { env, stdio: ['ignore', out, err] });
      const exit = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
      const timer = setTimeout(() => void stoppable(child).stop(), timeoutMs);
      const code = await exit.finally(() => clearTimeout(timer));
      return { code, output: `${readFileSync(`${base}.out`, 'utf8')}${readFileSync(`${base}.err`, 'utf8')}` };
    } finally {
      closeSync(out);
      closeSync(err);
      rmSync(`${base}.out`, { force: true });
      rmSync(`${base}.err`, { force: true });
    }
  }

  /**
   * `n8n start` on a free loopback port with an owner signed in (set up on the first start,
   * logged in after): for what only the REST API does, such as the credential test, or the
   * editor at `baseUrl`. Stopped by the returned function, or after `lifetimeMs` (3 minutes).
   * `extraEnv` adds to n8n's environment.
   */
  async startServer(
    extraEnv: NodeJS.ProcessEnv = {},
    { lifetimeMs = 180_000 } = {},
  ): Promise<{ baseUrl: string; request(path: string, body: unknown): Promise<unknown>; get(path: string): Promise<unknown>; stop(): Promise<void> }> {
    const port = await freePort();
    const { stop } = await this.spawnN8n('start', { ...extraEnv, N8N_PORT: String(port), N8N_LISTEN_ADDRESS: '127.0.0.1' }, lifetimeMs);
    const base = `http://127.0.0.1:${port}`;
    let cookie = '';
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
    // Routes register a moment after the port answers, and until then (or while a new database
    // migrates) n8n answers 200 "n8n is starting up": retry until a session cookie comes back.
    for (let attempt = 0; ; attempt++) {
      let response = await post('/rest/owner/setup', OWNER).catch(() => undefined);
      if (response?.status === 400) response = await post('/rest/login', { emailOrLdapLoginId: OWNER.email, password: OWNER.password }).catch(() => undefined);
      const session = response?.ok ? response.headers.get('set-cookie') : null;
      if (session) {
        cookie = session.split(';')[0];
        break;
      }
      // About 150 s: a restart with a community package on a loaded machine takes longer than a first start.
      if (attempt > 300) {
        await stop();
        throw new Error(`n8n did not start on ${base}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    return {
      baseUrl: base,
      request: async (path, body) => (await post(path, body)).json(),
      // n8n streams /types/*.json to disk while it starts: retry until the whole file parses.
      get: async (path) => {
        for (let attempt = 0; ; attempt++) {
          const text = await (await fetch(`${base}${path}`, { headers: { cookie } })).text();
          try {
            return JSON.parse(text);
          } catch (error) {
            if (attempt >= 40) throw error;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      },
      stop,
    };
  }

  /**
   * `n8n worker` (queue mode: give the host the database and Redis settings), ready once its
   * health endpoint answers on a free loopback port. Its log goes to `logFile`. Stopped by
   * stop(), killed at once (SIGKILL, with its task runner) by kill(), or after `lifetimeMs`.
   */
  async startWorker(extraEnv: NodeJS.ProcessEnv = {}, { lifetimeMs = 360_000 } = {}): Promise<{ logFile: string; stop(): Promise<void>; kill(): Promise<void> }> {
    const port = await freePort();
    const logFile = join(this.userFolder, 'worker.log');
    const worker = await this.spawnN8n(
      'worker',
      {
        QUEUE_HEALTH_CHECK_ACTIVE: 'true',
        QUEUE_HEALTH_CHECK_PORT: String(port),
        N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
        N8N_LOG_OUTPUT: 'file',
        N8N_LOG_FILE_LOCATION: logFile,
        ...extraEnv,
      },
      lifetimeMs,
    );
    for (let attempt = 0; ; attempt++) {
      const response = await fetch(`http://127.0.0.1:${port}/healthz/readiness`).catch(() => undefined);
      if (response?.ok) break;
      if (attempt > 300 || worker.exited()) {
        await worker.stop();
        throw new Error(`n8n worker did not become ready; its log: ${logFile}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    return { logFile, stop: worker.stop, kill: worker.kill };
  }

  /** An n8n command, ended with its task runner by stop() or kill(), or after `lifetimeMs`. */
  private async spawnN8n(command: string, extraEnv: NodeJS.ProcessEnv, lifetimeMs: number) {
    const child = spawn(this.node, [this.bin, command], { env: { ...(await this.env()), ...extraEnv }, stdio: 'ignore' });
    const running = stoppable(child);
    const guard = setTimeout(() => void running.stop(), lifetimeMs);
    child.once('exit', () => clearTimeout(guard));
    return running;
  }

  private async env(): Promise<NodeJS.ProcessEnv> {
    // jest sets NODE_ENV=test, which makes n8n's CLI do nothing at all.
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: `${dirname(this.node)}:${process.env.PATH}`,
      N8N_USER_FOLDER: this.userFolder,
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      // The editor would fetch its banners from api.n8n.io and log the failure.
      N8N_DYNAMIC_BANNERS_ENABLED: 'false',
      // A free port: n8n processes of parallel test files must not share their task broker's.
      N8N_RUNNERS_BROKER_PORT: String(await freePort()),
      // $today and the schedule trigger in China time, as WeCom shops run n8n.
      GENERIC_TIMEZONE: 'Asia/Shanghai',
      N8N_DEFAULT_BINARY_DATA_MODE: 'default',
      ...this.sharedEnv,
    };
    delete env.NODE_ENV;
    return env;
  }

  async importCredentials(credentials: object[]): Promise<void> {
    await this.importFile('import:credentials', credentials);
  }

  async importWorkflows(workflows: object[]): Promise<void> {
    await this.importFile('import:workflow', workflows);
  }

  async execute(workflowId: string): Promise<ExecuteResult> {
    const { code, output } = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
    return { code, output, run: parseRun(output) };
  }

  dispose(): void {
    rmSync(this.userFolder, { recursive: true, force: true });
  }

  private async importFile(command: string, content: object): Promise<void> {
    const file = join(this.userFolder, `${command.replace(':', '-')}-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, JSON.stringify(content));
    const { code, output } = await this.cli([command, `--input=${file}`]);
    if (code !== 0) throw new Error(`${command} failed (${code}):\n${output}`);
  }
}

/**
 * The run's JSON in `n8n execute --rawOutput`: log lines may come before and after it, and
 * some of them (n8n 2.41's) are JSON too, so take the block from a line starting with `{`
 * to a line that is `}` alone that parses and holds resultData.
 */
function parseRun(output: string): ExecuteResult['run'] {
  const starts = [...output.matchAll(/^\{/gm)].map((m) => m.index as number);
  const ends = [...output.matchAll(/^\}$/gm)].map((m) => (m.index as number) + 1).reverse();
  for (const start of starts) {
    for (const end of ends) {
      if (end <= start) break;
      try {
        const run = JSON.parse(output.slice(start, end));
        if (run?.data?.resultData) return run;
      } catch {
        // not this block
      }
    }
  }
  return undefined;
}

export function itemsOf(result: ExecuteResult, nodeName: string) {
  const runs = result.run?.data.resultData.runData[nodeName];
  return runs?.[0]?.data?.main[0] ?? [];
}
