/**
 * n8n wraps what a credential's preAuthentication throws in a NodeApiError that keeps only
 * its message, so a failed gettoken (its errcode, endpoint and attempts) would reach the
 * node as an unexplained failure of the call that needed the token. preAuthentication is
 * given the very credential data object the node passed to httpRequestWithAuthentication:
 * it leaves its error under that object, and the node takes it back.
 */
const failures = new WeakMap<object, unknown>();

export function leavePreAuthFailure(credentials: object, error: unknown): void {
  failures.set(credentials, error);
}

export function takePreAuthFailure(credentials: object): unknown {
  const error = failures.get(credentials);
  failures.delete(credentials);
  return error;
}
