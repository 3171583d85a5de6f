/**
 * The n8n node's fault handling in real n8n, whose NodeApiError drops the cause of what it
 * wraps: dropped connections (gettoken included) are retried and no record is lost, and a
 * gettoken that keeps failing is reported with its errcode, endpoint and attempts.
 */
import { WeComClient } from '../../../core/client';
import { ALL_OWNERS } from '../../../core/query/owners';
import { flattenRecord } from '../../../core/records/shape';
import { MemoryTokenStore } from '../../../core/token/tokenStore';
import { startEmulator, type Emulator } from '../../../emulator';
import { hostVersion } from '../support/hosts';
import { itemsOf, N8nHost } from '../support/n8nHost';
import * as wf from './workflows';

jest.setTimeout(180_000);

describe.each(['n8n', 'n8nNewest'])('real %s under faults', (hostName) => {
  let host: N8nHost;
  let flaky: Emulator;
  let down: Emulator;

  beforeAll(async () => {
    // 10% of requests dropped, gettoken too; the seed's first requests include drops.
    flaky = await startEmulator({ port: 0, owners: 250, seed: 11, faults: { reset: 0.1 }, faultSeed: 3, faultsOnGettoken: true });
    down = await startEmulator({ port: 0, owners: 250, seed: 11, faults: { busy: 1 }, faultsOnGettoken: true });
    host = new N8nHost(hostName);
    const data = (emu: Emulator) => ({ corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl });
    await host.importCredentials([
      { ...wf.CREDENTIAL, type: 'weComApi', data: data(flaky) },
      { ...wf.NO_TOKEN_CREDENTIAL, type: 'weComApi', data: data(down) },
    ]);
    await host.importWorkflows([wf.byDay95All, wf.noToken]);
  });

  afterAll(async () => {
    await flaky?.close();
    await down?.close();
    host?.dispose();
  });

  it(`retries dropped connections on n8n ${hostVersion(hostName)}: the records equal a fault-free run's`, async () => {
    const clean = await startEmulator({ port: 0, owners: 250, seed: 11 });
    const client = new WeComClient({ baseUrl: clean.baseUrl, corpId: clean.corpId, corpSecret: clean.corpSecret, tokenStore: new MemoryTokenStore() });
    const expected = (await client.collectStatistics({ mode: 'byDay', dates: { preset: 'last90Days' }, owners: ALL_OWNERS }).finally(() => clean.close())).records;

    const result = await host.execute('e2eByDay95All');
    expect(result.run?.data.resultData.error).toBeUndefined();
    expect(result.code).toBe(0);
    const items = itemsOf(result, 'Stats').map((item) => item.json);
    expect(items).toHaveLength(95);
    // The 95 days end yesterday; the core's last 90 days are the same days' figures.
    expect(items.slice(5)).toEqual(expected.map(flattenRecord));
    expect(flaky.log.filter((entry) => entry.fault === 'reset').length).toBeGreaterThan(0);
  });

  it('names the endpoint, errcode and attempts when gettoken keeps failing', async () => {
    const result = await host.execute('e2eNoToken');
    expect(result.code).not.toBe(0);
    expect(result.output).toContain('WeCom errcode -1: system busy');
    expect(result.output).toContain('Endpoint: gettoken. Attempts: 4.');
    expect(down.callCount('gettoken')).toBe(4);
    expect(down.callCount()).toBe(4);
  });
});
