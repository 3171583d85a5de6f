import type { TokenProvider } from '../token/tokenProvider';
import { sendWeComRequest, type PipelineConfig, type WeComBody, type WeComCall } from './sendRequest';

export type ApiCaller = (call: WeComCall, signal?: AbortSignal) => Promise<WeComBody>;

/** Any WeCom call with the provider's token on each attempt, refreshed once when rejected. */
export function createApiCaller(pipeline: PipelineConfig, tokens: TokenProvider): ApiCaller {
  return (call, signal) => sendWeComRequest(pipeline, call, signal, tokens);
}
