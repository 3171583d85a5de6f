import { WeComError } from '../errors/WeComError';
import type { TokenProvider } from '../token/tokenProvider';
import type { WeComBody, WeComCall } from './sendRequest';

/** errcodes that mean "this token is no good": refresh once and replay. */
const TOKEN_REJECTED = new Set([40014, 42001]);

export type ApiCaller = (call: WeComCall, signal?: AbortSignal) => Promise<WeComBody>;

/**
 * Adds the access token to every call. When WeCom rejects the token, drops it, gets a new
 * one and replays the call once; a second rejection is returned to the caller, so a
 * broken setup never loops.
 */
export function createApiCaller(
  send: (call: WeComCall, signal?: AbortSignal) => Promise<WeComBody>,
  tokens: TokenProvider,
): ApiCaller {
  const sendWithToken = async (call: WeComCall, token: string, signal?: AbortSignal): Promise<WeComBody> =>
    send({ ...call, query: { ...call.query, access_token: token } }, signal);

  return async (call, signal) => {
    const token = await tokens.getToken(signal);
    try {
      return await sendWithToken(call, token, signal);
    } catch (error) {
      if (!(error instanceof WeComError) || error.errcode === undefined || !TOKEN_REJECTED.has(error.errcode)) throw error;
      await tokens.invalidate(token);
      return sendWithToken(call, await tokens.getToken(signal), signal);
    }
  };
}
