/**
 * Through the n8n node, run by n8n-core's engine: each fault kind alone, and all mixed, at
 * 10% and 30% of requests (gettoken included, which n8n's credential fetches), over three
 * fault seeds: the node's items equal a fault-free run's records.
 */
import type { FlatRecord } from '../../core/records/shape';
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { runOnToday } from './support/clock';
import { faultCases, SEEDED_RUNS, struck } from './support/faultCases';
import { BY_DAY, BY_OWNER, emulator, faultFreeRecords, n8nParameters, type Job } from './support/jobs';
import { Captured } from './support/leakScan';
import { STATISTIC_NODE as NODE, statisticWorkflow } from '../../scripts/hosts/n8n/statisticWorkflow';

jest.mock('../../core/request/retryPolicy', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').patientRetryPolicy());
jest.mock('../../core/connectionSettings', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledConnectionSettings());

runOnToday();
afterAll(releaseN8nResources);
const captured = new Captured();
const expected = new Map<Job, FlatRecord[]>();

beforeAll(async () => {
  for (const job of [BY_DAY, BY_OWNER]) expected.set(job, await faultFreeRecords(job));
});

describe('n8n node under faults', () => {
  it.each(faultCases())('$name: three seeded runs return the fault-free records', async ({ name, kinds, faults }) => {
    let faultsStruck = 0;
    for (const { faultSeed, job } of SEEDED_RUNS) {
      const emu = await emulator({ faults, faultSeed, faultsOnGettoken: true });
      try {
        const result = await new InProcessN8n(emu).run(statisticWorkflow(n8nParameters(job)));
        captured.add(`${name}, seed ${faultSeed}`, result.run);
        expect(result.run.data.resultData.error).toBeUndefined();
        const items = result.items(NODE).map((item) => item.json);
        // The seed and mode in both sides name the run in a failure's diff.
        expect({ faultSeed, mode: job.mode, records: items }).toEqual({ faultSeed, mode: job.mode, records: expected.get(job) });
        faultsStruck += struck(emu.log, kinds);
      } finally {
        captured.tokensOf(emu);
        await emu.close();
      }
    }
    expect(faultsStruck).toBeGreaterThan(0);
  });
});

it('puts no secret or token in the run data of any run above, errors and stacks included', () => {
  expect(Object.keys(captured.texts)).toHaveLength(SEEDED_RUNS.length * faultCases().length);
  expect(captured.tokenCount).toBeGreaterThan(0);
  expect(captured.leaks()).toEqual([]);
});
