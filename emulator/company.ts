import { ChinaDay, dayStartSeconds } from '../core/dates/chinaDay';
import type { StatData } from '../core/records/fields';
import { Industry, PagingSettings, ResolvedOptions } from './options';
import { ByOwnerPage, servePage } from './paging';
import { ByOwnerQuery, OrderBy, StatisticQuery } from './rules';

export type { StatData };

export interface Company {
  readonly seed: number;
  readonly industry: Industry;
  /** Members in the app's visible range (drives 81017). */
  readonly memberCount: number;
  /** Members with Customer Contact, as get_follow_user_list returns them; invisible owners stay listed so list-then-query clients can meet 60011. */
  readonly ownerIds: readonly string[];
  readonly invisibleOwners: ReadonlySet<string>;
  hasOwner(id: string): boolean;
  /** Owners an unfiltered query covers: all but the invisible ones. */
  visibleOwners(): string[];
  /** One owner's data over [beginDay, endDay]: new_* summed, the rest as of endDay. */
  windowData(owner: string, beginDay: ChinaDay, endDay: ChinaDay): StatData;
}

export type CompanySpec = Pick<ResolvedOptions, 'seed' | 'owners' | 'members' | 'industry' | 'invisibleOwners'>;

const OWNER_PREFIX = 'owner_';

export function ownerId(index: number): string {
  return OWNER_PREFIX + String(index).padStart(5, '0');
}

