import { ENDPOINTS } from '../endpoints';
import { WeComError } from './WeComError';

const PAGING_HINT =
  'WeCom\'s pages for this query did not add up, so the run stopped rather than return missing or repeated owners. ' +
  'Run it again later; if it keeps happening, send this message to WeCom support (企业微信客服).';

/** A by-owner answer whose paging cannot be trusted: says what was wrong and what to do. */
export function pagingError(problem: string): WeComError {
  return new WeComError({ kind: 'paging', errmsg: problem, endpoint: ENDPOINTS.byOwner, attempts: 1, hint: PAGING_HINT });
}
