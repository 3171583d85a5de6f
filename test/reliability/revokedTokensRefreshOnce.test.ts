/**
 * Every token revoked mid-run (after a few statistic calls, with more in flight): each host
 * refreshes exactly once (one more gettoken), and every page is fetched once, none lost
 * or repeated, so the records equal a fault-free run's.
 */
import { ENDPOINTS } from '../../core/endpoints';
import { flattenRecord, type FlatRecord } from '../../core/records/shape';
import type { Emulator, EndpointName } from '../../emulator';
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { runOnToday } from './support/clock';
import { BY_DAY, BY_OWNER, coreClient, coreQuery, emulator, faultFreeRecords, n8nParameters, nodeRedConfig, type Job } from './support/jobs';
import { Captured } from './support/leakScan';
import { STATISTIC_NODE as NODE, statisticWorkflow } from '../../scripts/hosts/n8n/statisticWorkflow';
import { helper, loadFlow, startNodeRed, stopNodeRed, trigger } from './support/nodeRedFlow';
import { emulatorName, successesPerBody } from './support/requests';
import { revokeTokensAfter } from '../support/revokeTokens';

runOnToday();
const captured = new Captured();
const expected = new Map<Job, FlatRecord[]>();
/** 6 windows x 3 batches of owners. */
const STATISTIC_CALLS = 18;

beforeAll(async () => {
  await startNodeRed();
  for (const job of [BY_DAY, BY_OWNER]) expected.set(job, await faultFreeRecords(job));
});
afterAll(async () => {
  await stopNodeRed();
  releaseN8nResources();
});

const endpointOf = (job: Job) => (job.mode === 'byDay' ? ENDPOINTS.byDay : ENDPOINTS.byOwner);

/** Runs `job` through a host while the tokens are revoked after 3 statistic answers; checks the emulator's side. */
async function withRevocation(job: Job, run: (emu: Emulator) => Promise<unknown[]>): Promise<void> {
  // Latency keeps the default 8 calls in flight when the revocation comes.
  const emu = await emulator({ latencyMs: 20 });
  try {
    const stop = revokeTokensAfter(emu, emulatorName(endpointOf(job)) as EndpointName, 3);
    let records: unknown[];
    try {
      records = await run(emu);
    } finally {
      expect(stop()).toBe(true);
    }
    expect(records).toEqual(expected.get(job));
    expect(emu.log.filter((entry) => entry.errcode === 40014).length).toBeGreaterThan(0);
    expect(emu.callCount('gettoken')).toBe(2);
    // Every page answered exactly once: none lost, none repeated.
    expect(successesPerBody(emu, endpointOf(job))).toEqual(Array(STATISTIC_CALLS).fill(1));
  } finally {
    captured.tokensOf(emu);
    await emu.close();
  }
}

describe.each([BY_DAY, BY_OWNER])('tokens revoked mid-run, $mode', (job) => {
  it('core client: one refresh, every page once', async () => {
    await withRevocation(job, async (emu) => {
      const client = coreClient(emu);
      const { records } = await client.collectStatistics(coreQuery(job));
      captured.add(`core ${job.mode}`, { records, calls: client.calls });
      return records.map(flattenRecord);
    });
  });

  it('n8n node: one refresh through the credential, every page once', async () => {
    await withRevocation(job, async (emu) => {
      const n8n = new InProcessN8n(emu);
      const result = await n8n.run(statisticWorkflow(n8nParameters(job)));
      captured.add(`n8n ${job.mode}`, result.run);
      expect(result.run.status).toBe('success');
      expect(n8n.credentials.preAuthenticationFetches).toBe(2);
      return result.items(NODE).map((item) => item.json);
    });
  });

  it('Node-RED node: one refresh through the config node, every page once', async () => {
    await withRevocation(job, async (emu) => {
      await loadFlow(emu, { stat: nodeRedConfig(job) });
      try {
        const outcome = await trigger('stat');
        captured.add(`Node-RED ${job.mode}`, { outcome, log: helper.log().args });
        expect(outcome.caught).toBeUndefined();
        return outcome.sent?.payload as unknown[];
      } finally {
        await helper.unload();
      }
    });
  });
});

it('puts no secret or token in any record, run data, message or log line above', () => {
  expect(Object.keys(captured.texts)).toHaveLength(3 * 2);
  expect(captured.tokenCount).toBe(2 * 3 * 2);
  expect(captured.leaks()).toEqual([]);
});
