/**
 * What to tell a user about each WeCom errcode this package can meet. The Chinese terms
 * are the ones users search for in WeCom's admin console and documentation.
 */
const HINTS: Record<number, string> = {
  [-1]: 'WeCom is busy (系统繁忙). This is temporary; the request was retried with backoff. Try again later.',
  40001:
    'The secret is invalid: wrong, reset, or its app is disabled. Use the Customer Contact secret (客户联系 secret) or the secret of a self-built app listed in its 可调用应用 list. Refreshing the token will not help.',
  40013: 'The corp ID is invalid. Copy it from 我的企业 -> 企业信息 -> 企业ID in the WeCom admin console.',
  40014: 'The access token is invalid: WeCom dropped it early, or another system reset the secret. If this persists, check that nothing else resets the secret.',
  40058:
    'WeCom rejected a parameter (不合法的参数). Check the dates, owner IDs and limit; this package validates them, so report it if it persists.',
  41001: 'The access token was missing from the request. This is a bug in the caller; please report it.',
  42001: 'The access token expired. If this persists, check the server clock.',
  45009:
    'WeCom API rate limit reached (接口调用超过限制): 10,000 calls per minute and 150,000 per hour per company and API. The block lasts as long as the window; run the workflow less often or with fewer owners.',
  45033:
    'Too many concurrent calls to this API (接口并发调用超过限制). Concurrency was lowered and the request retried; set a lower concurrency.',
  47001: 'WeCom could not parse the request body (数据格式错误). This is a bug in the caller; please report it.',
  48002:
    'The API is forbidden for this app (API接口无权限调用). Use the Customer Contact secret (客户联系 secret), or add your self-built app to 客户联系 -> 可调用应用.',
  60011:
    'No privilege for a requested member (指定的成员/部门/标签参数无权限). Every group owner must be in the app\'s visible range (可见范围).',
  60020:
    'This server\'s IP is not in the app\'s trusted IPs (企业可信IP). Add it in the app settings, or behind a dynamic IP use a fixed-IP relay and set it as the Base URL.',
  81017:
    'Too many people in scope (可见范围人数超过1000). Send an owner list, or choose "all members with Customer Contact" so owners are listed and batched for you.',
  600018:
    'Invalid start or end time (无效的开始/结束时间). Both days must be between 180 days ago and yesterday in China time; today is not allowed.',
};

export function hintFor(errcode: number): string | undefined {
  return HINTS[errcode];
}

/** The hint for a token WeCom rejected again after the one replay: says what really happened. */
export function rejectedAgainHint(errcode: number, sameToken: boolean): string {
  const what = sameToken
    ? 'The request was replayed once, but no new token could be had: the replay carried the rejected one again.'
    : 'A new token was fetched and the request replayed once; WeCom rejected the new token too.';
  return `${what} ${HINTS[errcode] ?? ''}`.trim();
}

export const KNOWN_ERRCODES: readonly number[] = Object.keys(HINTS).map(Number);
