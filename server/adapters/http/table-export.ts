// Tables as downloads: CSV (UTF-8 with BOM, so that Excel reads Chinese) or XLSX (exceljs), chosen by
// `?format=csv|xlsx`; anything else is JSON.
import ExcelJS from "exceljs";
import type { Response } from "express";
import { toCsv } from "./csv.js";
import { badRequest } from "./http-error.js";

export type ExportFormat = "json" | "csv" | "xlsx";

export function exportFormat(value: unknown): ExportFormat {
  if (value === undefined || value === "json") return "json";
  if (value === "csv" || value === "xlsx") return value;
  throw badRequest("format", "expected json, csv or xlsx");
}

export async function sendTable(res: Response, format: "csv" | "xlsx", name: string, header: readonly string[], rows: readonly (readonly unknown[])[]): Promise<void> {
  const filename = name.replace(/[^A-Za-z0-9._-]/g, "_");
  if (format === "csv") {
    res.set("Content-Type", "text/csv; charset=utf-8").set("Content-Disposition", `attachment; filename="${filename}.csv"`).send(toCsv(header, rows));
    return;
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("HallPulse");
  ws.addRow([...header]);
  ws.getRow(1).font = { bold: true };
  // Text is written as text: a cell starting with "=" stays a string, never a formula.
  for (const r of rows) ws.addRow(r.map((v) => (v === null || v === undefined ? "" : typeof v === "number" ? v : String(v))));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  res
    .set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    .set("Content-Disposition", `attachment; filename="${filename}.xlsx"`)
    .send(buf);
}
