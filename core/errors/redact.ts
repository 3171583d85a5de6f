/** Removes secrets and access tokens from any text that may reach a user or a log. */

const MASK = '***';
const SENSITIVE_QUERY = /\b(access_token|corpsecret)=[^&\s"'#]*/gi;
const SENSITIVE_JSON = /"(access_token|corpsecret|corpSecret)"\s*:\s*"[^"]*"/g;

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let result = text.replace(SENSITIVE_QUERY, `$1=${MASK}`).replace(SENSITIVE_JSON, `"$1":"${MASK}"`);
  for (const secret of secrets) {
    // Short values would mask ordinary words; WeCom secrets and tokens are long.
    if (secret && secret.length >= 6) result = result.split(secret).join(MASK);
  }
  return result;
}

/** A URL with its sensitive query parameters masked, for error messages. */
export function redactUrl(url: string, query: Record<string, string | number> = {}): string {
  const params = Object.entries(query)
    .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
    .join('&');
  return redact(params ? `${url}?${params}` : url);
}
