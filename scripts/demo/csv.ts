/** Rows as CSV (RFC 4180): the union of the rows' keys as columns, quoting where needed. */
export function toCsv(rows: readonly object[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: unknown): string => {
    const text = value === undefined || value === null ? '' : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = rows.map((row) => columns.map((column) => cell((row as Record<string, unknown>)[column])).join(','));
  return `${[columns.join(','), ...lines].join('\n')}\n`;
}
