/**
 * Cancelling a run stops its requests at once, well within a second: an AbortSignal for the
 * core, n8n's "stop execution" (the engine cancels its PCancelable, which aborts the signal
 * nodes get from getExecutionCancelSignal()), and a Node-RED redeploy or close. Checked in
 * a long run, while a request or a gettoken hangs, and while waiting out a 45009; with the
 * scaled timeout and backoffs, the next attempt would come inside the observed second.
 */
import type { EmulatorOptions, EndpointName } from '../../emulator';
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { CANCEL_BOUND_MS, cancelWhen, requestsAfter } from './support/cancel';
import { runOnToday } from './support/clock';
import { ONE_CALL } from './support/exhaustCases';
import { BY_DAY, coreClient, coreQuery, emulator, n8nParameters, nodeRedConfig, type Job } from './support/jobs';
import { Captured } from './support/leakScan';
import { statisticWorkflow } from '../../scripts/hosts/n8n/statisticWorkflow';
import { credentials, helper, loadFlow, startNodeRed, statisticFlow, stopNodeRed, trigger } from './support/nodeRedFlow';

jest.mock('../../core/request/retryPolicy', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledRetryPolicy());
jest.mock('../../core/connectionSettings', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledConnectionSettings());

runOnToday();
beforeAll(startNodeRed);
afterAll(async () => {
  await stopNodeRed();
  releaseN8nResources();
});
const captured = new Captured();

interface Scenario {
  name: string;
  options: EmulatorOptions;
  job: Job;
  concurrency: number;
  /** Cancel `delayMs` after the `count`-th request to `watch`. */
  watch: EndpointName;
  count: number;
  delayMs: number;
  /** How Node-RED stops the node: a full deploy of an edited flow, or stopping the flows. */
  nodeRed: 'redeploy' | 'close';
}

const BY_DAY_CALLS: EndpointName = 'groupchat/statistic_group_by_day';
const SCENARIOS: Scenario[] = [
  // 1,000 owners: 60 calls, two at a time at 100 ms each, about 3 s uncancelled.
  { name: 'a long run', options: { owners: 1000, latencyMs: 100 }, job: BY_DAY, concurrency: 2, watch: BY_DAY_CALLS, count: 3, delayMs: 0, nodeRed: 'redeploy' },
  { name: 'a request WeCom never answers', options: { faults: { timeout: 1 } }, job: ONE_CALL, concurrency: 2, watch: BY_DAY_CALLS, count: 1, delayMs: 100, nodeRed: 'close' },
  { name: 'a gettoken WeCom never answers', options: { faults: { timeout: 1 }, faultsOnGettoken: true }, job: ONE_CALL, concurrency: 2, watch: 'gettoken', count: 1, delayMs: 100, nodeRed: 'redeploy' },
  { name: 'the wait after a 45009', options: { faults: { rateLimited: 1 } }, job: ONE_CALL, concurrency: 2, watch: BY_DAY_CALLS, count: 1, delayMs: 0, nodeRed: 'close' },
];

/** After the cancel: nothing new reaches WeCom (only what was already on its way), and never later than the bound. */
async function expectStopped(emu: Awaited<ReturnType<typeof emulator>>, cancelAt: number, inFlight: number): Promise<void> {
  const late = await requestsAfter(emu, cancelAt);
  expect(late.length).toBeLessThanOrEqual(inFlight);
  expect(late.filter((entry) => entry.at > cancelAt + CANCEL_BOUND_MS)).toEqual([]);
}

describe.each(SCENARIOS)('cancelling $name', ({ name, options, job, concurrency, watch, count, delayMs, nodeRed }) => {
  // Requests sent before the cancel may still arrive: at most one per concurrent call, none while one hangs or waits.
  const inFlight = job === ONE_CALL ? 0 : concurrency;

  it('core client: an abort settles the run and stops its requests', async () => {
    const emu = await emulator(options);
    try {
      const controller = new AbortController();
      const settled = coreClient(emu, { concurrency })
        .collectStatistics(coreQuery(job), { signal: controller.signal })
        .then(() => undefined, (error: unknown) => error)
        .then((error) => ({ error, at: Date.now() }));
      const cancelAt = await cancelWhen(emu, watch, count, delayMs, () => controller.abort());
      const { error, at } = await settled;
      captured.add(`core, ${name}`, error);
      expect(error).toMatchObject({ name: 'AbortError' });
      expect(at - cancelAt).toBeLessThan(CANCEL_BOUND_MS);
      await expectStopped(emu, cancelAt, inFlight);
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });

  it('n8n: stopping the execution settles it as canceled and stops its requests', async () => {
    const emu = await emulator(options);
    try {
      const controller = new AbortController();
      const workflow = statisticWorkflow({ ...n8nParameters(job), options: { concurrency } });
      const settled = new InProcessN8n(emu).run(workflow, controller.signal).then((result) => ({ result, at: Date.now() }));
      const cancelAt = await cancelWhen(emu, watch, count, delayMs, () => controller.abort());
      const { result, at } = await settled;
      captured.add(`n8n, ${name}`, result.run);
      expect(result.run.status).toBe('canceled');
      expect(at - cancelAt).toBeLessThan(CANCEL_BOUND_MS);
      await expectStopped(emu, cancelAt, inFlight);
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });

  it('Node-RED: a redeploy, or closing the flows, stops the node\'s requests', async () => {
    const emu = await emulator(options);
    try {
      await loadFlow(emu, { stat: { ...nodeRedConfig(job), concurrency: String(concurrency) } });
      const outcome = trigger('stat');
      const stop = nodeRed === 'close' ? () => helper.unload() : () => helper.setFlows(statisticFlow(emu, { edited: nodeRedConfig(job) }), 'full', credentials(emu));
      const cancelAt = await cancelWhen(emu, watch, count, delayMs, stop);
      await expectStopped(emu, cancelAt, inFlight);
      // The cancelled run neither sent records nor failed: nothing reached the output or a Catch node.
      expect(await Promise.race([outcome, new Promise((resolve) => setImmediate(() => resolve('nothing')))])).toBe('nothing');
      captured.add(`Node-RED, ${name}`, helper.log().args);
    } finally {
      await helper.unload();
      captured.tokensOf(emu);
      await emu.close();
    }
  });
});

it('puts no secret or token in any error, run data or log line above', () => {
  expect(Object.keys(captured.texts)).toHaveLength(3 * SCENARIOS.length);
  expect(captured.leaks()).toEqual([]);
});
