import {
  checkConcurrency,
  DEFAULT_BASE_URL,
  DEFAULT_CONCURRENCY,
  DEFAULT_TIMEOUT_MS,
  normalizeBaseUrl,
  requireCorpId,
  requireCorpSecret,
} from './connectionSettings';
import { InvalidInputError } from './errors/WeComError';
import { ENDPOINTS } from './endpoints';
import { createAxiosTransport } from './http/axiosTransport';
import type { Transport } from './http/transport';
import { buildPlan, type Plan } from './plan/planner';
import { ALL_OWNERS } from './query/owners';
import { validateQuery, type StatisticQuery, type ValidQuery } from './query/query';
import { createApiCaller, type ApiCaller } from './request/apiCaller';
import { DEFAULT_RETRY, type RetryOptions } from './request/retryPolicy';
import { sendWeComRequest, type PipelineConfig, type RetryEvent, type WeComBody, type WeComCall } from './request/sendRequest';
import type { StatRecord } from './records/records';
import { executePlan, type Progress } from './run/executor';
import { AdaptiveLimiter } from './run/limiter';
import { TokenManager } from './token/tokenManager';
import type { TokenProvider } from './token/tokenProvider';
import type { TokenStore } from './token/tokenStore';


export interface WeComClientOptions {
  corpId?: string;
  corpSecret?: string;
  /** WeCom, a private deployment, a fixed-IP relay or the emulator. */
  baseUrl?: string;
  /** Instead of corpId/corpSecret: a host that owns the token (n8n's credential). */
  tokenProvider?: TokenProvider;
  /** Where tokens are cached; by default one store for the whole process. */
  tokenStore?: TokenStore;
  transport?: Transport;
  /** Statistic calls in flight at once (1-50). */
  concurrency?: number;
  timeoutMs?: number;
  retry?: Partial<RetryOptions>;
  /** The clock for "today" and token expiry. */
  now?: () => number;
  onRetry?: (event: RetryEvent) => void;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface StatisticResult {
  plan: Plan;
  records: StatRecord[];
}

/** API calls sent, retries included, by endpoint path; `retries` counts the retried ones. */
export type CallCounts = Record<string, number>;

/** The framework-free WeCom client: token, pipeline, planner and executor wired together. */
export class WeComClient {
  readonly baseUrl: string;
  readonly calls: CallCounts = {};
  /** Any WeCom call with the token added, errcodes checked and retries applied. */
  readonly call: ApiCaller;
  private readonly pipeline: PipelineConfig;
  private readonly tokens: TokenProvider;
  private readonly concurrency: number;
  private readonly now?: () => number;
  private readonly limiters = new Set<AdaptiveLimiter>();

  constructor(options: WeComClientOptions) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
    this.concurrency = checkConcurrency(options.concurrency ?? DEFAULT_CONCURRENCY);
    this.now = options.now;
    const secrets: string[] = [];
    this.pipeline = {
      baseUrl: this.baseUrl,
      transport: options.transport ?? createAxiosTransport(),
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      retry: { ...DEFAULT_RETRY, ...options.retry },
      secrets: () => secrets,
      onRequest: (endpoint) => this.count(endpoint),
      onRetry: (event) => {
        this.count('retries');
        // WeCom does not publish its concurrency limit: learn it from 45033.
        if (event.reason === 'too-concurrent') for (const limiter of this.limiters) limiter.throttle();
        options.onRetry?.(event);
      },
    };
    if (options.tokenProvider) {
      this.tokens = options.tokenProvider;
    } else {
      const corpId = requireCorpId(options.corpId);
      const corpSecret = requireCorpSecret(options.corpSecret);
      secrets.push(corpSecret);
      this.tokens = new TokenManager({
        corpId,
        corpSecret,
        baseUrl: this.baseUrl,
        store: options.tokenStore,
        now: options.now,
        send: (call, signal) => sendWeComRequest(this.pipeline, call, signal),
      });
    }
    this.call = createApiCaller(this.pipeline, this.tokens);
  }

  /** Members with Customer Contact enabled: the possible group owners. */
  async listFollowUsers(signal?: AbortSignal): Promise<string[]> {
    const answer = await this.call({ endpoint: ENDPOINTS.followUsers, method: 'GET' }, signal);
    const users = answer.follow_user;
    return Array.isArray(users) ? users.filter((user): user is string => typeof user === 'string') : [];
  }

  /** Checks the query (no API call), then lists owners if asked for all, then plans. */
  async plan(query: StatisticQuery, signal?: AbortSignal): Promise<Plan> {
    const valid = validateQuery(query, this.now);
    return buildPlan(valid, await this.resolveOwners(valid, signal));
  }

  /** Records as they are ready, window by window. */
  async *fetchStatistics(query: StatisticQuery | Plan, options: RunOptions = {}): AsyncGenerator<StatRecord> {
    const plan = isPlan(query) ? query : await this.plan(query, options.signal);
    const limiter = new AdaptiveLimiter(this.concurrency);
    this.limiters.add(limiter);
    try {
      yield* executePlan(plan, { call: this.call, limiter, signal: options.signal, onProgress: options.onProgress });
    } finally {
      this.limiters.delete(limiter);
    }
  }

  async collectStatistics(query: StatisticQuery, options: RunOptions = {}): Promise<StatisticResult> {
    const plan = await this.plan(query, options.signal);
    const records: StatRecord[] = [];
    for await (const record of this.fetchStatistics(plan, options)) records.push(record);
    return { plan, records };
  }

  private async resolveOwners(query: ValidQuery, signal?: AbortSignal): Promise<string[]> {
    if (query.owners !== ALL_OWNERS) return query.owners;
    const owners = [...new Set(await this.listFollowUsers(signal))];
    if (owners.length === 0) {
      throw new InvalidInputError('ownerSource', 'WeCom lists no member with Customer Contact for this app', 'an app whose visible range includes members with Customer Contact enabled');
    }
    return owners;
  }

  private count(key: string): void {
    this.calls[key] = (this.calls[key] ?? 0) + 1;
  }
}

function isPlan(value: StatisticQuery | Plan): value is Plan {
  return Array.isArray((value as Plan).windows) && Array.isArray((value as Plan).batches);
}

export type { WeComBody, WeComCall };
