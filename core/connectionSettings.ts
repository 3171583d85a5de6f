import { describeValue } from './errors/describeValue';
import type { InputField } from './errors/inputFields';
import { InvalidInputError } from './errors/WeComError';

/** Checks of the connection settings every host asks for: base URL, corp ID, secret. */

export const DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';
/** 8 calls in flight stays under WeCom's 10,000 calls a minute at typical latencies. */
export const DEFAULT_CONCURRENCY = 8;
export const MAX_CONCURRENCY = 50;
export const DEFAULT_TIMEOUT_MS = 30_000;

export function requireCorpId(value: unknown): string {
  return requireText(value, 'corpId', 'the corp ID (企业ID) from the WeCom admin console, e.g. ww0123456789abcdef');
}

export function requireCorpSecret(value: unknown): string {
  return requireText(value, 'corpSecret', 'the Customer Contact secret (客户联系 secret) or that of an app in its 可调用应用 list');
}

function requireText(value: unknown, field: InputField, allowed: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidInputError(field, value === '' || value === undefined ? 'it is empty' : `got ${describeValue(value)}`, allowed);
  }
  return value.trim();
}

export function checkConcurrency(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY) {
    throw new InvalidInputError('concurrency', `got ${describeValue(value)}`, `a whole number from 1 to ${MAX_CONCURRENCY}`);
  }
  return value;
}

/** Accepts https://host, https://host/ and https://host/cgi-bin; rejects anything not http(s). */
export function normalizeBaseUrl(value: unknown): string {
  const allowed = 'an http:// or https:// URL such as https://qyapi.weixin.qq.com';
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidInputError('baseUrl', 'it is empty', allowed);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidInputError('baseUrl', `${describeValue(value)} is not a URL`, allowed);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidInputError('baseUrl', `the protocol ${url.protocol} is not supported`, allowed);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new InvalidInputError('baseUrl', 'it has a query, fragment or user info', allowed);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '').replace(/\/cgi-bin$/, '')}`;
}
