/**
 * Two runs started together on one credential share one token: one gettoken call. Core:
 * two clients on one token store; n8n: two executions of two workflows at once on one
 * n8n instance and credential; Node-RED: two statistic nodes on one config node,
 * triggered together. Each run still returns its own records.
 */
import { flattenRecord, type FlatRecord } from '../../core/records/shape';
import { MemoryTokenStore } from '../../core/token/tokenStore';
import type { Emulator } from '../../emulator';
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { runOnToday } from './support/clock';
import { coreClient, coreQuery, emulator, faultFreeRecords, n8nParameters, nodeRedConfig, type Job } from './support/jobs';
import { Captured } from './support/leakScan';
import { STATISTIC_NODE as NODE, statisticWorkflow } from '../../scripts/hosts/n8n/statisticWorkflow';
import { helper, loadFlow, startNodeRed, stopNodeRed, trigger } from './support/nodeRedFlow';

runOnToday();
const captured = new Captured();
const DAILY: Job = { mode: 'byDay', preset: 'last30Days' };
const RANKING: Job = { mode: 'byOwner', preset: 'last30Days' };
const expected = new Map<Job, FlatRecord[]>();

beforeAll(async () => {
  await startNodeRed();
  for (const job of [DAILY, RANKING]) expected.set(job, await faultFreeRecords(job));
});
afterAll(async () => {
  await stopNodeRed();
  releaseN8nResources();
});

/** gettoken answers after 100 ms, so the second run asks while the first is still waiting. */
async function slowEmulator(): Promise<Emulator> {
  return emulator({ latencyMs: 100 });
}

describe('two runs at once on one credential', () => {
  it('core: two clients sharing a token store make one gettoken call', async () => {
    const emu = await slowEmulator();
    try {
      const store = new MemoryTokenStore();
      const [daily, ranking] = await Promise.all([
        coreClient(emu, { tokenStore: store }).collectStatistics(coreQuery(DAILY)),
        coreClient(emu, { tokenStore: store }).collectStatistics(coreQuery(RANKING)),
      ]);
      captured.add('core', { daily, ranking });
      expect(daily.records.map(flattenRecord)).toEqual(expected.get(DAILY));
      expect(ranking.records.map(flattenRecord)).toEqual(expected.get(RANKING));
      expect(emu.callCount('gettoken')).toBe(1);
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });

  it('n8n: two executions in parallel on one credential make one gettoken call', async () => {
    const emu = await slowEmulator();
    try {
      const n8n = new InProcessN8n(emu);
      const [daily, ranking] = await Promise.all([n8n.run(statisticWorkflow(n8nParameters(DAILY))), n8n.run(statisticWorkflow(n8nParameters(RANKING)))]);
      captured.add('n8n daily', daily.run);
      captured.add('n8n ranking', ranking.run);
      expect(daily.items(NODE).map((item) => item.json)).toEqual(expected.get(DAILY));
      expect(ranking.items(NODE).map((item) => item.json)).toEqual(expected.get(RANKING));
      expect(emu.callCount('gettoken')).toBe(1);
      // Both executions found the token n8n stored.
      expect(n8n.storedCredential().accessToken).toBe(emu.issuedTokens()[0]);
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });

  it('Node-RED: two statistic nodes on one config node, triggered together, make one gettoken call', async () => {
    const emu = await slowEmulator();
    try {
      await loadFlow(emu, { daily: nodeRedConfig(DAILY), ranking: nodeRedConfig(RANKING) });
      const [daily, ranking] = await Promise.all([trigger('daily'), trigger('ranking')]);
      captured.add('Node-RED', { daily, ranking, log: helper.log().args });
      expect(daily.sent?.payload).toEqual(expected.get(DAILY));
      expect(ranking.sent?.payload).toEqual(expected.get(RANKING));
      expect(emu.callCount('gettoken')).toBe(1);
    } finally {
      await helper.unload();
      captured.tokensOf(emu);
      await emu.close();
    }
  });
});

it('puts no secret or token in any record, run data, message or log line above', () => {
  expect(Object.keys(captured.texts)).toHaveLength(4);
  expect(captured.tokenCount).toBe(3);
  expect(captured.leaks()).toEqual([]);
});
