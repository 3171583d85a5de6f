/**
 * Real n8n 2.8.4 in queue mode: `n8n start` (the main), two `n8n worker` processes, Debian's
 * PostgreSQL and Redis on free loopback ports, this package installed in each n8n's user
 * folder as a user installs it. Ten statistic executions started together through a
 * webhook on the main run on both workers: every record right, at most one gettoken per
 * worker. Tokens revoked mid-run: at most one refresh per worker, every record. A worker
 * SIGKILLed mid-execution: n8n fails the execution (its job stalled) and its Retry runs
 * nothing; the workflow started again delivers every record with no new gettoken. The statistic trigger polls on the main, its executions run on the
 * workers, and each day is delivered once across a main restart.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WeComClient } from '../../../core/client';
import { formatDay, todayInChina } from '../../../core/dates/chinaDay';
import { flattenRecord } from '../../../core/records/shape';
import { MemoryTokenStore } from '../../../core/token/tokenStore';
import { ownerId } from '../../../emulator/company';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator';
import { revokeTokensAfter } from '../../support/revokeTokens';
import { startSink } from '../support/httpSink';
import { N8nHost } from '../support/n8nHost';
import { startPostgres, startRedis } from '../support/services';
import * as wf from './workflows';

jest.setTimeout(300_000);

const EXECUTIONS = 10;
const COLD_ROUNDS = 3;
const DAY_MS = 86_400_000;
const COMPANY: EmulatorOptions = { port: 0, host: '127.0.0.1', owners: 250, seed: 11 };
const OWNERS = Array.from({ length: 250 }, (_, i) => ownerId(i + 1));
/** A credential (no token stored) and a webhook workflow answering with the records, per cold round. */
const cold = Array.from({ length: COLD_ROUNDS }, (_, i) => ({ credential: { id: `wecomQueueCold0${i + 1}`, name: `WeCom cold ${i + 1}` }, workflow: `e2eQueueCold${i + 1}` }));
const SLOW_CREDENTIAL = { id: 'wecomQueueSlow001', name: 'WeCom slow' };
const KILL_WORKFLOW = 'e2eQueueKill';
const HISTORY_WORKFLOW = 'e2eHistoryToHttp';

type Server = Awaited<ReturnType<N8nHost['startServer']>>;
type Worker = Awaited<ReturnType<N8nHost['startWorker']>> & { gettokenLog: string };

const cleanups: (() => Promise<void> | void)[] = [];
let emu: Emulator;
let slow: Emulator;
let sink: Awaited<ReturnType<typeof startSink>>;
let mainHost: N8nHost;
let main: Server;
let mainEnv: NodeJS.ProcessEnv;
const workers: Worker[] = [];
let expected: unknown[];
const today = todayInChina();

