/**
 * CSV as RFC 4180 says: CRLF line ends, fields with a comma, quote, CR or LF quoted, quotes doubled.
 * Files start with a UTF-8 byte-order mark so that spreadsheet programs open non-Latin text in place.
 * Text that starts like a formula (=, +, -, @, their full-width forms ＝ ＋ － ＠, after any leading white space,
 * which some spreadsheets skip) gets a leading apostrophe, so that opening an export never runs a formula someone
 * typed into a title (numbers are written as they are).
 */
import { CATALOGS, Locale, MessageKey, t } from '@coord/core';

export const UTF8_BOM = '\uFEFF';

export type CsvValue = string | number | boolean | null | undefined;

/** Text a spreadsheet would run as a formula (CSV injection): written with a leading apostrophe instead. */
const FORMULA_START = /^(?:[\t\r\n]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: CsvValue[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

/**
 * A header row in the reader's language: each column's catalog name (csv.<column in camelCase>, e.g. "due on" ->
 * csv.dueOn), the column as given when the catalogs do not name it (codes such as completion levels). The columns'
 * order never changes with the language; the names are plain text, so csvField's formula guard applies to them too.
 */
export function csvHeader(locale: Locale, columns: string[]): string {
  return csvRow(
    columns.map((column) => {
      const key = `csv.${column.replace(/ (\w)/g, (_, c: string) => c.toUpperCase())}`;
      return key in CATALOGS.en ? t(locale, key as MessageKey) : column;
    }),
  );
}

/** Parses RFC 4180 text (BOM tolerated) into rows of fields: the inverse of csvRow, used by tests and tools. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith(UTF8_BOM) ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
