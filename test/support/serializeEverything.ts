/**
 * Everything in a value as JSON, for looking for leaked secrets: unlike JSON.stringify it
 * skips no toJSON view and keeps Errors' message, stack and non-enumerable properties.
 * Cycles are cut.
 */
export function serializeEverything(value: unknown): string {
  const seen = new WeakSet<object>();
  const plain = (current: unknown): unknown => {
    if (typeof current !== 'object' || current === null) return typeof current === 'bigint' ? String(current) : current;
    if (current instanceof Date) return current.toISOString();
    if (seen.has(current)) return '[Circular]';
    seen.add(current);
    if (Array.isArray(current)) return current.map(plain);
    const names = current instanceof Error ? ['name', 'message', 'stack', ...Object.getOwnPropertyNames(current)] : Object.keys(current);
    return Object.fromEntries(names.map((name) => [name, plain((current as Record<string, unknown>)[name])]));
  };
  return JSON.stringify(plain(value));
}