beforeAll(async () => {
  const clean = await startEmulator(COMPANY);
  try {
    const client = new WeComClient({ baseUrl: clean.baseUrl, corpId: clean.corpId, corpSecret: clean.corpSecret, tokenStore: new MemoryTokenStore() });
    expected = (await client.collectStatistics({ mode: 'byDay', dates: { preset: 'last180Days' }, owners: OWNERS })).records.map(flattenRecord);
  } finally {
    await clean.close();
  }
  // 18 statistic calls per execution, 30 ms each: ten executions overlap on both workers.
  emu = await startEmulator({ ...COMPANY, latencyMs: 30, today: formatDay(today) });
  cleanups.push(() => emu.close());
  // 1.5 s a call: an execution runs long enough to be killed in the middle.
  slow = await startEmulator({ ...COMPANY, latencyMs: 1500 });
  cleanups.push(() => slow.close());
  sink = await startSink();
  cleanups.push(() => sink.close());
  const [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
  cleanups.push(() => postgres.stop(), () => redis.stop());

  const env: NodeJS.ProcessEnv = {
    EXECUTIONS_MODE: 'queue',
    DB_TYPE: 'postgresdb',
    DB_POSTGRESDB_HOST: '127.0.0.1',
    DB_POSTGRESDB_PORT: String(postgres.port),
    DB_POSTGRESDB_DATABASE: postgres.database,
    DB_POSTGRESDB_USER: postgres.user,
    DB_POSTGRESDB_PASSWORD: postgres.password,
    QUEUE_BULL_REDIS_HOST: '127.0.0.1',
    QUEUE_BULL_REDIS_PORT: String(redis.port),
    N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
    // A dead worker's job fails after seconds, not n8n's default minutes (lock 60 s, stall check 30 s).
    QUEUE_WORKER_LOCK_DURATION: '10000',
    QUEUE_WORKER_LOCK_RENEW_TIME: '2000',
    QUEUE_WORKER_STALLED_INTERVAL: '5000',
  };
  const hosts = [0, 1, 2].map(() => new N8nHost('n8n', { env }));
  cleanups.push(() => hosts.forEach((host) => host.dispose()));
  [mainHost] = hosts;
  await mainHost.importCredentials([
    ...cold.map(({ credential }) => ({ ...credential, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl } })),
    { ...SLOW_CREDENTIAL, type: 'weComApi', data: { corpId: slow.corpId, corpSecret: slow.corpSecret, baseUrl: slow.baseUrl } },
    { ...wf.CREDENTIAL, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl } },
  ]);
  await mainHost.importWorkflows([
    ...cold.map(({ workflow, credential }) => wf.queueWebhook(workflow, credential, 'lastNode')),
    wf.queueWebhook(KILL_WORKFLOW, SLOW_CREDENTIAL, { sinkUrl: sink.url }),
    wf.historyToHttp(sink.url),
  ]);
  mainEnv = {
    // Its debug log says when a poll starts.
    N8N_LOG_LEVEL: 'debug',
    N8N_LOG_OUTPUT: 'file',
    N8N_LOG_FILE_LOCATION: join(mainHost.userFolder, 'n8n.log'),
  };
  main = await mainHost.startServer(mainEnv, { lifetimeMs: 420_000 });
  cleanups.push(() => main.stop());
  const started = await Promise.all(
    [hosts[1], hosts[2]].map(async (host) => {
      const gettokenLog = join(host.userFolder, 'gettoken.log');
      const worker = await host.startWorker(
        {
          // At most 5 executions at a time each: ten started together run on both.
          N8N_CONCURRENCY_PRODUCTION_LIMIT: '5',
          NODE_OPTIONS: `--require ${join(__dirname, '../support/countGettoken.cjs')}`,
          WECOM_E2E_GETTOKEN_LOG: gettokenLog,
        },
        { lifetimeMs: 420_000 },
      );
      cleanups.push(() => worker.stop());
      return { ...worker, gettokenLog };
    }),
  );
  workers.push(...started);
  for (const { workflow } of cold) await activate(workflow);
  await activate(KILL_WORKFLOW);
}, 420_000);

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
});

async function activate(id: string): Promise<void> {
  const { data } = (await main.get(`/rest/workflows/${id}`)) as { data: { versionId: string } };
  const activated = (await main.request(`/rest/workflows/${id}/activate`, { versionId: data.versionId })) as { data?: { active?: boolean } };
  expect(activated.data?.active).toBe(true);
}

const lines = (file: string): string[] => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : []);
/** The executions of `workflowId` the worker's log says it started. */
const startedOn = (worker: Worker, workflowId: string): string[] =>
  lines(worker.logFile)
    .filter((line) => line.includes('Worker started execution') && line.includes(`"workflowId":"${workflowId}"`))
    .map((line) => /Worker started execution (\d+)/.exec(line)?.[1] as string);
/** gettoken requests the worker's process sent. */
const gettokensOf = (worker: Worker): number => lines(worker.gettokenLog).length;

