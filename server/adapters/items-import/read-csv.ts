// CSV text → header and data rows, each with the file line it starts on (header = 1), via csv-parse.
import { parse, CsvError } from "csv-parse/sync";
import type { ImportError } from "../../../contract/index.js";
import type { Cell } from "../../domain/items/cell-values.js";

/** A table read from a CSV or XLSX file: the header row's texts and the data rows below it. */
export interface Table {
  headers: string[];
  rows: { line: number; cells: Cell[] }[];
  /** Structural problems: wrong cell counts, unclosed quotes, unreadable files (row 0 = the whole file). */
  errors: ImportError[];
}

const cellCount = (n: number) => (n === 1 ? "1 cell" : `${n} cells`);
const LINE_BREAK = /\r\n|\r|\n/g;

/** Line breaks in `text`, counting \r\n as one. */
function countLines(text: string): number {
  return text.match(LINE_BREAK)?.length ?? 0;
}

/** csv-parse passes `bytes` (input consumed so far) in the record context, though its types omit it. */
function bytesRead(context: unknown): number {
  const bytes = (context as { bytes?: unknown }).bytes;
  if (typeof bytes !== "number") throw new Error("csv-parse gave no byte offset");
  return bytes;
}

/**
 * Reads CSV text (no BOM; see decode-text). csv-parse's own `info.lines` is the line where a record ENDS
 * and counts a \r\n inside quotes as two lines, and its `raw` drops the \n of \r\n; so lines are counted
 * here from `bytes`, the reliable UTF-8 offset where each record ends. Fully empty lines and rows whose
 * cells are all blank are skipped; a row with fewer cells than the header, or with non-empty cells beyond
 * it, is reported and left out.
 */
export function readCsv(text: string): Table {
  const buffer = Buffer.from(text.replace(/^\uFEFF/, ""), "utf8");
  const records: { line: number; cells: string[] }[] = [];
  const errors: ImportError[] = [];
  let offset = 0;
  let line = 1;
  /** The line a record starts on: after the previous record, past blank lines. */
  const startOf = (chunk: string) => line + countLines(/^[\r\n]*/.exec(chunk)?.[0] ?? "");
  try {
    parse(buffer, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        const end = bytesRead(context);
        const chunk = buffer.subarray(offset, end).toString("utf8");
        records.push({ line: startOf(chunk), cells: record });
        line += countLines(chunk);
        offset = end;
        return null;
      },
    });
  } catch (e) {
    const rest = buffer.subarray(offset).toString("utf8");
    const at = startOf(rest);
    const last = line + countLines(rest.replace(/[\r\n]+$/, ""));
    const where = last > at ? `lines ${at}–${last}` : `line ${at}`;
    const code = e instanceof CsvError ? e.code : "";
    const message =
      code === "CSV_QUOTE_NOT_CLOSED"
        ? `a quoted cell starting on line ${at} is never closed; ${where} could not be read`
        : `unreadable CSV from line ${at} (${e instanceof Error ? e.message : String(e)}); ${where} could not be read`;
    errors.push({ row: at, column: "", message });
  }

  // The header is the first row with any text (a line of bare commas above it is no header).
  const first = records.findIndex((r) => r.cells.some((c) => c.trim() !== ""));
  const header = first < 0 ? undefined : records[first];
  const data = records.slice(first + 1);
  if (!header) return { headers: [], rows: [], errors: errors.length > 0 ? errors : [{ row: 0, column: "", message: "the file is empty" }] };
  const headers = header.cells.map((h) => h.trim());
  const rows: Table["rows"] = [];
  for (const r of data) {
    if (r.cells.every((c) => c.trim() === "")) continue;
    const extra = r.cells.slice(headers.length).filter((c) => c.trim() !== "");
    if (r.cells.length < headers.length || extra.length > 0) {
      errors.push({ row: r.line, column: "", message: `expected ${cellCount(headers.length)} as in the header, found ${r.cells.length}` });
      continue;
    }
    rows.push({ line: r.line, cells: r.cells.slice(0, headers.length) });
  }
  errors.sort((a, b) => a.row - b.row);
  return { headers, rows, errors };
}
