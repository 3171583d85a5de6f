/**
 * Through the Node-RED node (node-red-node-test-helper's runtime): each fault kind alone,
 * and all mixed, at 10% and 30% of requests (gettoken included), over three fault seeds:
 * the message's records equal a fault-free run's.
 */
import type { FlatRecord } from '../../core/records/shape';
import { runOnToday } from './support/clock';
import { faultCases, SEEDED_RUNS, struck } from './support/faultCases';
import { BY_DAY, BY_OWNER, emulator, faultFreeRecords, nodeRedConfig, type Job } from './support/jobs';
import { Captured } from './support/leakScan';
import { helper, loadFlow, startNodeRed, stopNodeRed, trigger } from './support/nodeRedFlow';

jest.mock('../../core/request/retryPolicy', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').patientRetryPolicy());
jest.mock('../../core/connectionSettings', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledConnectionSettings());

runOnToday();
const captured = new Captured();
const expected = new Map<Job, FlatRecord[]>();

beforeAll(async () => {
  await startNodeRed();
  for (const job of [BY_DAY, BY_OWNER]) expected.set(job, await faultFreeRecords(job));
});
afterAll(stopNodeRed);

describe('Node-RED node under faults', () => {
  it.each(faultCases())('$name: three seeded runs return the fault-free records', async ({ name, kinds, faults }) => {
    let faultsStruck = 0;
    for (const { faultSeed, job } of SEEDED_RUNS) {
      const emu = await emulator({ faults, faultSeed, faultsOnGettoken: true });
      try {
        await loadFlow(emu, { stat: nodeRedConfig(job) });
        const outcome = await trigger('stat');
        captured.add(`${name}, seed ${faultSeed}`, { outcome, log: helper.log().args });
        expect(outcome.caught).toBeUndefined();
        // The seed and mode in both sides name the run in a failure's diff.
        expect({ faultSeed, mode: job.mode, records: outcome.sent?.payload }).toEqual({ faultSeed, mode: job.mode, records: expected.get(job) });
        faultsStruck += struck(emu.log, kinds);
      } finally {
        await helper.unload();
        captured.tokensOf(emu);
        await emu.close();
      }
    }
    expect(faultsStruck).toBeGreaterThan(0);
  });
});

it('puts no secret or token in any message or log line above', () => {
  expect(Object.keys(captured.texts)).toHaveLength(SEEDED_RUNS.length * faultCases().length);
  expect(captured.tokenCount).toBeGreaterThan(0);
  expect(captured.leaks()).toEqual([]);
});
