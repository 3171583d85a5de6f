import { createServer, IncomingMessage, ServerResponse } from 'http';
import { AddressInfo, Socket } from 'net';
import { setTimeout as sleep } from 'timers/promises';
import { todayInChina } from '../core/dates/chinaDay';
import { Company, createCompany, statisticByDay, statisticByOwner } from './company';
import { FaultAction, FaultInjector } from './faults';
import {
  EmulatorOptions,
  FaultKind,
  FaultProbabilities,
  PagingSettings,
  parseTodayOption,
  resolveOptions,
  validateFaults,
  validatePaging,
} from './options';
import { ConcurrencyGate, RateLimiter } from './rateLimits';
import { judgeByDay, judgeByOwner, RuleContext, WeComError, wecomError } from './rules';
import { TokenCheck, TokenStore } from './tokens';

export type EndpointName = 'gettoken' | 'get_follow_user_list' | 'groupchat/statistic' | 'groupchat/statistic_group_by_day';

export const ENDPOINTS: readonly EndpointName[] = ['gettoken', 'get_follow_user_list', 'groupchat/statistic', 'groupchat/statistic_group_by_day'];

export interface RequestLogEntry {
  seq: number;
  /** Epoch milliseconds when the request arrived. */
  at: number;
  method: string;
  /** The endpoint name, or the raw path (never the query: it carries tokens and secrets). */
  endpoint: EndpointName | string;
  /** The parsed JSON body, undefined when absent or not JSON. */
  body: unknown;
  errcode: number | undefined;
  /** 0 when no HTTP response was sent (reset or timeout fault). */
  httpStatus: number;
  fault: FaultKind | undefined;
  durationMs: number;
}

export interface Emulator {
  readonly baseUrl: string;
  readonly corpId: string;
  readonly corpSecret: string;
  readonly company: Company;
  /** The newest requests (up to logLimit), oldest first. */
  readonly log: readonly RequestLogEntry[];
  clearLog(): void;
  callCount(endpoint?: EndpointName): number;
  expireTokens(): void;
  revokeTokens(): void;
  /** Every access token issued so far (for leak checks in tests; never logged). */
  issuedTokens(): string[];
  setFaults(faults: Partial<FaultProbabilities>): void;
  /** Changes the by-owner page size cap and paging anomaly for the requests that follow. */
  setPaging(paging: Partial<PagingSettings>): void;
  setToday(day: string): void;
  close(): Promise<void>;
}

interface Route {
  name: EndpointName;
  method: 'GET' | 'POST';
}

const ROUTES: Record<string, Route | undefined> = {
  '/cgi-bin/gettoken': { name: 'gettoken', method: 'GET' },
  '/cgi-bin/externalcontact/get_follow_user_list': { name: 'get_follow_user_list', method: 'GET' },
  '/cgi-bin/externalcontact/groupchat/statistic': { name: 'groupchat/statistic', method: 'POST' },
  '/cgi-bin/externalcontact/groupchat/statistic_group_by_day': { name: 'groupchat/statistic_group_by_day', method: 'POST' },
};

/** Every WeCom answer carries errcode/errmsg, plus the endpoint's own fields on success. */
type WeComReply = WeComError & Record<string, unknown>;

const TOKEN_ERRCODES: Record<Exclude<TokenCheck, 'ok'>, number> = { missing: 41001, invalid: 40014, expired: 42001 };
const ADMIN_PREFIX = '/__emulator/';
const MAX_BODY_BYTES = 1_000_000;

