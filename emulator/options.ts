import { ChinaDay, parseDay } from '../core/dates/chinaDay';

export type Industry = 'general' | 'education';

/** Probability (0..1) of each injected fault, drawn per request. */
export interface FaultProbabilities {
  busy: number;
  rateLimited: number;
  concurrency: number;
  http5xx: number;
  reset: number;
  timeout: number;
  malformed: number;
}

export type FaultKind = keyof FaultProbabilities;

export const FAULT_KINDS: readonly FaultKind[] = ['busy', 'rateLimited', 'concurrency', 'http5xx', 'reset', 'timeout', 'malformed'];

/** How the by-owner endpoint's paging misbehaves (see paging.ts); 'none' pages as documented. */
export type PagingAnomaly = 'none' | 'stuckOffset' | 'changingTotal' | 'emptyPage' | 'repeatedOwner';

export const PAGING_ANOMALIES: readonly PagingAnomaly[] = ['none', 'stuckOffset', 'changingTotal', 'emptyPage', 'repeatedOwner'];

export interface PagingSettings {
  /** Most items in a by-owner page whatever the limit asked, as a server may send fewer; 0: as asked. */
  pageSizeCap: number;
  pagingAnomaly: PagingAnomaly;
}

export interface EmulatorOptions {
  port?: number;
  host?: string;
  corpId?: string;
  corpSecret?: string;
  seed?: number;
  owners?: number;
  members?: number;
  industry?: Industry;
  invisibleOwners?: string[];
  /** YYYY-MM-DD in China time; unset follows the real clock. */
  today?: string;
  tokenLifetimeSeconds?: number;
  latencyMs?: number;
  rateLimitPerMinute?: number;
  rateLimitPerHour?: number;
  maxConcurrentPerApi?: number;
  faults?: Partial<FaultProbabilities>;
  faultSeed?: number;
  faultsOnGettoken?: boolean;
  pageSizeCap?: number;
  pagingAnomaly?: PagingAnomaly;
  /** Newest entries kept in the request log; older ones are dropped so long runs stay bounded. */
  logLimit?: number;
}

export interface ResolvedOptions {
  port: number;
  host: string;
  corpId: string;
  corpSecret: string;
  seed: number;
  owners: number;
  members: number;
  industry: Industry;
  invisibleOwners: string[];
  /** undefined: today is read from the clock at each request. */
  today: ChinaDay | undefined;
  tokenLifetimeSeconds: number;
  latencyMs: number;
  rateLimitPerMinute: number;
  rateLimitPerHour: number;
  maxConcurrentPerApi: number;
  faults: FaultProbabilities;
  faultSeed: number;
  faultsOnGettoken: boolean;
  paging: PagingSettings;
  logLimit: number;
}

export const MAX_OWNERS = 99_999;

export const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  corpId: 'ww_emulator_corp',
  corpSecret: 'emulator-secret',
  seed: 1,
  owners: 300,
  industry: 'general' as Industry,
  tokenLifetimeSeconds: 7200,
  latencyMs: 0,
  rateLimitPerMinute: 10_000,
  rateLimitPerHour: 150_000,
  maxConcurrentPerApi: 0,
  faultSeed: 1,
  faultsOnGettoken: false,
  pageSizeCap: 0,
  pagingAnomaly: 'none' as PagingAnomaly,
  logLimit: 10_000,
} as const;

/** Thrown for a bad option; `option` names it so callers (the CLI) can point at their own flag. */
export class EmulatorOptionError extends Error {
  constructor(
    readonly option: string,
    readonly problem: string,
  ) {
    super(`Invalid emulator option "${option}": ${problem}`);
    this.name = 'EmulatorOptionError';
  }
}

// Typed as a record so the compiler insists every option is listed.
const KNOWN_OPTIONS: Record<keyof EmulatorOptions, true> = {
  port: true, host: true, corpId: true, corpSecret: true, seed: true, owners: true, members: true, industry: true,
  invisibleOwners: true, today: true, tokenLifetimeSeconds: true, latencyMs: true, rateLimitPerMinute: true,
  rateLimitPerHour: true, maxConcurrentPerApi: true, faults: true, faultSeed: true, faultsOnGettoken: true, pageSizeCap: true,
  pagingAnomaly: true, logLimit: true,
};

function integer(option: string, value: unknown, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const unbounded = max === Number.MAX_SAFE_INTEGER;
    const range = unbounded && min === Number.MIN_SAFE_INTEGER ? '' : unbounded ? ` of at least ${min}` : ` from ${min} to ${max}`;
    throw new EmulatorOptionError(option, `must be an integer${range}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function text(option: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new EmulatorOptionError(option, 'must be a non-empty string');
  return value;
}

/** Parses the `today` option (YYYY-MM-DD) into a China day. */
export function parseTodayOption(value: unknown): ChinaDay {
  const day = typeof value === 'string' ? parseDay(value) : undefined;
  if (day === undefined) throw new EmulatorOptionError('today', `must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return day;
}

/** Validates a partial fault table (also used by setFaults and the admin endpoint). */
export function validateFaults(value: unknown): Partial<FaultProbabilities> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EmulatorOptionError('faults', 'must be an object of probabilities');
  }
  const result: Partial<FaultProbabilities> = {};
  for (const [key, probability] of Object.entries(value)) {
    if (!(FAULT_KINDS as readonly string[]).includes(key)) {
      throw new EmulatorOptionError(`faults.${key}`, `unknown fault kind (known: ${FAULT_KINDS.join(', ')})`);
    }
    if (typeof probability !== 'number' || !(probability >= 0 && probability <= 1)) {
      throw new EmulatorOptionError(`faults.${key}`, `must be a probability from 0 to 1, got ${JSON.stringify(probability)}`);
    }
    result[key as FaultKind] = probability;
  }
  return result;
}

