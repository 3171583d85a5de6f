import { buildQuery } from '../../nodes/node-red/statisticQuery';
import { invalid } from '../support/expectInvalid';

describe('buildQuery: sort direction', () => {
  const config = { mode: 'byOwner', dateRange: 'yesterday', ownerSource: 'all' as const };

  it('maps the property, and reads msg.payload.ascending only when the property is blank', () => {
    expect(buildQuery({ ...config, sortDirection: 'ascending' }, { ascending: false }).ascending).toBe(true);
    expect(buildQuery({ ...config, sortDirection: 'descending' }, { ascending: true }).ascending).toBe(false);
    expect(buildQuery({ ...config, sortDirection: '' }, { ascending: true }).ascending).toBe(true);
  });

  it('refuses an unknown direction instead of sorting descending', () => {
    const error = invalid(() => buildQuery({ ...config, sortDirection: 'sideways' }, {}));
    expect(error.fieldId).toBe('ascending');
    expect(error.allowed).toBe('descending, ascending');
  });
});

describe('buildQuery: owner records', () => {
  const config = { mode: 'byOwner', dateRange: 'last90Days', ownerSource: 'all' as const };

  it('maps the property, and reads msg.payload.ownerRecords only when the property is blank', () => {
    expect(buildQuery({ ...config, ownerRecords: 'perWindow' }, { ownerRecords: 'combined' }).ownerRecords).toBe('perWindow');
    expect(buildQuery({ ...config, ownerRecords: 'combined' }, { ownerRecords: 'perWindow' }).ownerRecords).toBe('combined');
    expect(buildQuery({ ...config, ownerRecords: '' }, { ownerRecords: 'perWindow' }).ownerRecords).toBe('perWindow');
    // A node saved before the property existed: the core's default.
    expect(buildQuery(config, {})).not.toHaveProperty('ownerRecords');
  });

  it('passes a bad value on for the core to refuse', () => {
    expect(buildQuery({ ...config, ownerRecords: '' }, { ownerRecords: 'weekly' }).ownerRecords).toBe('weekly');
  });
});