/** The body as JSON, or undefined when empty, oversized or unparseable (the rules answer 47001). */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size === 0 || size > MAX_BODY_BYTES) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json; charset=UTF-8', JSON.stringify(value));
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const config = resolveOptions(options);
  const company = createCompany(config);
  const tokens = new TokenStore(config.tokenLifetimeSeconds);
  const faults = new FaultInjector(config.faults, config.faultSeed);
  const limiter = new RateLimiter(config.rateLimitPerMinute, config.rateLimitPerHour);
  const gate = new ConcurrencyGate(config.maxConcurrentPerApi);
  let today = config.today;
  let paging = config.paging;
  const log: RequestLogEntry[] = [];
  const counts = new Map<string, number>();
  let seq = 0;
  // Aborting wakes every latency wait at close(), so no timer outlives the server.
  const shutdown = new AbortController();
  const sockets = new Set<Socket>();

  const ruleContext = (): RuleContext => ({
    today: today ?? todayInChina(),
    members: company.memberCount,
    invisibleOwners: company.invisibleOwners,
    visibleOwners: company.visibleOwners,
    hasOwner: company.hasOwner,
  });

  const record = (entry: Omit<RequestLogEntry, 'seq' | 'durationMs'>): void => {
    counts.set(entry.endpoint, (counts.get(entry.endpoint) ?? 0) + 1);
    if (config.logLimit === 0) return;
    log.push({ seq: ++seq, ...entry, durationMs: Date.now() - entry.at });
    if (log.length > config.logLimit) log.shift();
  };

  /** Waits until `latencyMs` have passed since the request arrived. */
  const pause = async (arrivedAt: number): Promise<void> => {
    const remaining = config.latencyMs - (performance.now() - arrivedAt);
    if (remaining > 0) await sleep(remaining, undefined, { signal: shutdown.signal });
  };

  /**
   * The statistic figures for a request, worked out as it arrives: a real server computes
   * while the latency runs, so concurrent calls do not queue behind each other's CPU time.
   */
  const figures = (route: Route, body: unknown): (() => WeComReply) => {
    if (route.name === 'groupchat/statistic') {
      const judged = judgeByOwner(body, ruleContext());
      const reply: WeComReply = judged.ok ? { errcode: 0, errmsg: 'ok', ...statisticByOwner(company, judged.query, paging) } : judged.error;
      return () => reply;
    }
    if (route.name === 'groupchat/statistic_group_by_day') {
      const judged = judgeByDay(body, ruleContext());
      const reply: WeComReply = judged.ok ? { errcode: 0, errmsg: 'ok', ...statisticByDay(company, judged.query) } : judged.error;
      return () => reply;
    }
    return () => ({ errcode: 0, errmsg: 'ok', follow_user: company.ownerIds }); // gettoken never asks
  };

  const answer = (route: Route, method: string, url: URL, data: () => WeComReply): WeComReply => {
    const { name, method: expected } = route;
    if (name === 'gettoken') {
      if (method !== expected) return wecomError(40058, 'gettoken must be called with GET');
      if (url.searchParams.get('corpid') !== config.corpId) return wecomError(40013);
      if (url.searchParams.get('corpsecret') !== config.corpSecret) return wecomError(40001);
      const issued = tokens.issue();
      return { errcode: 0, errmsg: 'ok', access_token: issued.accessToken, expires_in: issued.expiresIn };
    }
    const check = tokens.check(url.searchParams.get('access_token'));
    if (check !== 'ok') return wecomError(TOKEN_ERRCODES[check]);
    if (method !== expected) return wecomError(40058, `${name} must be called with ${expected}`);
    return data();
  };

  const applyFault = (fault: FaultAction, req: IncomingMessage, res: ServerResponse): number => {
    if (fault.type === 'reset') req.socket.destroy();
    if (fault.type !== 'respond') return 0; // a hung request stays open until the client gives up or close()
    send(res, fault.status, fault.contentType, fault.body);
    return fault.status;
  };

  const handleWeCom = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const at = Date.now();
    const arrivedAt = performance.now();
    const method = req.method ?? 'GET';
    const body = await readJson(req);
    const route = ROUTES[url.pathname];
    if (!route) {
      sendJson(res, 404, { error: `not an endpoint of the WeCom emulator: ${url.pathname}` });
      record({ at, method, endpoint: url.pathname, body, errcode: undefined, httpStatus: 404, fault: undefined });
      return;
    }
    const endpoint = route.name;
    const reply = (value: WeComReply) => {
      sendJson(res, 200, value);
      record({ at, method, endpoint, body, errcode: value.errcode, httpStatus: 200, fault: undefined });
    };
    // Faults come first and replace everything else, so a retried request meets no side effect.
    const fault = endpoint !== 'gettoken' || config.faultsOnGettoken ? faults.decide() : undefined;
    if (fault) {
      await pause(arrivedAt);
      const httpStatus = applyFault(fault, req, res);
      const errcode = fault.type === 'respond' ? fault.errcode : undefined;
      record({ at, method, endpoint, body, errcode, httpStatus, fault: fault.kind });
      return;
    }
    if (!limiter.tryCall(endpoint)) {
      await pause(arrivedAt);
      return reply(wecomError(45009));
    }
    if (!gate.tryEnter(endpoint)) {
      await pause(arrivedAt);
      return reply(wecomError(45033));
    }
    try {
      const data = figures(route, body);
      await pause(arrivedAt);
      reply(answer(route, method, url, data));
    } finally {
      gate.leave(endpoint);
    }
  };

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse, action: string): Promise<void> => {
    const body = await readJson(req);
    const actions: Record<string, (() => unknown) | undefined> = {
      'GET log': () => ({ entries: log }),
      'GET calls': () => ({ total: callCount(), endpoints: Object.fromEntries(ENDPOINTS.map((name) => [name, callCount(name)])) }),
      'POST expire-tokens': () => tokens.expireAll(),
      'POST revoke-tokens': () => tokens.revokeAll(),
      'POST reset-log': () => clearLog(),
      'POST faults': () => faults.update(validateFaults(body ?? null)),
      'POST paging': () => setPaging(body ?? null),
    };
    const run = actions[`${req.method} ${action}`];
    if (!run) return sendJson(res, 404, { error: `unknown admin action: ${req.method} ${ADMIN_PREFIX}${action}` });
    try {
      sendJson(res, 200, run() ?? { ok: true });
    } catch (error) {
      sendJson(res, 400, { error: (error as Error).message });
    }
  };

  const callCount = (endpoint?: EndpointName): number => {
    if (endpoint !== undefined) return counts.get(endpoint) ?? 0;
    let total = 0;
    for (const count of counts.values()) total += count;
    return total;
  };

  const setPaging = (settings: unknown): void => {
    paging = { ...paging, ...validatePaging(settings) };
  };

  const clearLog = (): void => {
    log.length = 0;
    counts.clear();
  };

  const server = createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://emulator');
    } catch {
      return sendJson(res, 400, { error: 'malformed request target' }); // e.g. "//[": must not crash the server
    }
    const work = url.pathname.startsWith(ADMIN_PREFIX)
      ? handleAdmin(req, res, url.pathname.slice(ADMIN_PREFIX.length))
      : handleWeCom(req, res, url);
    work.catch((error: unknown) => {
      // Aborted waits and client disconnects end here; only report real failures of a live server.
      if (shutdown.signal.aborted || req.destroyed) return;
      sendJson(res, 500, { error: `emulator failure: ${(error as Error).message}` });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      shutdown.abort();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return {
    baseUrl: `http://${host}:${port}`,
    corpId: config.corpId,
    corpSecret: config.corpSecret,
    company,
    get log() {
      return log;
    },
    clearLog,
    callCount,
    expireTokens: () => tokens.expireAll(),
    revokeTokens: () => tokens.revokeAll(),
    issuedTokens: () => tokens.issued(),
    setFaults: (partial) => faults.update(validateFaults(partial)),
    setPaging,
    setToday: (day) => {
      today = parseTodayOption(day);
    },
    close,
  };
}
