import { InvalidInputError, WeComError } from '../../core/errors/WeComError';
import { LostDaysError } from '../../core/history/lostDays';
import type { Plan } from '../../core/plan/planner';
import { formatDay } from '../../core/dates/chinaDay';
import { nodeFailure } from './failureText';
import type { NodeRedNode, NodeRedRuntime } from './nodeRedTypes';

export const STATUS = 'wecom-groupchat-statistic.status.';

/** What msg.wecom tells the next nodes: the query actually run and the calls it took. */
export function runInfo(plan: Plan | undefined, calls: Record<string, number>): Record<string, unknown> {
  const query = plan && {
    mode: plan.mode,
    from: formatDay(plan.range.from),
    to: formatDay(plan.range.to),
    owners: plan.ownerCount,
    orderBy: plan.mode === 'byOwner' ? plan.orderBy : undefined,
    ascending: plan.mode === 'byOwner' ? plan.ascending : undefined,
    limit: plan.mode === 'byOwner' ? plan.limit : undefined,
    ownerRecords: plan.mode === 'byOwner' ? plan.ownerRecords : undefined,
  };
  const total = Object.entries(calls).reduce((sum, [key, count]) => (key === 'retries' ? sum : sum + count), 0);
  return { query, requests: { planned: plan?.requestCount, total, byEndpoint: { ...calls } } };
}

function errorInfo(error: unknown): Record<string, unknown> {
  if (error instanceof WeComError) return { kind: error.kind, errcode: error.errcode, errmsg: error.errmsg, hint: error.hint, endpoint: error.endpoint, attempts: error.attempts };
  if (error instanceof InvalidInputError) return { field: error.field, allowed: error.allowed };
  if (error instanceof LostDaysError) return { kind: 'lost', lost: error.days };
  return {};
}

/** A failure as done() and msg.wecom.error carry it: the node's message (see failureText) and the details. */
export function reportFailure(RED: NodeRedRuntime, node: NodeRedNode, error: unknown): { failure: Error; info: Record<string, unknown> } {
  const failure = nodeFailure(RED, node, error);
  return { failure, info: { ...errorInfo(error), message: failure.message } };
}

export function failureStatus(RED: NodeRedRuntime, error: unknown): string {
  if (error instanceof WeComError && error.errcode !== undefined) return RED._(`${STATUS}errcode`, { errcode: error.errcode });
  if (error instanceof InvalidInputError) return RED._(`${STATUS}invalid`, { field: error.field });
  return RED._(`${STATUS}failed`);
}
