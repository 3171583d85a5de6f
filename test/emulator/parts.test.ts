import { createCompany, ownerId, StatData } from '../../emulator/company';
import { ConcurrencyGate, RateLimiter } from '../../emulator/rateLimits';
import { TokenStore } from '../../emulator/tokens';

const spec = { seed: 1, owners: 400, members: 400, industry: 'education' as const, invisibleOwners: [] };
const DAY = 19_880; // 2024-06-06

describe('synthetic company', () => {
  const company = createCompany(spec);

  it('names owners with five digits, up to 99,999', () => {
    expect(company.ownerIds.slice(0, 2)).toEqual(['owner_00001', 'owner_00002']);
    const largest = createCompany({ ...spec, owners: 99_999 });
    expect(largest.ownerIds.at(-1)).toBe('owner_99999');
    expect(largest.hasOwner('owner_99999')).toBe(true);
    expect(company.hasOwner('owner_00401')).toBe(false);
    expect(company.hasOwner('owner_00000')).toBe(false);
    expect(company.hasOwner('owner_1')).toBe(false);
    expect(ownerId(42)).toBe('owner_00042');
  });

  it('keeps every day consistent: non-negative integers, has_msg within totals, new_* the change of totals', () => {
    const problems: string[] = [];
    for (const owner of company.ownerIds) {
      for (let day = DAY - 200; day <= DAY; day += 37) {
        const today = company.windowData(owner, day, day);
        const before = company.windowData(owner, day - 1, day - 1);
        const checks = {
          integers: Object.values(today).every((value) => Number.isInteger(value) && value >= 0),
          chatHasMsg: today.chat_has_msg <= today.chat_total,
          memberHasMsg: today.member_has_msg <= today.member_total,
          migrate: (today.migrate_trainee_chat_cnt ?? 0) <= today.chat_total,
          newChats: today.new_chat_cnt === today.chat_total - before.chat_total,
          newMembers: today.new_member_cnt === today.member_total - before.member_total,
          msgs: today.msg_total >= before.msg_total,
        };
        for (const [name, ok] of Object.entries(checks)) if (!ok) problems.push(`${owner} day ${day}: ${name}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('sums new_* over a window and takes the other fields from its last day', () => {
    const owner = 'owner_00123';
    const window = company.windowData(owner, DAY - 29, DAY);
    const days: StatData[] = Array.from({ length: 30 }, (_, i) => company.windowData(owner, DAY - 29 + i, DAY - 29 + i));
    expect(window.new_chat_cnt).toBe(days.reduce((sum, d) => sum + d.new_chat_cnt, 0));
    expect(window.new_member_cnt).toBe(days.reduce((sum, d) => sum + d.new_member_cnt, 0));
    expect({ ...window, new_chat_cnt: 0, new_member_cnt: 0 }).toEqual({ ...days[29], new_chat_cnt: 0, new_member_cnt: 0 });
  });

  it('has inactive owners beside active ones', () => {
    const totals = company.ownerIds.map((owner) => company.windowData(owner, DAY, DAY).chat_total);
    const inactive = totals.filter((total) => total === 0).length;
    expect(inactive).toBeGreaterThan(10);
    expect(inactive).toBeLessThan(200);
  });

  it('derives everything from the seed', () => {
    const again = createCompany(spec);
    const other = createCompany({ ...spec, seed: 2 });
    const sample = (c: typeof company) => c.ownerIds.slice(0, 50).map((owner) => c.windowData(owner, DAY - 10, DAY));
    expect(sample(again)).toEqual(sample(company));
    expect(sample(other)).not.toEqual(sample(company));
  });

  it('leaves invisible owners out of an unfiltered query but in the follow list', () => {
    const hidden = createCompany({ ...spec, owners: 3, invisibleOwners: ['owner_00002'] });
    expect(hidden.visibleOwners()).toEqual(['owner_00001', 'owner_00003']);
    expect(hidden.ownerIds).toEqual(['owner_00001', 'owner_00002', 'owner_00003']);
  });
});

describe('token store', () => {
  it('reuses the token until expiry, then mints a new one', () => {
    let now = 1_000_000;
    const store = new TokenStore(60, () => now);
    const first = store.issue();
    expect(first.expiresIn).toBe(60);
    now += 20_000;
    expect(store.issue()).toEqual({ accessToken: first.accessToken, expiresIn: 40 });
    now += 40_000;
    expect(store.check(first.accessToken)).toBe('expired');
    const second = store.issue();
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(store.check(second.accessToken)).toBe('ok');
    store.revokeAll();
    expect(store.check(second.accessToken)).toBe('invalid');
    expect(store.check(undefined)).toBe('missing');
  });
});

describe('rate limits', () => {
  it('counts per API in fixed minute and hour windows', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([limiter.tryCall('a'), limiter.tryCall('a'), limiter.tryCall('a'), limiter.tryCall('b')]).toEqual([true, true, false, true]);
    now += 60_000;
    expect(limiter.tryCall('a')).toBe(false); // the hour already holds 3 calls of 'a'
    expect(limiter.tryCall('b')).toBe(true);
    now += 3_600_000;
    expect(limiter.tryCall('a')).toBe(true);
  });

  it('tracks in-flight calls per API', () => {
    const gate = new ConcurrencyGate(1);
    expect(gate.tryEnter('a')).toBe(true);
    expect(gate.tryEnter('a')).toBe(false);
    expect(gate.tryEnter('b')).toBe(true);
    gate.leave('a');
    expect(gate.tryEnter('a')).toBe(true);
    const unlimited = new ConcurrencyGate(0);
    for (let i = 0; i < 50; i++) expect(unlimited.tryEnter('a')).toBe(true);
  });
});