/** Uniform [0, 1) from (seed, owner, salt): FNV-1a then murmur3's finalizer to spread nearby inputs. */
function unit(seed: number, owner: string, salt: string): number {
  const input = `${seed}|${owner}|${salt}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) {
    h ^= input.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/**
 * Cumulative values are closed-form in the day (base + floor(rate * age)), so any day costs
 * O(1) and new_* counts are differences of totals: consistent across windows, never negative.
 */
interface Profile {
  origin: ChinaDay;
  chatBase: number;
  chatRate: number;
  memberBase: number;
  memberRate: number;
  msgRate: number;
  chatMsgRatio: number;
  memberMsgRatio: number;
  migrateRatio: number;
}

interface Totals {
  chats: number;
  members: number;
  msgs: number;
}

const FIRST_ORIGIN: ChinaDay = 18_262; // 2020-01-01
const ORIGIN_SPREAD_DAYS = 1_500;
const INACTIVE_SHARE = 0.1;

function profileOf(seed: number, owner: string): Profile | undefined {
  const draw = (salt: string) => unit(seed, owner, salt);
  if (draw('inactive') < INACTIVE_SHARE) return undefined;
  const chatBase = Math.floor(draw('chatBase') * 20);
  // Skewed: most owners add a group every week or two, a few several a day.
  const chatRate = 0.001 + draw('chatRate') ** 4 * 0.15;
  return {
    origin: FIRST_ORIGIN + Math.floor(draw('origin') * ORIGIN_SPREAD_DAYS),
    chatBase,
    chatRate,
    memberBase: Math.floor(chatBase * (3 + draw('memberBase') * 20)),
    memberRate: chatRate * (2 + draw('memberRate') * 25),
    msgRate: chatRate * (5 + draw('msgRate') * 200),
    chatMsgRatio: 0.2 + draw('chatMsg') * 0.75,
    memberMsgRatio: 0.05 + draw('memberMsg') * 0.55,
    migrateRatio: draw('migrate') * 0.3,
  };
}

function totalsOn(profile: Profile | undefined, day: ChinaDay): Totals {
  if (!profile || day < profile.origin) return { chats: 0, members: 0, msgs: 0 };
  const age = day - profile.origin;
  return {
    chats: profile.chatBase + Math.floor(profile.chatRate * age),
    members: profile.memberBase + Math.floor(profile.memberRate * age),
    msgs: Math.floor(profile.msgRate * age),
  };
}

export function createCompany(spec: CompanySpec): Company {
  const ownerIds = Array.from({ length: spec.owners }, (_, i) => ownerId(i + 1));
  const invisibleOwners = new Set(spec.invisibleOwners);
  const education = spec.industry === 'education';

  const hasOwner = (id: string): boolean => {
    if (!id.startsWith(OWNER_PREFIX) || id.length !== OWNER_PREFIX.length + 5) return false;
    const index = Number(id.slice(OWNER_PREFIX.length));
    return Number.isInteger(index) && index >= 1 && index <= spec.owners && ownerId(index) === id;
  };

  // Profiles are pure functions of (seed, owner); caching them makes by-day queries (owners x days) cheap.
  const profiles = new Map<string, Profile | undefined>();
  const profileFor = (owner: string): Profile | undefined => {
    if (profiles.has(owner)) return profiles.get(owner);
    const made = profileOf(spec.seed, owner);
    if (hasOwner(owner)) profiles.set(owner, made);
    return made;
  };

  const windowData = (owner: string, beginDay: ChinaDay, endDay: ChinaDay): StatData => {
    const profile = profileFor(owner);
    const before = totalsOn(profile, beginDay - 1);
    const end = totalsOn(profile, endDay);
    const data: StatData = {
      new_chat_cnt: end.chats - before.chats,
      chat_total: end.chats,
      chat_has_msg: Math.floor(end.chats * (profile?.chatMsgRatio ?? 0)),
      new_member_cnt: end.members - before.members,
      member_total: end.members,
      member_has_msg: Math.floor(end.members * (profile?.memberMsgRatio ?? 0)),
      msg_total: end.msgs,
    };
    if (education) data.migrate_trainee_chat_cnt = Math.floor(end.chats * (profile?.migrateRatio ?? 0));
    return data;
  };

  return {
    seed: spec.seed,
    industry: spec.industry,
    memberCount: spec.members,
    ownerIds,
    invisibleOwners,
    hasOwner,
    visibleOwners: () => ownerIds.filter((id) => !invisibleOwners.has(id)),
    windowData,
  };
}

function emptyData(industry: Industry): StatData {
  const data: StatData = { new_chat_cnt: 0, chat_total: 0, chat_has_msg: 0, new_member_cnt: 0, member_total: 0, member_has_msg: 0, msg_total: 0 };
  if (industry === 'education') data.migrate_trainee_chat_cnt = 0;
  return data;
}

const ORDER_FIELDS: Record<OrderBy, 'new_chat_cnt' | 'chat_total' | 'new_member_cnt' | 'member_total'> = {
  1: 'new_chat_cnt',
  2: 'chat_total',
  3: 'new_member_cnt',
  4: 'member_total',
};

export function statisticByOwner(company: Company, query: ByOwnerQuery, paging: PagingSettings): ByOwnerPage {
  const field = ORDER_FIELDS[query.orderBy];
  const direction = query.orderAsc ? 1 : -1;
  const rows = query.owners.map((owner) => ({ owner, data: company.windowData(owner, query.beginDay, query.endDay) }));
  // Ties by owner id keep pages stable between calls, so offset paging never skips or repeats
  // unless a paging anomaly is asked for.
  rows.sort((a, b) => direction * (a.data[field] - b.data[field]) || (a.owner < b.owner ? -1 : 1));
  return servePage(rows, query.offset, query.limit, paging);
}

export function statisticByDay(company: Company, query: StatisticQuery): { items: { stat_time: number; data: StatData }[] } {
  const items = [];
  for (let day = query.beginDay; day <= query.endDay; day++) {
    const sum = emptyData(company.industry);
    for (const owner of query.owners) {
      const data = company.windowData(owner, day, day);
      for (const key of Object.keys(sum) as (keyof StatData)[]) sum[key] = (sum[key] ?? 0) + (data[key] ?? 0);
    }
    items.push({ stat_time: dayStartSeconds(day), data: sum });
  }
  return { items };
}
