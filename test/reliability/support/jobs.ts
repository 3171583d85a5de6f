import { WeComClient, type WeComClientOptions } from '../../../core/client';
import { ALL_OWNERS } from '../../../core/query/owners';
import type { StatisticQuery } from '../../../core/query/query';
import { flattenRecord, type FlatRecord } from '../../../core/records/shape';
import { MemoryTokenStore } from '../../../core/token/tokenStore';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../../emulator';
import type { StatisticNodeConfig } from '../../../nodes/node-red/statisticQuery';
import { CORP_ID, SECRET } from '../knownSecrets';
import { TODAY } from './clock';

/**
 * What the suites ask every host for: all members with Customer Contact (so the owner list
 * is fetched too), 180 days. With 250 owners that is 6 windows x 3 batches = 18 statistic
 * calls per run. By day sums the batches, so a lost or doubled batch changes the figures;
 * by owner ranks 1,500 records.
 */
export interface Job {
  mode: 'byDay' | 'byOwner';
  preset: 'last180Days' | 'last30Days' | 'yesterday';
  /** Listed owners (comma separated) instead of all members with Customer Contact. */
  owners?: string;
}

export const OWNERS = 250;
export const BY_DAY: Job = { mode: 'byDay', preset: 'last180Days' };
export const BY_OWNER: Job = { mode: 'byOwner', preset: 'last180Days' };

export function coreQuery(job: Job): StatisticQuery {
  return { mode: job.mode, dates: { preset: job.preset }, owners: job.owners ?? ALL_OWNERS };
}

export function n8nParameters(job: Job): Record<string, unknown> {
  const owners = job.owners === undefined ? { ownerSource: 'all' } : { ownerSource: 'list', owners: job.owners };
  return { mode: job.mode, dateRange: job.preset, ...owners, returnAll: true };
}

export function nodeRedConfig(job: Job): StatisticNodeConfig {
  const owners = job.owners === undefined ? { ownerSource: 'all' as const } : { ownerSource: 'list' as const, owners: job.owners };
  return { mode: job.mode, dateRange: job.preset, ...owners, output: 'array' };
}

/** The emulator of every suite: the known corp ID and secret, TODAY, 250 owners. */
export function emulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ port: 0, host: '127.0.0.1', today: TODAY, owners: OWNERS, seed: 11, corpId: CORP_ID, corpSecret: SECRET, ...options });
}

/** A core client on its own token store, with the product's defaults (scaled where mocked). */
export function coreClient(emu: Emulator, options: Partial<WeComClientOptions> = {}): WeComClient {
  return new WeComClient({ baseUrl: emu.baseUrl, corpId: emu.corpId, corpSecret: emu.corpSecret, tokenStore: new MemoryTokenStore(), ...options });
}

/** The job's records from a fault-free emulator, flat as both nodes output them. */
export async function faultFreeRecords(job: Job): Promise<FlatRecord[]> {
  const emu = await emulator();
  try {
    const { records } = await coreClient(emu).collectStatistics(coreQuery(job));
    return records.map(flattenRecord);
  } finally {
    await emu.close();
  }
}
