/**
 * Through the Node-RED node: when every request to an endpoint fails, a Catch node gets
 * the error within the retry budget, naming the endpoint, the errcode or network error and
 * the number of attempts, with the details in msg.wecom.error.
 */
import { WeComError } from '../../core/errors/WeComError';
import { runOnToday } from './support/clock';
import { ATTEMPTS, EXHAUST_CASES, HOST_SLACK_MS, ONE_CALL, timeToFail } from './support/exhaustCases';
import { emulator, nodeRedConfig } from './support/jobs';
import { Captured } from './support/leakScan';
import { helper, loadFlow, startNodeRed, stopNodeRed, trigger } from './support/nodeRedFlow';
import { maskedUrl, requestsTo } from './support/requests';

jest.mock('../../core/request/retryPolicy', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledRetryPolicy());
jest.mock('../../core/connectionSettings', () => jest.requireActual<typeof import('./support/scaledDefaults')>('./support/scaledDefaults').scaledConnectionSettings());

runOnToday();
beforeAll(startNodeRed);
afterAll(stopNodeRed);
const captured = new Captured();

describe('Node-RED node when faults outlast the retries', () => {
  it.each(EXHAUST_CASES)('$name: Catch gets the error within the retry budget, naming endpoint, failure and attempts', async ({ name, kind, onGettoken, endpoint, errcode, failure, says }) => {
    const emu = await emulator({ faults: { [kind]: 1 }, faultsOnGettoken: onGettoken });
    try {
      await loadFlow(emu, { stat: nodeRedConfig(ONE_CALL) });
      const started = Date.now();
      const { sent, caught, error } = await trigger('stat');
      const elapsed = Date.now() - started;
      captured.add(name, { sent, caught, error, log: helper.log().args });
      expect(sent).toBeUndefined();
      expect(caught?.error?.message).toContain(`WeCom ${endpoint} failed after ${ATTEMPTS} attempts:`);
      expect(caught?.error?.message).toMatch(says);
      expect(caught?.wecom?.error).toMatchObject({ kind: failure, endpoint, attempts: ATTEMPTS, errcode });
      // What the node passed to done(): the Catch node's msg.error carries its message and stack only.
      expect(error).toBeInstanceOf(WeComError);
      expect((error as WeComError).url).toBe(maskedUrl(emu, endpoint));
      expect(requestsTo(emu, endpoint)).toBe(ATTEMPTS);
      const { minMs, maxMs } = timeToFail(kind);
      expect(elapsed).toBeGreaterThanOrEqual(minMs);
      expect(elapsed).toBeLessThan(maxMs + HOST_SLACK_MS);
    } finally {
      await helper.unload();
      captured.tokensOf(emu);
      await emu.close();
    }
  });
});

it('puts no secret or token in any message, error or log line above', () => {
  expect(Object.keys(captured.texts)).toHaveLength(EXHAUST_CASES.length);
  expect(captured.joined()).toContain('access_token=***');
  expect(captured.joined()).toContain('corpsecret=***');
  expect(captured.leaks()).toEqual([]);
});
