/**
 * The reliability suites run with these known values, so that everything they capture
 * (items, messages, n8n run data, Node-RED logs, error messages and stacks) can be scanned
 * for the secret and for every access token the emulator issued.
 */
export const CORP_ID = 'ww_reliability_corp';
export const SECRET = 'reliability-SECRET-7f3a9c51';

/** Where each secret or token appears in the captured texts; [] means nothing leaked. */
export function findSecrets(captured: Record<string, string>, tokens: readonly string[], secret = SECRET): string[] {
  const needles = [{ value: secret, what: 'the corp secret' }, ...tokens.map((value) => ({ value, what: 'an access token' }))];
  return Object.entries(captured).flatMap(([where, text]) => needles.filter(({ value }) => text.includes(value)).map(({ what }) => `${where} holds ${what}`));
}
