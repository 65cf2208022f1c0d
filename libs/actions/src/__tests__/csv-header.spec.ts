import { csvHeader, parseCsv } from '../csv';

describe('CSV headers in the reader’s language', () => {
  const columns = ['id', 'title', 'due on', 'status', 'progress percent', 'NOT_STARTED'];

  it('names the columns in the request’s language, in the same order; codes stay as they are', () => {
    expect(parseCsv(csvHeader('en', columns))[0]).toEqual(columns);
    expect(parseCsv(csvHeader('fr', columns))[0]).toEqual([
      'id',
      'titre',
      'échéance',
      'état',
      'avancement (%)',
      'NOT_STARTED',
    ]);
    expect(parseCsv(csvHeader('sw', columns))[0]).toEqual([
      'id',
      'kichwa',
      'tarehe ya mwisho',
      'hali',
      'asilimia ya maendeleo',
      'NOT_STARTED',
    ]);
    expect(parseCsv(csvHeader('ar', ['title', 'due on']))[0]).toEqual(['العنوان', 'الموعد النهائي']);
  });

  it('keeps the formula guard on header names', () => {
    expect(csvHeader('en', ['=cmd'])).toBe("'=cmd\r\n");
  });
});
