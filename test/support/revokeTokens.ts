import type { Emulator, EndpointName } from '../../emulator';

/**
 * Revokes every token once `after` requests to `endpoint` have been answered, while later
 * ones are still to come; the returned stop ends the watch and says whether it revoked.
 */
export function revokeTokensAfter(emu: Emulator, endpoint: EndpointName, after: number): () => boolean {
  let revoked = false;
  const timer = setInterval(() => {
    if (emu.callCount(endpoint) < after) return;
    emu.revokeTokens();
    revoked = true;
    clearInterval(timer);
  }, 1);
  return () => {
    clearInterval(timer);
    return revoked;
  };
}
