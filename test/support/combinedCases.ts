import { isDeepStrictEqual } from 'node:util';
import { combineByHand, windowTops, type HandOrder } from './combineByHand';

/** 2026-11-25: Last Month is then October, 31 days, so two windows (days 1-30 and day 31). Run the hosts on it with runOnToday(). */
export { TODAY, runOnToday } from '../reliability/support/clock';
/** Owners of the company: three batches per window. */
export const OWNERS = 250;

export interface CombinedCase {
  name: string;
  preset: 'lastMonth' | 'last90Days';
  from: string;
  to: string;
  windows: number;
  order: HandOrder;
}

const PRESETS = [
  { preset: 'lastMonth', from: '2026-10-01', to: '2026-10-31', windows: 2 },
  { preset: 'last90Days', from: '2026-08-27', to: '2026-11-24', windows: 3 },
] as const;

const ORDERS: HandOrder[] = [{}, { orderBy: 'newChatCount', limit: 10 }, { orderBy: 'newMemberCount', ascending: true, limit: 5 }];

const describeOrder = (order: HandOrder): string =>
  order.limit === undefined ? 'all owners' : `top ${order.limit} by ${order.orderBy}${order.ascending ? ' ascending' : ''}`;

/** Last Month in October and Last 90 Days by owner, without and with a limit. */
export const COMBINED_CASES: CombinedCase[] = PRESETS.flatMap((preset) =>
  ORDERS.map((order) => ({ name: `${preset.preset}, ${describeOrder(order)}`, ...preset, order })),
);

/** The minimum statistic calls: windows x batches x one page. */
export const minimumCalls = (c: CombinedCase): number => c.windows * Math.ceil(OWNERS / 100);

/**
 * What the issue asks of a combined run: one record per owner for the range, equal to the
 * per-window records combined by hand, ranked and cut over the range. With a limit, the
 * windows' own tops are not all the range's: the cut was made over the range.
 */
export function expectCombined(combined: readonly Record<string, unknown>[], perWindow: readonly Record<string, unknown>[], c: CombinedCase): void {
  expect(new Set(perWindow.map((record) => record.start_date)).size).toBe(c.windows);
  expect(combined).toEqual(combineByHand(perWindow, c.order));
  expect(combined).toHaveLength(c.order.limit ?? OWNERS);
  expect(new Set(combined.map((record) => record.owner)).size).toBe(combined.length);
  expect(combined.every((record) => record.start_date === c.from && record.end_date === c.to && record.as_of_date === c.to)).toBe(true);
  if (c.order.limit !== undefined) {
    const owners = combined.map((record) => record.owner);
    expect(windowTops(perWindow, { ...c.order, limit: c.order.limit }).filter((top) => !isDeepStrictEqual(top, owners)).length).toBeGreaterThan(0);
  }
}
