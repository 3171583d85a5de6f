import type { Emulator } from '../../../emulator';

/** The emulator names endpoints without the externalcontact/ prefix the core uses. */
export function emulatorName(endpoint: string): string {
  return endpoint.replace(/^externalcontact\//, '');
}

/** How many requests to `endpoint` (a core endpoint path) reached the emulator. */
export function requestsTo(emu: Emulator, endpoint: string): number {
  return emu.log.filter((entry) => entry.endpoint === emulatorName(endpoint)).length;
}

/** The URL an error must show: the token, or for gettoken the secret, masked. */
export function maskedUrl(emu: Emulator, endpoint: string): string {
  const query = endpoint === 'gettoken' ? `corpid=${emu.corpId}&corpsecret=***` : 'access_token=***';
  return `${emu.baseUrl}/cgi-bin/${endpoint}?${query}`;
}

/** How many times each distinct request body to `endpoint` was answered with errcode 0. */
export function successesPerBody(emu: Emulator, endpoint: string): number[] {
  const counts = new Map<string, number>();
  for (const entry of emu.log) {
    if (entry.endpoint !== emulatorName(endpoint) || entry.errcode !== 0 || entry.fault !== undefined) continue;
    const key = JSON.stringify(entry.body);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts.values()];
}
