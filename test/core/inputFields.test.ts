import { optionRef, ref, say } from '../../core/errors/inputFields';
import { InvalidInputError } from '../../core/errors/WeComError';

const labels = { fields: { from: 'Start Day', to: 'End Day' }, options: { preset: { lastWeek: 'The Week Before' } } };

describe('InvalidInputError and host labels', () => {
  const error = new InvalidInputError('from', say`2026-11-20 is after ${ref('to')}`, say`${optionRef('preset', 'lastWeek')}, or turn on ${ref('clamp')}`);

  it('names fields by their ids without labels: the core property names, quoted inside the text', () => {
    expect(error.message).toBe('Invalid from: 2026-11-20 is after "to". Allowed: "lastWeek", or turn on "clamp".');
    expect([error.field, error.fieldId, error.allowed]).toEqual(['from', 'from', '"lastWeek", or turn on "clamp"']);
  });

  it('withLabels names each field and option by the host label, the id where the host has none', () => {
    const labelled = error.withLabels(labels);
    expect(labelled).toBeInstanceOf(InvalidInputError);
    expect(labelled.message).toBe('Invalid Start Day: 2026-11-20 is after End Day. Allowed: The Week Before, or turn on "clamp".');
    expect([labelled.field, labelled.fieldId, labelled.allowed]).toEqual(['Start Day', 'from', 'The Week Before, or turn on "clamp"']);
    expect(labelled.stack).toContain('Invalid Start Day: 2026-11-20');
    // The original stays as it was.
    expect(error.message).toContain('Invalid from:');
  });

  it('a value that looks like a reference stays text', () => {
    const tricky = new InvalidInputError('to', say`${'"{from}"'} is not a date`, 'YYYY-MM-DD').withLabels(labels);
    expect(tricky.message).toBe('Invalid End Day: "{from}" is not a date. Allowed: YYYY-MM-DD.');
  });

  it('serialises as before: no templates in its JSON', () => {
    expect(JSON.parse(JSON.stringify(error.withLabels(labels)))).toEqual({ name: 'InvalidInputError', fieldId: 'from', field: 'Start Day', allowed: 'The Week Before, or turn on "clamp"' });
  });
});
