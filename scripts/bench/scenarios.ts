/** The benchmark's scenarios: the first issue's four, issue 11's large by-owner one, and two small ones for the CI smoke test. */
import type { DatePreset } from '../../core/dates/presets';
import type { FaultProbabilities } from '../../emulator/options';

export interface Scenario {
  id: string;
  title: string;
  mode: 'byDay' | 'byOwner';
  preset: DatePreset;
  /** Members with Customer Contact: "all" fetches every one of them. */
  owners: number;
  /** Members in the company (at least `owners`). */
  members: number;
  faults?: Partial<FaultProbabilities>;
  /** Seed of the emulator's fault sequence. */
  faultSeed?: number;
  /** By owner: the core's default, one record per owner for the range, unless set. */
  ownerRecords?: 'perWindow';
  /**
   * A company too large for the one-at-a-time baseline and the replayed shaping run (its
   * answers would sit in memory); adds the per-window records through Node-RED's one
   * message per record, which must not hold them all.
   */
  large?: boolean;
}

// 10% of requests fail in ways WeCom or a network does and a retry cures: -1, 45033,
// 502/503 pages, dropped connections, truncated bodies. 45009 (a block of up to a minute)
// and hung requests (the 30 s timeout) are left to the reliability suite.
const TEN_PERCENT_TRANSIENT: Partial<FaultProbabilities> = { busy: 0.02, concurrency: 0.02, http5xx: 0.02, reset: 0.02, malformed: 0.02 };

export const SCENARIOS: Record<string, Scenario> = {
  '1': { id: '1', title: 'by day, 1,000 owners, 180 days', mode: 'byDay', preset: 'last180Days', owners: 1_000, members: 1_000 },
  // Per window, as the first issue measured them: 6 records per owner.
  '2': { id: '2', title: 'by owner per window, 5,000 owners, 180 days', mode: 'byOwner', preset: 'last180Days', owners: 5_000, members: 5_000, ownerRecords: 'perWindow' },
  '3': {
    id: '3',
    title: 'by owner, all with Customer Contact of 20,000 members, 30 days',
    mode: 'byOwner',
    preset: 'last30Days',
    owners: 20_000,
    members: 20_000,
  },
  '4': {
    id: '4',
    title: 'scenario 2 with 10% transient faults',
    mode: 'byOwner',
    preset: 'last180Days',
    owners: 5_000,
    members: 5_000,
    faults: TEN_PERCENT_TRANSIENT,
    ownerRecords: 'perWindow',
  },
  '5': {
    id: '5',
    // The emulator's five-digit owner IDs stop at 99,999: the same 1,000 batches as 100,000.
    title: 'by owner combined, 99,999 owners, 180 days',
    mode: 'byOwner',
    preset: 'last180Days',
    owners: 99_999,
    members: 99_999,
    large: true,
  },
  smoke: { id: 'smoke', title: 'by owner, 300 owners, 90 days', mode: 'byOwner', preset: 'last90Days', owners: 300, members: 300 },
  'smoke-faults': {
    id: 'smoke-faults',
    title: 'by owner, 300 owners, 180 days, 10% transient faults',
    mode: 'byOwner',
    preset: 'last180Days',
    owners: 300,
    members: 300,
    faults: TEN_PERCENT_TRANSIENT,
    // The sequence is seeded: with this seed every path meets some faults.
    faultSeed: 2,
  },
};
