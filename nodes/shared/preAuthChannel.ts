/**
 * What the node and its credential's preAuthentication (gettoken) tell each other. n8n hands
 * preAuthentication the very credential data object the node passed to
 * httpRequestWithAuthentication, and nothing else: not the execution's cancel signal, and
 * what preAuthentication throws comes back wrapped in a NodeApiError that keeps only the
 * message. So under that object the node leaves its signal, and preAuthentication its error.
 */
const signals = new WeakMap<object, AbortSignal>();
const failures = new WeakMap<object, unknown>();

export function lendSignal(credentials: object, signal: AbortSignal | undefined): void {
  if (signal) signals.set(credentials, signal);
}

export function lentSignal(credentials: object): AbortSignal | undefined {
  return signals.get(credentials);
}

export function leavePreAuthFailure(credentials: object, error: unknown): void {
  failures.set(credentials, error);
}

export function takePreAuthFailure(credentials: object): unknown {
  const error = failures.get(credentials);
  failures.delete(credentials);
  return error;
}
