import type { IExecuteFunctions } from 'n8n-workflow';
import { readParameters } from '../../nodes/WeComGroupChatStatistic/actions/readParameters';
import { invalid } from '../support/expectInvalid';

function context(parameters: Record<string, unknown>[]): IExecuteFunctions {
  return {
    getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
      const value = parameters[itemIndex][name];
      if (value === undefined && fallback === undefined) throw new Error(`no parameter ${name}`);
      return value === undefined ? fallback : value;
    },
  } as unknown as IExecuteFunctions;
}

describe('readParameters', () => {
  it('maps a by-day preset with all owners', () => {
    const { query, output, concurrency } = readParameters(context([{ mode: 'byDay', dateRange: 'last30Days', ownerSource: 'all' }]), 0);
    expect(query).toEqual({ mode: 'byDay', dates: { preset: 'last30Days', clamp: undefined }, owners: 'allWithCustomerContact' });
    expect(output).toBe('flat');
    expect(concurrency).toBeUndefined();
  });

  it('maps a custom range, listed owners, sorting, a limit and options', () => {
    const { query, output, concurrency } = readParameters(
      context([
        {
          mode: 'byOwner',
          dateRange: 'custom',
          from: '2026-10-01T00:00:00',
          to: '2026-10-31T00:00:00',
          ownerSource: 'list',
          owners: 'zhangsan, lisi',
          orderBy: 'memberTotal',
          sortDirection: 'ascending',
          returnAll: false,
          limit: 10,
          options: { clamp: true, concurrency: 3, output: 'raw', ownerRecords: 'perWindow' },
        },
      ]),
      0,
    );
    expect(query).toEqual({
      mode: 'byOwner',
      dates: { from: '2026-10-01T00:00:00', to: '2026-10-31T00:00:00', clamp: true },
      owners: 'zhangsan, lisi',
      orderBy: 'memberTotal',
      ascending: true,
      limit: 10,
      ownerRecords: 'perWindow',
    });
    expect(output).toBe('raw');
    expect(concurrency).toBe(3);
  });

  it('omits the limit with Return All and reads each item separately', () => {
    const ctx = context([
      { mode: 'byOwner', dateRange: 'yesterday', ownerSource: 'list', owners: ['a'], orderBy: 'newChatCount', sortDirection: 'descending', returnAll: true },
      { mode: 'byOwner', dateRange: 'yesterday', ownerSource: 'list', owners: ['b', 'c'], orderBy: 'chatTotal', sortDirection: 'descending', returnAll: true },
    ]);
    expect(readParameters(ctx, 0).query).toMatchObject({ owners: ['a'], ascending: false });
    expect(readParameters(ctx, 0).query).not.toHaveProperty('limit');
    // No Owner Records option: the core's default, one record per owner for the range.
    expect(readParameters(ctx, 0).query).not.toHaveProperty('ownerRecords');
    expect(readParameters(ctx, 1).query).toMatchObject({ owners: ['b', 'c'], orderBy: 'chatTotal' });
  });

  it('refuses an unknown sort direction instead of sorting descending', () => {
    const byOwner = { mode: 'byOwner', dateRange: 'yesterday', ownerSource: 'all', orderBy: 'chatTotal', returnAll: true };
    const error = invalid(() => readParameters(context([{ ...byOwner, sortDirection: 'sideways' }]), 0));
    expect(error.fieldId).toBe('ascending');
    expect(error.allowed).toBe('descending, ascending');
    expect(error.message).toContain('"sideways" is not a sort direction');
    expect(readParameters(context([{ ...byOwner, sortDirection: 'descending' }]), 0).query.ascending).toBe(false);
  });
});
