/**
 * The statistic trigger in real n8n 2.8.4, activated through the REST API: it polls, emits
 * the due days once, then nothing; after a restart with n8n's clock and the emulator's
 * moved a day, the cursor comes back from n8n's database and only the new day is emitted.
 * A Start Date older than WeCom keeps: the lost days are a failed execution naming them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDay, todayInChina } from '../../../core/dates/chinaDay';
import { startEmulator, type Emulator } from '../../../emulator';
import { statisticByDay } from '../../../emulator/company';
import { startSink } from '../support/httpSink';
import { N8nHost } from '../support/n8nHost';
import * as wf from './workflows';

jest.setTimeout(300_000);

const WORKFLOW_ID = 'e2eHistoryToHttp';
const DAY_MS = 86_400_000;

let host: N8nHost;
let emu: Emulator;
let sink: Awaited<ReturnType<typeof startSink>>;
const today = todayInChina();

beforeAll(async () => {
  emu = await startEmulator({ port: 0, owners: 50, seed: 21, today: formatDay(today) });
  sink = await startSink();
  host = new N8nHost('n8n');
  await host.importCredentials([{ ...wf.CREDENTIAL, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl } }]);
  await host.importWorkflows([wf.historyToHttp(sink.url), wf.historyToHttp(sink.url, formatDay(today - 183))]);
});

afterAll(async () => {
  await emu?.close();
  await sink?.close();
  host?.dispose();
});

async function activate(server: Awaited<ReturnType<N8nHost['startServer']>>, id: string): Promise<void> {
  const { data } = (await server.get(`/rest/workflows/${id}`)) as { data: { versionId: string } };
  const activated = (await server.request(`/rest/workflows/${id}/activate`, { versionId: data.versionId })) as { data?: { active?: boolean } };
  expect(activated.data?.active).toBe(true);
}

const logFile = () => join(host.userFolder, 'n8n.log');
/** n8n's debug log in a file: it says when a poll starts, even one that emits nothing. */
const logging = () => ({ N8N_LOG_LEVEL: 'debug', N8N_LOG_OUTPUT: 'file', N8N_LOG_FILE_LOCATION: logFile() });
/** Polls n8n has started for the workflow, as its JSON log lines say. */
const polls = (): number =>
  existsSync(logFile())
    ? readFileSync(logFile(), 'utf8')
        .split('\n')
        .filter((line) => line.includes('Polling trigger initiated') && line.includes(`"workflowId":"${WORKFLOW_ID}"`)).length
    : 0;
const dates = () => sink.requests.map((request) => JSON.parse(request.body).date as string);

async function until(what: string, condition: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; sink: ${JSON.stringify(dates())}, polls: ${polls()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

it('polls, emits the due days once and then nothing; after a restart a day later only the new day comes', async () => {
  const started = Date.now();
  const server = await host.startServer(logging());
  try {
    await activate(server, WORKFLOW_ID);
    await until('the first days', () => sink.requests.length >= 2);
    expect(dates()).toEqual([formatDay(today - 2), formatDay(today - 1)]);
    // Two more polls, with nothing due: nothing more arrives.
    const afterActivation = polls();
    await until('two more polls', () => polls() >= afterActivation + 2);
    expect(dates()).toEqual([formatDay(today - 2), formatDay(today - 1)]);
    const saved = (await server.get(`/rest/workflows/${WORKFLOW_ID}`)) as { data: { staticData?: Record<string, { cursor?: string }> } };
    expect(saved.data.staticData?.['node:WeCom Trigger']?.cursor).toBe(formatDay(today - 1));
  } finally {
    await server.stop();
  }
  const firstRun = Date.now() - started;

  // A day later: the emulator's clock, and n8n's (its Date.now moved by a preloaded script).
  emu.setToday(formatDay(today + 1));
  const before = polls();
  const restarted = await host.startServer({
    ...logging(),
    NODE_OPTIONS: `--require ${join(__dirname, '../support/shiftedClock.cjs')}`,
    WECOM_E2E_CLOCK_OFFSET_MS: String(DAY_MS),
  });
  try {
    await until('the new day', () => sink.requests.length >= 3);
    const afterRestart = polls();
    await until('two more polls after the restart', () => polls() >= afterRestart + 2);
    expect(polls()).toBeGreaterThan(before);
    expect(dates()).toEqual([formatDay(today - 2), formatDay(today - 1), formatDay(today)]);
  } finally {
    await restarted.stop();
  }
  // The values are the emulator's: the sums over the owners it lists.
  const owners = emu.company.visibleOwners();
  for (const request of sink.requests) {
    const item = JSON.parse(request.body);
    const day = today + [-2, -1, 0][sink.requests.indexOf(request)];
    expect(item.new_chat_cnt).toBe(statisticByDay(emu.company, { beginDay: day, endDay: day, owners }).items[0].data.new_chat_cnt);
    expect(item.owner_count).toBe(owners.length);
  }
  // n8n's debug log and the sink never saw the secret or a token.
  const seen = `${readFileSync(logFile(), 'utf8')}\n${JSON.stringify(sink.requests)}`;
  expect(emu.issuedTokens().length).toBeGreaterThan(0);
  expect([emu.corpSecret, ...emu.issuedTokens()].filter((secret) => seen.includes(secret))).toEqual([]);
  console.log(`real n8n 2.8.4 history trigger: first run ${Math.round(firstRun / 1000)} s, whole test ${Math.round((Date.now() - started) / 1000)} s, polls ${polls()}`);
});

it('names the days WeCom no longer keeps in a failed execution, and emits the 180 days it keeps', async () => {
  emu.setToday(formatDay(today));
  const posted = sink.requests.length;
  const server = await host.startServer();
  try {
    await activate(server, 'e2eHistoryFromDate');
    await until('the 180 kept days', () => sink.requests.length >= posted + 180);
    expect(dates().slice(posted)).toEqual(Array.from({ length: 180 }, (_, i) => formatDay(today - 180 + i)));
    const list = (await server.get(`/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: 'e2eHistoryFromDate' }))}`)) as { data: { results: { id: string; status: string }[] } };
    const failed = list.data.results.filter((execution) => execution.status === 'error');
    expect(failed).toHaveLength(1);
    const execution = JSON.stringify(await server.get(`/rest/executions/${failed[0].id}`));
    expect(execution).toContain(`WeCom no longer keeps ${formatDay(today - 183)} to ${formatDay(today - 181)} (3 days)`);
  } finally {
    await server.stop();
  }
});