async function until(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Ten executions of `workflow` started together through the main's webhook; per worker, the executions it ran and its gettokens. */
async function tenTogether(workflow: string): Promise<{ answers: unknown[]; ran: number[]; gettokens: number[] }> {
  const ranBefore = workers.map((worker) => startedOn(worker, workflow).length);
  const gettokensBefore = workers.map(gettokensOf);
  const answers = await Promise.all(
    Array.from({ length: EXECUTIONS }, async () => {
      const response = await fetch(`${main.baseUrl}/webhook/${workflow}`, { method: 'POST', signal: AbortSignal.timeout(120_000) });
      expect(response.status).toBe(200);
      return response.json();
    }),
  );
  return {
    answers,
    ran: workers.map((worker, i) => startedOn(worker, workflow).length - ranBefore[i]),
    gettokens: workers.map((worker, i) => gettokensOf(worker) - gettokensBefore[i]),
  };
}

const figures: string[] = [];
afterAll(() => console.log(`real n8n 2.8.4 queue mode, 2 workers:\n${figures.join('\n')}`));

it(`${EXECUTIONS} executions with no stored token started together, ${COLD_ROUNDS} times: both workers run some, every record right, at most one gettoken per worker; ${EXECUTIONS} more: none`, async () => {
  for (const { workflow } of cold) {
    const emuBefore = emu.callCount('gettoken');
    const round = await tenTogether(workflow);
    for (const answer of round.answers) expect(answer).toEqual(expected);
    expect(round.ran.reduce((a, b) => a + b)).toBe(EXECUTIONS);
    expect(round.ran.every((ran) => ran > 0)).toBe(true);
    expect(round.gettokens.every((count) => count <= 1)).toBe(true);
    // The counter in each worker saw every gettoken WeCom got.
    expect(emu.callCount('gettoken') - emuBefore).toBe(round.gettokens.reduce((a, b) => a + b));
    expect(emu.callCount('gettoken') - emuBefore).toBeGreaterThanOrEqual(1);
    // WeCom hands out the token it already issued while that one is valid: one token for all.
    expect(emu.issuedTokens()).toHaveLength(1);
    figures.push(`cold ${workflow}: executions per worker ${round.ran.join('+')}, gettoken per worker ${round.gettokens.join('+')}`);
  }
  const warm = await tenTogether(cold[0].workflow);
  for (const answer of warm.answers) expect(answer).toEqual(expected);
  expect(warm.gettokens).toEqual([0, 0]);
  figures.push(`warm (token stored): executions per worker ${warm.ran.join('+')}, gettoken ${warm.gettokens.join('+')}`);
});

it('tokens revoked while executions run on both workers: at most one refresh per worker, every record right', async () => {
  const rejectedBefore = emu.log.filter((entry) => entry.errcode === 40014).length;
  // 180 statistic calls in all: 40 answered, the revocation comes while most are still to come.
  const stop = revokeTokensAfter(emu, 'groupchat/statistic_group_by_day', emu.callCount('groupchat/statistic_group_by_day') + 40);
  let round: Awaited<ReturnType<typeof tenTogether>>;
  try {
    round = await tenTogether(cold[1].workflow);
  } finally {
    expect(stop()).toBe(true);
  }
  for (const answer of round.answers) expect(answer).toEqual(expected);
  expect(round.ran.every((ran) => ran > 0)).toBe(true);
  expect(emu.log.filter((entry) => entry.errcode === 40014).length).toBeGreaterThan(rejectedBefore);
  expect(round.gettokens.every((count) => count <= 1)).toBe(true);
  expect(round.gettokens.reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
  figures.push(`revoked mid-run: executions per worker ${round.ran.join('+')}, refreshes per worker ${round.gettokens.join('+')}, 40014 answers ${emu.log.filter((entry) => entry.errcode === 40014).length - rejectedBefore}`);
});

/** What n8n 2.8.4 says of an execution whose worker died (its MaxStalledCountError). */
const STALLED_MESSAGE = 'This execution failed to be processed too many times and will no longer retry';

it('a worker SIGKILLed mid-execution: n8n fails the execution; starting the workflow again delivers every record once, with no new gettoken', async () => {
  const response = await fetch(`${main.baseUrl}/webhook/${KILL_WORKFLOW}`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
  expect(response.status).toBe(200);
  let victim: Worker | undefined;
  await until('the execution on a worker', () => (victim = workers.find((worker) => startedOn(worker, KILL_WORKFLOW).length > 0)) !== undefined);
  // Killed in the middle of its statistic calls (the token fetched and stored before).
  await until('the first statistic calls', () => slow.callCount('groupchat/statistic_group_by_day') >= 1);
  expect(slow.callCount('groupchat/statistic_group_by_day')).toBeLessThan(18);
  const killed = victim as Worker;
  const [executionId] = startedOn(killed, KILL_WORKFLOW);
  await killed.kill();
  workers.splice(workers.indexOf(killed), 1);
  const killedAt = Date.now();

  let execution = { data: { status: '' } };
  await until(
    'n8n to mark the execution',
    async () => {
      execution = (await main.get(`/rest/executions/${executionId}`)) as typeof execution;
      return !['new', 'running'].includes(execution.data.status);
    },
    120_000,
  );
  // The job's lock ran out and the other worker found it stalled: the main fails the execution.
  const status = execution.data.status;
  expect(status).toBe('error');
  expect(JSON.stringify(execution)).toContain(STALLED_MESSAGE);
  const markedAfter = Math.round((Date.now() - killedAt) / 1000);
  // Not handed to the other worker, and nothing delivered.
  expect(startedOn(workers[0], KILL_WORKFLOW)).toEqual([]);
  expect(sink.requests).toEqual([]);

  // n8n replaced the execution's data by the error: its Retry runs nothing and delivers nothing.
  const retried = (await main.request(`/rest/executions/${executionId}/retry`, { loadWorkflow: false })) as { data?: { status?: string } };
  expect(retried.data?.status).toBe('error');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  expect(sink.requests).toEqual([]);

  // The rerun: the workflow started again, on the worker left.
  const gettokensBefore = slow.callCount('gettoken');
  const rerun = await fetch(`${main.baseUrl}/webhook/${KILL_WORKFLOW}`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
  expect(rerun.status).toBe(200);
  await until('every record', () => sink.requests.length >= expected.length);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(sink.requests.map((request) => JSON.parse(request.body))).toEqual(expected);
  expect(startedOn(workers[0], KILL_WORKFLOW).length).toBeGreaterThanOrEqual(1);
  const rerunGettokens = slow.callCount('gettoken') - gettokensBefore;
  // The token stored before the kill serves the rerun.
  expect(rerunGettokens).toBe(0);
  figures.push(`worker killed: execution '${status}' ${markedAfter} s after the kill, its Retry '${retried.data?.status}' with no record, the rerun ${sink.requests.length} records, gettoken before the kill ${gettokensBefore}, during the rerun ${rerunGettokens}`);
});

it('the trigger polls on the main, its executions run on the worker, and each day is delivered once across a main restart', async () => {
  sink.requests.length = 0;
  const mainLog = join(mainHost.userFolder, 'n8n.log');
  const polls = () => lines(mainLog).filter((line) => line.includes('Polling trigger initiated') && line.includes(`"workflowId":"${HISTORY_WORKFLOW}"`)).length;
  const dates = () => sink.requests.map((request) => JSON.parse(request.body).date as string);
  await activate(HISTORY_WORKFLOW);
  await until('the first days', () => sink.requests.length >= 2);
  const afterFirst = polls();
  await until('two more polls', () => polls() >= afterFirst + 2);
  expect(dates()).toEqual([formatDay(today - 2), formatDay(today - 1)]);
  await main.stop();

  // A day later for the main (its Date.now moved by a preloaded script) and the emulator.
  emu.setToday(formatDay(today + 1));
  main = await mainHost.startServer(
    { ...mainEnv, NODE_OPTIONS: `--require ${join(__dirname, '../support/shiftedClock.cjs')}`, WECOM_E2E_CLOCK_OFFSET_MS: String(DAY_MS) },
    { lifetimeMs: 240_000 },
  );
  cleanups.push(() => main.stop());
  await until('the new day', () => sink.requests.length >= 3);
  const afterRestart = polls();
  await until('two more polls after the restart', () => polls() >= afterRestart + 2);
  expect(dates()).toEqual([formatDay(today - 2), formatDay(today - 1), formatDay(today)]);
  // One execution per poll that emitted, each on the worker.
  expect(startedOn(workers[0], HISTORY_WORKFLOW)).toHaveLength(2);
  figures.push(`trigger: days ${dates().join(', ')} delivered once across a main restart, ${polls()} polls on the main, ${startedOn(workers[0], HISTORY_WORKFLOW).length} executions on the worker`);
});
