// Preloaded into an n8n process (NODE_OPTIONS=--require): appends a line to the file
// WECOM_E2E_GETTOKEN_LOG for every gettoken request this process sends, so a test can tell
// which queue-mode worker fetched a token. Requests are sent as before.
const { appendFileSync } = process.getBuiltinModule('node:fs');
const http = process.getBuiltinModule('node:http');
const file = process.env.WECOM_E2E_GETTOKEN_LOG;
const request = http.request;
http.request = function (...args) {
  const target = args[0];
  const path = typeof target === 'string' ? new URL(target).pathname : target instanceof URL ? target.pathname : (target && target.path) || '';
  if (file && String(path).startsWith('/cgi-bin/gettoken')) appendFileSync(file, `${process.pid}\n`);
  return request.apply(this, args);
};
