// XLSX bytes → header and data rows of the first worksheet (line = the Excel row number), via exceljs.
import type ExcelJS from "exceljs";
import type { Cell } from "../../domain/items/cell-values.js";
import type { Table } from "./read-csv.js";

/** An exceljs cell value as a plain cell: rich text and hyperlinks → their text, formulas → their cached result. */
export function flattenCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return value;
  if (typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return v.richText.map((r) => (r !== null && typeof r === "object" ? String((r as { text?: unknown }).text ?? "") : "")).join("");
  if ("hyperlink" in v || "text" in v) return flattenCell(v.text);
  if ("formula" in v || "sharedFormula" in v || "result" in v) return flattenCell(v.result);
  if (typeof v.error === "string") return v.error;
  return null;
}

const isBlank = (c: Cell) => c === null || c === undefined || (typeof c === "string" && c.trim() === "");
const headerText = (c: Cell) => (c instanceof Date ? c.toISOString().slice(0, 10) : c === null || c === undefined ? "" : String(c).trim());

/**
 * Reads the first worksheet. The header row is the first row with any non-blank cell; it sets the table's
 * width (cells to the right of the last header are outside the table). Blank rows are skipped. Files that
 * are not XLSX (zero bytes, another format, a truncated zip) give an error on row 0, never an exception.
 */
export async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const fail = (message: string): Table => ({ headers: [], rows: [], errors: [{ row: 0, column: "", message }] });
  if (bytes.byteLength === 0) return fail("the file is empty");
  // Loaded on the first import, not at start (~200 ms of start-up).
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ExcelJS.Buffer);
  } catch (e) {
    return fail(`not a readable XLSX file (${e instanceof Error ? e.message : String(e)})`.slice(0, 300));
  }
  try {
    const sheet = workbook.worksheets[0];
    if (!sheet) return fail("the workbook has no worksheet");
    let headers: string[] | null = null;
    const rows: Table["rows"] = [];
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const values: Cell[] = [];
      for (let c = 1; c <= row.cellCount; c++) values.push(flattenCell(row.getCell(c).value));
      if (values.every(isBlank)) return;
      if (headers === null) {
        const texts = values.map(headerText);
        while (texts.length > 0 && texts[texts.length - 1] === "") texts.pop();
        headers = texts;
        return;
      }
      const cells = Array.from({ length: headers.length }, (_, i) => values[i] ?? null);
      if (cells.every(isBlank)) return;
      rows.push({ line: rowNumber, cells });
    });
    if (headers === null) return fail("the first worksheet is empty");
    return { headers, rows, errors: [] };
  } catch (e) {
    return fail(`the first worksheet could not be read (${e instanceof Error ? e.message : String(e)})`.slice(0, 300));
  }
}
