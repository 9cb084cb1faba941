/** One CSV cell (RFC 4180) that spreadsheet programs do not read as a formula. */
export function csvCell(s: string): string {
  // A leading = + - @ would be read as a formula by spreadsheets (CSV injection): prefix a quote.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
