/**
 * Through the n8n node: when every request to an endpoint fails, the execution fails within
 * the retry budget with a NodeApiError naming the endpoint, the errcode or network error,
 * and the number of attempts; with Continue On Fail the node outputs that as an error item.
 */
import { InProcessN8n, releaseN8nResources } from '../../scripts/hosts/n8n/engine';
import { runOnToday } from './support/clock';
import { ATTEMPTS, EXHAUST_CASES, HOST_SLACK_MS, ONE_CALL, timeToFail } from './support/exhaustCases';
import { emulator, n8nParameters } from './support/jobs';
import { Captured } from './support/leakScan';
import { STATISTIC_NODE as NODE, statisticWorkflow } from '../../scripts/hosts/n8n/statisticWorkflow';
import { maskedUrl, requestsTo } from './support/requests';

jest.mock('../../core/request/retryPolicy', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledRetryPolicy());
jest.mock('../../core/connectionSettings', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledConnectionSettings());

runOnToday();
afterAll(releaseN8nResources);
const captured = new Captured();
const workflow = statisticWorkflow(n8nParameters(ONE_CALL));

describe('n8n node when faults outlast the retries', () => {
  it.each(EXHAUST_CASES)('$name: fails within the retry budget, naming endpoint, failure and attempts; Continue On Fail emits it', async ({ name, kind, onGettoken, endpoint, errcode, says }) => {
    const emu = await emulator({ faults: { [kind]: 1 }, faultsOnGettoken: onGettoken });
    try {
      const n8n = new InProcessN8n(emu);
      const started = Date.now();
      const failed = await n8n.run(workflow);
      const elapsed = Date.now() - started;
      captured.add(`${name}, failed`, failed.run);
      expect(failed.run.status).toBe('error');
      const error = failed.run.data.resultData.error;
      expect(error?.name).toBe('NodeApiError');
      expect(error?.message).toMatch(/^WeCom /);
      expect(error?.message).toMatch(says);
      expect(error?.description).toContain(`Endpoint: ${endpoint}. Attempts: ${ATTEMPTS}.`);
      expect(error).toMatchObject({ errorResponse: { endpoint, attempts: ATTEMPTS, errcode, url: maskedUrl(emu, endpoint) } });
      expect(requestsTo(emu, endpoint)).toBe(ATTEMPTS);
      const { minMs, maxMs } = timeToFail(kind);
      expect(elapsed).toBeGreaterThanOrEqual(minMs);
      expect(elapsed).toBeLessThan(maxMs + HOST_SLACK_MS);

      const continued = await n8n.run(statisticWorkflow(n8nParameters(ONE_CALL), { onError: 'continueRegularOutput' }));
      captured.add(`${name}, continued`, continued.run);
      expect(continued.run.status).toBe('success');
      expect(continued.items(NODE)).toEqual([
        { json: expect.objectContaining({ error: expect.stringMatching(says), description: error?.description, errcode: errcode ?? null, endpoint }), pairedItem: { item: 0 } },
      ]);
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });

  it('with "Continue (using error output)" the error item leaves by the error output', async () => {
    const emu = await emulator({ faults: { busy: 1 } });
    try {
      const result = await new InProcessN8n(emu).run(statisticWorkflow(n8nParameters(ONE_CALL), { onError: 'continueErrorOutput' }));
      captured.add('error output', result.run);
      expect(result.run.status).toBe('success');
      const [regular, errors] = result.task(NODE).data?.main ?? [];
      expect(regular).toEqual([]);
      // n8n keeps only the message in an error output item's json.
      expect(errors).toEqual([expect.objectContaining({ json: { error: 'WeCom errcode -1: system busy' }, pairedItem: { item: 0 } })]);
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });
});

it('puts no secret or token in the run data above, errors and stacks included', () => {
  expect(Object.keys(captured.texts)).toHaveLength(2 * EXHAUST_CASES.length + 1);
  expect(captured.joined()).toContain('access_token=***');
  expect(captured.joined()).toContain('corpsecret=***');
  expect(captured.leaks()).toEqual([]);
});
