// Tables as downloads: CSV (UTF-8 with BOM, so that Excel reads Chinese) or XLSX (exceljs), chosen by
// `?format=csv|xlsx`; anything else is JSON.
import type { Response } from "express";
import type { HallConfig, HistoryGroup, HistoryResponse, MonthlyReport, StaffingResponse, WhatIfResponse } from "../../../contract/index.js";
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
  // exceljs is loaded on the first export, not at start: importing it costs ~200 ms of start-up.
  const { default: ExcelJS } = await import("exceljs");
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

const WEEKDAYS = ["", "周一", "周二", "周三", "周四", "周五", "周六", "周日"];
const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
const secs = (v: number | null) => (v === null ? null : Math.round(v));

/** The name hall staff know a history key by: window and category names, 周一…, "9–10 点". */
export function keyName(groupBy: HistoryGroup, key: string | number, hall: HallConfig): string {
  if (groupBy === "window") return hall.windows.find((w) => w.id === key)?.name ?? String(key);
  if (groupBy === "category") return hall.categories.find((c) => c.id === key)?.name ?? String(key);
  if (groupBy === "weekday") return WEEKDAYS[Number(key)] ?? String(key);
  if (groupBy === "hour") return `${key}–${Number(key) + 1} 点`;
  return String(key);
}

/** History as a spreadsheet for hall staff: Chinese headers, names next to ids, shares in %, whole seconds. */
export function historyTable(h: HistoryResponse, hall: HallConfig) {
  return {
    header: ["编号", "名称", "到达", "办结", "过号", "利用率(%)", "等候中位数(秒)", "等候P90(秒)", "最长等候(秒)", "等候达标率(%)", "平均办理(秒)", "平均评价", "差评"],
    rows: h.rows.map((r) => [
      r.key,
      keyName(h.groupBy, r.key, hall),
      r.arrivals,
      r.served,
      r.noShows,
      pct(r.utilization),
      secs(r.waitP50Seconds),
      secs(r.waitP90Seconds),
      secs(r.waitMaxSeconds),
      pct(r.withinTargetShare),
      secs(r.avgHandleSeconds),
      r.ratingAvg === null ? null : Math.round(r.ratingAvg * 100) / 100,
      r.poorRatings,
    ]),
  };
}

export function staffingTable(s: StaffingResponse, hall: HallConfig) {
  return {
    header: ["星期", "时段", "业务编号", "业务", "每小时到达", "平均办理(秒)", "需要窗口", "实际开放窗口"],
    rows: s.rows.map((r) => [
      WEEKDAYS[r.weekday] ?? r.weekday,
      `${r.hour}–${r.hour + 1} 点`,
      r.categoryId,
      keyName("category", r.categoryId, hall),
      Math.round(r.arrivalsPerHour * 10) / 10,
      secs(r.avgHandleSeconds),
      r.needed,
      Math.round(r.hadOpen * 10) / 10,
    ]),
  };
}

export function monthlyTable(m: MonthlyReport, hall: HallConfig) {
  const line = (level: "窗口" | "部门", key: string, r: MonthlyReport["windows"][number]) => [
    level,
    key,
    level === "窗口" ? keyName("window", key, hall) : key,
    r.served,
    pct(r.withinTargetShare),
    r.poorRatings,
    Math.round(r.idleSeconds / 60),
  ];
  return {
    header: ["层级", "编号", "名称", "办结", "等候达标率(%)", "差评", "空闲(分钟)"],
    rows: [...m.windows.map((w) => line("窗口", w.key, w)), ...m.departments.map((d) => line("部门", d.key, d))],
  };
}

/** The what-if comparison: per category actual and predicted waits, then per window utilization. */
export function whatIfTable(w: WhatIfResponse, hall: HallConfig) {
  const minutes = (v: number | null) => (v === null ? null : Math.round(v / 6) / 10);
  const predictedCat = new Map(w.predicted.categories.map((c) => [c.categoryId, c]));
  const predictedWin = new Map(w.predicted.windows.map((x) => [x.windowId, x]));
  return {
    header: ["类型", "编号", "名称", "实际平均等候(分钟)", "模拟平均等候(分钟)", "实际最长等候(分钟)", "模拟最长等候(分钟)", "实际利用率(%)", "模拟利用率(%)"],
    rows: [
      ...w.actual.categories.map((c) => {
        const p = predictedCat.get(c.categoryId);
        return ["业务", c.categoryId, keyName("category", c.categoryId, hall), minutes(c.avgWaitSeconds), minutes(p?.avgWaitSeconds ?? null), minutes(c.maxWaitSeconds), minutes(p?.maxWaitSeconds ?? null), null, null];
      }),
      ...w.actual.windows.map((x) => ["窗口", x.windowId, keyName("window", x.windowId, hall), null, null, null, null, pct(x.utilization), pct(predictedWin.get(x.windowId)?.utilization ?? null)]),
      ["冷热不均指数", "cv", "", null, null, null, null, Math.round(w.actual.cv * 1000) / 1000, Math.round(w.predicted.cv * 1000) / 1000],
    ],
  };
}
