import { describeValue } from '../errors/describeValue';
import { InvalidInputError } from '../errors/WeComError';

/** Every member with Customer Contact enabled, listed with get_follow_user_list. */
export const ALL_OWNERS = 'allWithCustomerContact';

// WeCom's UserID rule: 1-64 letters, digits and _-@. , starting with a letter or digit.
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9_\-@.]{0,63}$/;
const SEPARATORS = /[\s,;，；、]+/;
const ALLOWED = 'user IDs (1-64 letters, digits and _-@. starting with a letter or digit) as text separated by commas or new lines, or an array of strings';

/** Splits, trims and de-duplicates owner IDs (first occurrence kept), or says which is wrong. */
export function normalizeOwners(input: unknown): string[] {
  const parts = splitOwners(input);
  const owners = [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
  if (owners.length === 0) throw new InvalidInputError('owners', 'the list is empty', ALLOWED);
  const bad = owners.find((owner) => !USER_ID.test(owner));
  if (bad !== undefined) throw new InvalidInputError('owners', `"${bad}" is not a WeCom user ID`, ALLOWED);
  return owners;
}

function splitOwners(input: unknown): string[] {
  if (typeof input === 'string') return input.split(SEPARATORS);
  if (Array.isArray(input)) {
    const index = input.findIndex((owner) => typeof owner !== 'string');
    if (index !== -1) {
      throw new InvalidInputError('owners', `item ${index} is ${describeValue(input[index])}, not a string`, ALLOWED);
    }
    return input as string[];
  }
  throw new InvalidInputError('owners', `got ${describeValue(input)}`, ALLOWED);
}
