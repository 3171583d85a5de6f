/**
 * In real n8n, executions that start with no stored token (a credential's first run; a
 * daily run whose token is about to expire is the same to the node) and listed owners, so
 * n8n fetches the token for one of the first statistic calls. Tokens revoked after a few
 * statistic calls: every record, exactly one more gettoken. 10% transient faults: every
 * record, exactly one gettoken.
 */
import { WeComClient } from '../../../core/client';
import { flattenRecord } from '../../../core/records/shape';
import { MemoryTokenStore } from '../../../core/token/tokenStore';
import { ownerId } from '../../../emulator/company';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator';
import { revokeTokensAfter } from '../../support/revokeTokens';
import { hostVersion } from '../support/hosts';
import { itemsOf, N8nHost } from '../support/n8nHost';
import * as wf from './workflows';

jest.setTimeout(240_000);

const MODES = ['byOwner', 'byDay'] as const;
const OWNERS = Array.from({ length: 250 }, (_, i) => ownerId(i + 1));
const COMPANY: EmulatorOptions = { port: 0, host: '127.0.0.1', owners: 250, seed: 11 };
/** Faults retried within a second or two with the real timings (45009 and hung requests take minutes). */
const TRANSIENT: EmulatorOptions['faults'] = { busy: 0.025, concurrency: 0.025, http5xx: 0.025, reset: 0.025 };

async function expectedRecords(mode: (typeof MODES)[number]): Promise<unknown[]> {
  const clean = await startEmulator(COMPANY);
  try {
    const client = new WeComClient({ baseUrl: clean.baseUrl, corpId: clean.corpId, corpSecret: clean.corpSecret, tokenStore: new MemoryTokenStore() });
    const { records } = await client.collectStatistics({ mode, dates: { preset: 'last180Days' }, owners: OWNERS });
    return records.map(flattenRecord);
  } finally {
    await clean.close();
  }
}

describe.each(['n8n', 'n8nNewest'])('real %s, executions with no stored token', (hostName) => {
  let host: N8nHost;
  const expected = new Map<string, unknown[]>();

  beforeAll(async () => {
    for (const mode of MODES) expected.set(mode, await expectedRecords(mode));
    host = new N8nHost(hostName);
    await host.importWorkflows(MODES.map(wf.listed180));
  });
  afterAll(() => host?.dispose());

  /** Imports the credential afresh (no token stored) for `emu`, then runs the mode's workflow. */
  async function firstExecution(emu: Emulator, mode: (typeof MODES)[number]): Promise<unknown[]> {
    await host.importCredentials([{ ...wf.CREDENTIAL, type: 'weComApi', data: { corpId: emu.corpId, corpSecret: emu.corpSecret, baseUrl: emu.baseUrl } }]);
    const result = await host.execute(`e2e${mode}180Listed`);
    expect(result.run?.data.resultData.error).toBeUndefined();
    expect(result.code).toBe(0);
    return itemsOf(result, 'Stats').map((item) => item.json);
  }

  it.each(MODES)(`%s on n8n ${hostVersion(hostName)}: all tokens revoked mid-run, every record and exactly one more gettoken`, async (mode) => {
    // 18 calls, 8 at a time, 30 ms each: later waves are still to come when the revocation does.
    const emu = await startEmulator({ ...COMPANY, latencyMs: 30 });
    try {
      const stop = revokeTokensAfter(emu, mode === 'byDay' ? 'groupchat/statistic_group_by_day' : 'groupchat/statistic', 3);
      let items: unknown[];
      try {
        items = await firstExecution(emu, mode);
      } finally {
        expect(stop()).toBe(true);
      }
      expect(items).toEqual(expected.get(mode));
      expect(emu.log.filter((entry) => entry.errcode === 40014).length).toBeGreaterThan(0);
      expect(emu.callCount('gettoken')).toBe(2);
    } finally {
      await emu.close();
    }
  });

  it.each(MODES)(`%s on n8n ${hostVersion(hostName)}: 10%% transient faults, every record and exactly one gettoken`, async (mode) => {
    const emu = await startEmulator({ ...COMPANY, latencyMs: 5, faults: TRANSIENT, faultSeed: 2 });
    try {
      const items = await firstExecution(emu, mode);
      expect(items).toEqual(expected.get(mode));
      expect(emu.log.filter((entry) => entry.fault !== undefined).length).toBeGreaterThan(0);
      expect(emu.callCount('gettoken')).toBe(1);
    } finally {
      await emu.close();
    }
  });
});
