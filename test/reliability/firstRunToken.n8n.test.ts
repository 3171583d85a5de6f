/**
 * n8n executions that start with no usable stored token (a credential's first run, or a
 * daily run whose 2-hour token is about to expire) and listed owners, so the first wave of
 * statistic calls goes out before any token exists and n8n fetches it for one of them.
 * Tokens revoked after a few statistic calls: every record, exactly one more gettoken.
 * 10% transient faults: every record, exactly one gettoken.
 */
import { ownerId } from '../../emulator/company';
import type { FlatRecord } from '../../core/records/shape';
import type { Emulator, EndpointName, FaultProbabilities } from '../../emulator';
import { FAULT_KINDS } from '../../emulator';
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { STATISTIC_NODE as NODE, statisticWorkflow } from '../../scripts/hosts/n8n/statisticWorkflow';
import { ENDPOINTS } from '../../core/endpoints';
import { runOnToday } from './support/clock';
import { emulator, faultFreeRecords, n8nParameters, OWNERS, type Job } from './support/jobs';
import { Captured } from './support/leakScan';
import { emulatorName, successesPerBody } from './support/requests';
import { revokeTokensAfter } from '../support/revokeTokens';

// Shorter waits between retries; the real timeout, so a loaded machine's slow answer is no fault.
jest.mock('../../core/request/retryPolicy', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledRetryPolicy());

runOnToday();
afterAll(releaseN8nResources);

const LISTED = Array.from({ length: OWNERS }, (_, i) => ownerId(i + 1)).join(',');
const JOBS: Job[] = [
  { mode: 'byOwner', preset: 'last180Days', owners: LISTED },
  { mode: 'byDay', preset: 'last180Days', owners: LISTED },
];
/** 6 windows x 3 batches of owners. */
const STATISTIC_CALLS = 18;
/** Every fault kind but hung requests (each costs the 30 s timeout), drawn so that a request meets one with probability 10%. */
const KINDS = FAULT_KINDS.filter((kind) => kind !== 'timeout');
const TEN_PERCENT: Partial<FaultProbabilities> = Object.fromEntries(KINDS.map((kind) => [kind, 1 - 0.9 ** (1 / KINDS.length)]));

const captured = new Captured();
const expected = new Map<Job, FlatRecord[]>();
beforeAll(async () => {
  for (const job of JOBS) expected.set(job, await faultFreeRecords(job));
});

const endpointOf = (job: Job) => (job.mode === 'byDay' ? ENDPOINTS.byDay : ENDPOINTS.byOwner);

/** One execution on a credential with no stored token, or one about to expire. */
async function firstRun(emu: Emulator, job: Job, stored: 'none' | 'expiring'): Promise<{ n8n: InProcessN8n; records: unknown[] }> {
  const n8n = new InProcessN8n(emu);
  if (stored === 'expiring') n8n.storeToken('token-issued-earlier', Date.now() + 60_000);
  const result = await n8n.run(statisticWorkflow(n8nParameters(job)));
  captured.add(`${job.mode} ${stored} ${emu.baseUrl}`, result.run);
  expect(result.run.data.resultData.error).toBeUndefined();
  return { n8n, records: result.items(NODE).map((item) => item.json) };
}

describe.each(JOBS)('n8n execution with no usable stored token, $mode with listed owners', (job) => {
  it.each(['none', 'expiring'] as const)('stored token %s, all tokens revoked mid-run: every record, exactly one more gettoken', async (stored) => {
    const emu = await emulator({ latencyMs: 20 });
    try {
      const stop = revokeTokensAfter(emu, emulatorName(endpointOf(job)) as EndpointName, 3);
      let records: unknown[];
      let n8n: InProcessN8n;
      try {
        ({ n8n, records } = await firstRun(emu, job, stored));
      } finally {
        expect(stop()).toBe(true);
      }
      expect(records).toEqual(expected.get(job));
      expect(emu.log.filter((entry) => entry.errcode === 40014).length).toBeGreaterThan(0);
      expect(emu.callCount('gettoken')).toBe(2);
      expect(n8n.credentials.preAuthenticationFetches).toBe(2);
      // Every page answered exactly once: none lost, none repeated.
      expect(successesPerBody(emu, endpointOf(job))).toEqual(Array(STATISTIC_CALLS).fill(1));
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });

  it.each([1, 2, 3])('10%% transient faults, fault seed %i: every record, exactly one gettoken', async (faultSeed) => {
    const emu = await emulator({ latencyMs: 5, faults: TEN_PERCENT, faultSeed });
    try {
      const { n8n, records } = await firstRun(emu, job, 'none');
      expect(records).toEqual(expected.get(job));
      expect(emu.log.filter((entry) => entry.fault !== undefined).length).toBeGreaterThan(0);
      expect(emu.callCount('gettoken')).toBe(1);
      expect(n8n.credentials.preAuthenticationFetches).toBe(1);
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });
});

it('puts no secret or token in the run data of any run above', () => {
  expect(Object.keys(captured.texts)).toHaveLength(JOBS.length * 5);
  expect(captured.tokenCount).toBeGreaterThan(0);
  expect(captured.leaks()).toEqual([]);
});
