/**
 * WeCom's statistic fields. `new_*` count what was added in the period; the others are
 * WeCom's "截至当天" figures: the state as of the period's last day.
 */
export const STAT_FIELDS = {
  new_chat_cnt: 'New customer groups in the period (新增客户群数量)',
  chat_total: 'Customer groups in total, as of the last day (截至当天客户群总数量)',
  chat_has_msg: 'Groups that have had messages, as of the last day (截至当天有发过消息的客户群数量)',
  new_member_cnt: 'New group members in the period (客户群新增群人数)',
  member_total: 'Group members in total, as of the last day (截至当天客户群总人数)',
  member_has_msg: 'Members who have sent messages, as of the last day (截至当天有发过消息的群成员数)',
  msg_total: 'Messages in the groups (截至当天客户群消息总数)',
  migrate_trainee_chat_cnt: 'Migrated trainee groups; WeCom returns it only for education and training companies (截至当天新增迁移群数)',
} as const;

export type StatField = keyof typeof STAT_FIELDS;

export interface StatData {
  new_chat_cnt: number;
  chat_total: number;
  chat_has_msg: number;
  new_member_cnt: number;
  member_total: number;
  member_has_msg: number;
  msg_total: number;
  /** Present only when WeCom returns it. */
  migrate_trainee_chat_cnt?: number;
}

const OPTIONAL: ReadonlySet<StatField> = new Set(['migrate_trainee_chat_cnt']);
const FIELD_NAMES = Object.keys(STAT_FIELDS) as StatField[];

/** The figures added in a period (`new_*`): over several periods they add up; the others are as of a day. */
export const ADDED_FIELDS = ['new_chat_cnt', 'new_member_cnt'] as const satisfies readonly StatField[];

/** WeCom's `data` object reduced to the known numeric fields. */
export function readStatData(raw: unknown): StatData {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const data: Partial<StatData> = {};
  for (const field of FIELD_NAMES) {
    const value = source[field];
    if (typeof value === 'number' && Number.isFinite(value)) data[field] = value;
    else if (!OPTIONAL.has(field)) data[field] = 0;
  }
  return data as StatData;
}

/** Field-by-field sum. Exact for disjoint owner batches: each group has one owner. */
export function addStatData(total: StatData, add: StatData): StatData {
  const sum: Partial<StatData> = {};
  for (const field of FIELD_NAMES) {
    const a = total[field];
    const b = add[field];
    if (a !== undefined || b !== undefined) sum[field] = (a ?? 0) + (b ?? 0);
  }
  return sum as StatData;
}

/** Whether two data objects hold the same figures. */
export function sameStatData(a: StatData, b: StatData): boolean {
  return FIELD_NAMES.every((field) => a[field] === b[field]);
}
