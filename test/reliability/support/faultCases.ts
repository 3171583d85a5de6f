import { FAULT_KINDS, type FaultKind, type FaultProbabilities } from '../../../emulator';
import { BY_DAY, BY_OWNER, type Job } from './jobs';

export const RATES = [0.1, 0.3] as const;

/** Three fault seeds per case; by day for two (sums reveal a doubled batch), by owner for one. */
export const SEEDED_RUNS: readonly { faultSeed: number; job: Job }[] = [
  { faultSeed: 1, job: BY_DAY },
  { faultSeed: 2, job: BY_OWNER },
  { faultSeed: 3, job: BY_DAY },
];

export interface FaultCase {
  name: string;
  /** The kinds this case injects. */
  kinds: readonly FaultKind[];
  faults: Partial<FaultProbabilities>;
}

/**
 * Each kind alone at `rate`, then all kinds mixed so that a request meets some fault with
 * probability `rate` (each kind is drawn independently: 1 - (1 - p)^7 = rate).
 */
export function faultCases(): FaultCase[] {
  return RATES.flatMap((rate) => {
    const percent = `${Math.round(rate * 100)}%`;
    const each = 1 - (1 - rate) ** (1 / FAULT_KINDS.length);
    return [
      ...FAULT_KINDS.map((kind) => ({ name: `${kind} at ${percent}`, kinds: [kind], faults: { [kind]: rate } })),
      { name: `all kinds mixed at ${percent}`, kinds: FAULT_KINDS, faults: Object.fromEntries(FAULT_KINDS.map((kind) => [kind, each])) },
    ];
  });
}

/** How many requests the log shows failing with one of the case's kinds. */
export function struck(log: readonly { fault?: FaultKind }[], kinds: readonly FaultKind[]): number {
  return log.filter((entry) => entry.fault !== undefined && kinds.includes(entry.fault)).length;
}
