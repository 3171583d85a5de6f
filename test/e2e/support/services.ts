import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './freePort';
import { stoppable } from './processTree';

/** A server of the queue-mode test: Debian's PostgreSQL or Redis (scripts/e2e/install-services.sh installs them). */
export interface Service {
  port: number;
  stop(): Promise<void>;
}

export interface Postgres extends Service {
  database: string;
  user: string;
  password: string;
}

const START_TIMEOUT_MS = 30_000;

/** Runs in its own process group, so stop() ends its children too: SIGTERM, then SIGKILL after 10 s. */
interface Server {
  child: ChildProcess;
  /** The end of what it wrote to stderr, for the error when it does not start. */
  stderr(): string;
  stop(): Promise<void>;
}

/** A server process, stopped with `signal` and its children with it (SIGKILL after 10 s). */
function spawnServer(command: string, args: string[], signal: NodeJS.Signals, options: { uid?: number; gid?: number; cwd?: string } = {}): Server {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = `${stderr}${chunk}`.slice(-4000)));
  return { child, stderr: () => stderr, stop: stoppable(child, signal).stop };
}

/** Resolves once `probe` answers true, or rejects after 30 s (or when the server exits). */
async function ready(name: string, server: Server, probe: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!(await probe())) {
    if (server.child.exitCode !== null) throw new Error(`${name} exited (${server.child.exitCode}): ${server.stderr()}`);
    if (Date.now() > deadline) throw new Error(`${name} did not start in ${START_TIMEOUT_MS / 1000} s: ${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Sends `line` to 127.0.0.1:port and says whether the answer starts with `expected`. */
function answers(port: number, line: string, expected: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith(expected)));
    socket.once('connect', () => socket.write(line));
  });
}

/** Redis on a free loopback port, in memory only, its working folder a temporary one. */
export async function startRedis(): Promise<Service> {
  const dir = mkdtempSync(join(tmpdir(), 'wecom-redis-'));
  const port = await freePort();
  const server = spawnServer('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], 'SIGTERM');
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await ready('redis-server', server, () => answers(port, 'PING\r\n', '+PONG'));
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, stop };
}

/** Debian's newest PostgreSQL bin folder, else the PATH's. */
function postgresBin(name: string): string {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a)) : [];
  const found = versions.map((version) => `/usr/lib/postgresql/${version}/bin/${name}`).find((path) => existsSync(path));
  return found ?? name;
}

/** PostgreSQL refuses to run as root: as root, its files and processes belong to the postgres user (else nobody). */
function postgresUser(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const id = (flag: string) => Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
      return { uid: id('-u'), gid: id('-g') };
    } catch {
      // no such user
    }
  }
  throw new Error('PostgreSQL cannot run as root, and neither a postgres nor a nobody user exists');
}

/**
 * A PostgreSQL cluster of its own in a temporary folder, on a free loopback port, with a
 * password-protected user and an empty database for n8n.
 */
export async function startPostgres(): Promise<Postgres> {
  const dir = mkdtempSync(join(tmpdir(), 'wecom-postgres-'));
  const data = join(dir, 'data');
  const user = 'n8n';
  const password = 'e2e-postgres-password';
  const database = 'n8n';
  const owner = postgresUser();
  writeFileSync(join(dir, 'password'), password);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const run = { ...owner, cwd: dir };
  execFileSync(postgresBin('initdb'), ['-D', data, '-U', user, '--pwfile', join(dir, 'password'), '--auth', 'scram-sha-256', '-E', 'UTF8', '--no-sync'], { ...run, stdio: 'pipe' });
  const port = await freePort();
  // SIGINT: PostgreSQL's fast shutdown (SIGTERM waits for every client to leave).
  const server = spawnServer(postgresBin('postgres'), ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off', '-c', 'max_connections=200'], 'SIGINT', run);
  const stop = async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const isReady = () => {
      try {
        execFileSync(postgresBin('pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-q'], { stdio: 'ignore', timeout: 5000 });
        return Promise.resolve(true);
      } catch {
        return Promise.resolve(false);
      }
    };
    await ready('postgres', server, isReady);
    execFileSync(postgresBin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', user, database], { env: { ...process.env, PGPASSWORD: password }, stdio: 'pipe', timeout: 10_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, user, password, database, stop };
}