const MAX_PAGE_SIZE = 1000;

function pagingAnomaly(value: unknown): PagingAnomaly {
  if (!(PAGING_ANOMALIES as readonly unknown[]).includes(value)) {
    throw new EmulatorOptionError('pagingAnomaly', `must be one of ${PAGING_ANOMALIES.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value as PagingAnomaly;
}

/** Validates partial paging settings (also used by setPaging and the admin endpoint). */
export function validatePaging(value: unknown): Partial<PagingSettings> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EmulatorOptionError('paging', 'must be an object with pageSizeCap and/or pagingAnomaly');
  }
  const result: Partial<PagingSettings> = {};
  for (const [key, setting] of Object.entries(value)) {
    if (key === 'pageSizeCap') result.pageSizeCap = integer(key, setting, DEFAULTS.pageSizeCap, 0, MAX_PAGE_SIZE);
    else if (key === 'pagingAnomaly') result.pagingAnomaly = pagingAnomaly(setting);
    else throw new EmulatorOptionError(key, 'unknown paging setting (known: pageSizeCap, pagingAnomaly)');
  }
  return result;
}

export function resolveOptions(options: EmulatorOptions = {}): ResolvedOptions {
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(KNOWN_OPTIONS, key)) throw new EmulatorOptionError(key, 'unknown option');
  }
  const owners = integer('owners', options.owners, DEFAULTS.owners, 0, MAX_OWNERS);
  const industry = options.industry ?? DEFAULTS.industry;
  if (industry !== 'general' && industry !== 'education') {
    throw new EmulatorOptionError('industry', `must be "general" or "education", got ${JSON.stringify(industry)}`);
  }
  const invisibleOwners = options.invisibleOwners ?? [];
  if (!Array.isArray(invisibleOwners) || !invisibleOwners.every((id) => typeof id === 'string' && id !== '')) {
    throw new EmulatorOptionError('invisibleOwners', 'must be an array of non-empty user ids');
  }
  const latencyMs = options.latencyMs ?? DEFAULTS.latencyMs;
  if (typeof latencyMs !== 'number' || !(latencyMs >= 0 && latencyMs <= 600_000)) {
    throw new EmulatorOptionError('latencyMs', `must be a number of milliseconds from 0 to 600000, got ${JSON.stringify(latencyMs)}`);
  }
  const faultsOnGettoken = options.faultsOnGettoken ?? DEFAULTS.faultsOnGettoken;
  if (typeof faultsOnGettoken !== 'boolean') throw new EmulatorOptionError('faultsOnGettoken', 'must be a boolean');
  return {
    port: integer('port', options.port, DEFAULTS.port, 0, 65_535),
    host: text('host', options.host, DEFAULTS.host),
    corpId: text('corpId', options.corpId, DEFAULTS.corpId),
    corpSecret: text('corpSecret', options.corpSecret, DEFAULTS.corpSecret),
    seed: integer('seed', options.seed, DEFAULTS.seed, Number.MIN_SAFE_INTEGER),
    owners,
    members: integer('members', options.members, owners, owners), // the owners are members too
    industry,
    invisibleOwners: [...invisibleOwners],
    today: options.today === undefined ? undefined : parseTodayOption(options.today),
    tokenLifetimeSeconds: integer('tokenLifetimeSeconds', options.tokenLifetimeSeconds, DEFAULTS.tokenLifetimeSeconds, 1),
    latencyMs,
    rateLimitPerMinute: integer('rateLimitPerMinute', options.rateLimitPerMinute, DEFAULTS.rateLimitPerMinute, 1),
    rateLimitPerHour: integer('rateLimitPerHour', options.rateLimitPerHour, DEFAULTS.rateLimitPerHour, 1),
    maxConcurrentPerApi: integer('maxConcurrentPerApi', options.maxConcurrentPerApi, DEFAULTS.maxConcurrentPerApi, 0),
    faults: { busy: 0, rateLimited: 0, concurrency: 0, http5xx: 0, reset: 0, timeout: 0, malformed: 0, ...validateFaults(options.faults) },
    faultSeed: integer('faultSeed', options.faultSeed, DEFAULTS.faultSeed, Number.MIN_SAFE_INTEGER),
    faultsOnGettoken,
    paging: {
      pageSizeCap: integer('pageSizeCap', options.pageSizeCap, DEFAULTS.pageSizeCap, 0, MAX_PAGE_SIZE),
      pagingAnomaly: pagingAnomaly(options.pagingAnomaly ?? DEFAULTS.pagingAnomaly),
    },
    logLimit: integer('logLimit', options.logLimit, DEFAULTS.logLimit, 0),
  };
}
