/**
 * Module factories for jest.mock: the product's retry policy and request timeout with their
 * durations scaled down, so faults that cost minutes with the real defaults (45009 waits
 * 20-60 s, a hung request 30 s) cost well under a second here. Backoffs shrink 1000x (their
 * shape stays: 45009 still waits 40x longer than -1); the timeout only 100x, to stay far
 * above a loaded machine's localhost latency. The retry count stays the product's unless a
 * suite asks for more. The nodes are loaded from TS sources through jest's module registry,
 * so the mock reaches them as well as the core.
 */
import type * as ConnectionSettings from '../../../core/connectionSettings';
import type * as RetryPolicy from '../../../core/request/retryPolicy';

export const DELAY_SCALE = 1000;
export const TIMEOUT_SCALE = 100;

export function scaledRetryPolicy(retries?: number): typeof RetryPolicy {
  const actual = jest.requireActual<typeof RetryPolicy>('../../../core/request/retryPolicy');
  const real = actual.DEFAULT_RETRY;
  return {
    ...actual,
    DEFAULT_RETRY: {
      retries: retries ?? real.retries,
      baseDelayMs: real.baseDelayMs / DELAY_SCALE,
      maxDelayMs: real.maxDelayMs / DELAY_SCALE,
      rateLimitDelayMs: real.rateLimitDelayMs / DELAY_SCALE,
      maxRateLimitDelayMs: real.maxRateLimitDelayMs / DELAY_SCALE,
    },
  };
}

export function scaledConnectionSettings(): Omit<typeof ConnectionSettings, 'DEFAULT_TIMEOUT_MS'> & { DEFAULT_TIMEOUT_MS: number } {
  const actual = jest.requireActual<typeof ConnectionSettings>('../../../core/connectionSettings');
  return { ...actual, DEFAULT_TIMEOUT_MS: actual.DEFAULT_TIMEOUT_MS / TIMEOUT_SCALE };
}

/**
 * The parity suites prove what retries deliver, not how many there are: at 30% faults the
 * product's 3 retries still leave 0.3^4 ≈ 0.8% of calls failing (a run of 20 calls fails
 * about one time in seven, with a clear error: see the exhausted-retries suite), so they
 * allow 10 (0.3^11 ≈ 2e-6 per call).
 */
export const PATIENT_RETRIES = 10;

export function patientRetryPolicy(): typeof RetryPolicy {
  return scaledRetryPolicy(PATIENT_RETRIES);
}
