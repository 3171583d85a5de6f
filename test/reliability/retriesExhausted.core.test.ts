/**
 * Through the core client: when every request to an endpoint fails, the run fails within
 * the retry budget with an error naming the endpoint, the errcode or network error, and
 * the number of attempts, its URL masked.
 */
import { WeComError } from '../../core/errors/WeComError';
import { runOnToday } from './support/clock';
import { ATTEMPTS, EXHAUST_CASES, HOST_SLACK_MS, ONE_CALL, timeToFail } from './support/exhaustCases';
import { coreClient, coreQuery, emulator } from './support/jobs';
import { Captured } from './support/leakScan';
import { maskedUrl, requestsTo } from './support/requests';

jest.mock('../../core/request/retryPolicy', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledRetryPolicy());
jest.mock('../../core/connectionSettings', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledConnectionSettings());

runOnToday();
const captured = new Captured();

describe('core client when faults outlast the retries', () => {
  it.each(EXHAUST_CASES)('$name: fails within the retry budget, naming endpoint, failure and attempts', async ({ name, kind, onGettoken, endpoint, errcode, failure, says }) => {
    const emu = await emulator({ faults: { [kind]: 1 }, faultsOnGettoken: onGettoken });
    try {
      const started = Date.now();
      const error = await coreClient(emu).collectStatistics(coreQuery(ONE_CALL)).catch((e: unknown) => e);
      const elapsed = Date.now() - started;
      captured.add(name, error);
      expect(error).toBeInstanceOf(WeComError);
      expect(error).toMatchObject({ kind: failure, endpoint, attempts: ATTEMPTS, errcode, url: maskedUrl(emu, endpoint) });
      expect((error as Error).message).toContain(`WeCom ${endpoint} failed after ${ATTEMPTS} attempts:`);
      expect((error as Error).message).toMatch(says);
      expect(requestsTo(emu, endpoint)).toBe(ATTEMPTS);
      const { minMs, maxMs } = timeToFail(kind);
      expect(elapsed).toBeGreaterThanOrEqual(minMs);
      expect(elapsed).toBeLessThan(maxMs + HOST_SLACK_MS);
    } finally {
      captured.tokensOf(emu);
      await emu.close();
    }
  });
});

it('puts no secret or token in any error above, stacks included', () => {
  expect(Object.keys(captured.texts)).toHaveLength(EXHAUST_CASES.length);
  expect(captured.joined()).toContain('access_token=***');
  expect(captured.joined()).toContain('corpsecret=***');
  expect(captured.leaks()).toEqual([]);
});
