import type { HandOrder } from './combineByHand';

/** The emulator's and the hosts' today: Last Month is then October, 31 days, so two windows (days 1-30 and day 31). */
export const TODAY = '2026-11-25';
/** 10:00 on TODAY in China. */
export const NOW = new Date('2026-11-25T02:00:00Z');
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
