import { toCsv } from '../../scripts/demo/csv';

describe('toCsv', () => {
  it('uses every key as a column and quotes commas, quotes and line breaks', () => {
    const csv = toCsv([{ owner: 'a,b', note: 'say "hi"' }, { owner: 'c', extra: 'line\nbreak' }]);
    expect(csv).toBe('owner,note,extra\n"a,b","say ""hi""",\nc,,"line\nbreak"\n');
  });
});
