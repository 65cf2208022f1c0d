import { csvField, csvRow, parseCsv, UTF8_BOM } from '../csv';

describe('CSV (RFC 4180)', () => {
  it('quotes only what needs quoting and doubles quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, b')).toBe('"a, b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvRow(['x', 1, true])).toBe('x,1,true\r\n');
  });

  it('round-trips commas, quotes, line breaks and non-Latin letters', () => {
    const rows = [
      ['Kenya, Mombasa "County"', 'Ministère de l’Intérieur', 'ዓለም አቀፍ', 'مفوضية اللاجئين', '移民'],
      ['multi\r\nline', '', '"', ',', 'Žemaitė'],
    ];
    const text = UTF8_BOM + rows.map(csvRow).join('');
    expect(parseCsv(text)).toEqual(rows);
  });
});

describe('CSV formula injection', () => {
  it('neutralises formulas behind leading white space and in full-width form', () => {
    const risky = [
      ' =1+1',
      '\t=1+1',
      '\n+1',
      '\r\n-1',
      '  @SUM(A1)',
      '\u3000=1',
      '＝1+1',
      '＋1',
      '－1',
      '＠SUM(A1)',
      ' ＝1',
    ];
    for (const value of risky) expect(csvField(value).replace(/^"/, '')).toMatch(/^'/);
    // Ordinary text with leading space, and text that merely contains the signs, is left alone.
    expect(csvField('  plain text')).toBe('  plain text');
    expect(csvField('a = b + c')).toBe('a = b + c');
  });

  it('neutralises text that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(csvRow(['=HYPERLINK("http://x.example","click")', '+254 700 000000', '@SUM(A1)', '-1', -1, 'Plain'])).toBe(
      `"'=HYPERLINK(""http://x.example"",""click"")",'+254 700 000000,'@SUM(A1),'-1,-1,Plain\r\n`,
    );
  });
});
