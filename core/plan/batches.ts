/** WeCom takes at most 100 user IDs in owner_filter.userid_list. */
export const MAX_OWNERS_PER_CALL = 100;

/**
 * Batches of at most `size`, as even as possible: 250 owners become 84 + 83 + 83 rather
 * than 100 + 100 + 50, so concurrent calls finish together.
 */
export function splitIntoBatches<T>(items: readonly T[], size = MAX_OWNERS_PER_CALL): T[][] {
  const count = Math.ceil(items.length / size);
  const batches: T[][] = [];
  for (let i = 0, start = 0; i < count; i++) {
    const end = start + Math.ceil((items.length - start) / (count - i));
    batches.push(items.slice(start, end));
    start = end;
  }
  return batches;
}
