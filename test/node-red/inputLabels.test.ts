import { DATE_PRESETS } from '../../core/dates/presets';
import { INPUT_FIELDS, ref, say } from '../../core/errors/inputFields';
import { InvalidInputError } from '../../core/errors/WeComError';
import { NODE_RED_LABELS, withNodeRedLabels } from '../../nodes/node-red/inputLabels';
import config from '../../nodes/node-red/locales/en-US/wecom-config.json';
import statistic from '../../nodes/node-red/locales/en-US/wecom-groupchat-statistic.json';

const dialogLabels = [...Object.values(statistic['wecom-groupchat-statistic'].label), ...Object.values(config['wecom-config'].label)];

describe('Node-RED labels of the core fields', () => {
  it.each([...INPUT_FIELDS])('%s has a label, and it is not the core id', (field) => {
    const label = NODE_RED_LABELS.fields[field];
    expect(typeof label).toBe('string');
    expect(label).not.toBe(field);
  });

  it("every label but the node's stored cursor is one of the dialogs' (en-US catalog)", () => {
    for (const field of INPUT_FIELDS.filter((id) => id !== 'cursor')) expect(dialogLabels).toContain(NODE_RED_LABELS.fields[field]);
    expect(NODE_RED_LABELS.fields).toMatchObject({ preset: 'Dates', clamp: 'Clamp the dates to the last 180 days', baseUrl: 'Base URL', owners: 'User IDs' });
  });

  it.each([...DATE_PRESETS])('preset %s is named as its Dates option', (preset) => {
    expect(NODE_RED_LABELS.options?.preset?.[preset]).toBe(statistic['wecom-groupchat-statistic'].dateRange[preset]);
  });

  it('relabels bad input only, message and field alike', () => {
    const error = withNodeRedLabels(new InvalidInputError('to', 'it is late', say`a day, or turn on ${ref('clamp')}`)) as InvalidInputError;
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error.message).toBe('Invalid To: it is late. Allowed: a day, or turn on Clamp the dates to the last 180 days.');
    expect([error.field, error.fieldId, error.allowed]).toEqual(['To', 'to', 'a day, or turn on Clamp the dates to the last 180 days']);
    const other = new Error('WeCom down');
    expect(withNodeRedLabels(other)).toBe(other);
  });
});
