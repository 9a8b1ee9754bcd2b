// CSV for exports: RFC 4180 quoting, CRLF lines, and a UTF-8 byte-order mark so that Excel reads Chinese.
// Cells that a spreadsheet would run as a formula (=, +, -, @) are prefixed with an apostrophe.
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (v: unknown) => {
    let s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
