import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator, EndpointName, RequestLogEntry } from '../../../emulator';

/** How long after a cancel no request may still arrive. */
export const CANCEL_BOUND_MS = 1000;

/** A run that has not reached its cancel point by then never will. */
const WATCH_LIMIT_MS = 10_000;

/**
 * Calls `cancel` `delayMs` after `count` requests to `endpoint` (the emulator's name) have
 * arrived, and resolves with the time it did.
 */
export function cancelWhen(emu: Emulator, endpoint: EndpointName, count: number, delayMs: number, cancel: () => unknown): Promise<number> {
  const deadline = Date.now() + WATCH_LIMIT_MS;
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const reached = emu.log.filter((entry) => entry.endpoint === endpoint).length >= count;
      if (!reached && Date.now() <= deadline) return;
      clearInterval(timer);
      if (!reached) return reject(new Error(`the run never made ${count} requests to ${endpoint}`));
      setTimeout(() => {
        const at = Date.now();
        Promise.resolve(cancel()).then(() => resolve(at), reject);
      }, delayMs);
    }, 1);
  });
}

/** Waits out the bound (and a margin for stragglers), then returns the requests that arrived after `cancelAt`. */
export async function requestsAfter(emu: Emulator, cancelAt: number): Promise<RequestLogEntry[]> {
  await sleep(Math.max(0, cancelAt + CANCEL_BOUND_MS + 200 - Date.now()));
  return emu.log.filter((entry) => entry.at > cancelAt);
}
