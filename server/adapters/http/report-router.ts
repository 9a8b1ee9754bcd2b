// GET /api/halls/:hallId/heatmap?kind=arrivals|utilization&from=&to= and
// GET /api/halls/:hallId/report/monthly?month=YYYY-MM (月度通报) — manager, admin.
import { Router } from "express";
import { isCalendarDate, localDayRange, type MonthlyReport } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import { daysOf, hourCellsOf, type RollupReader } from "../../app/history-query.js";
import { arrivalsHeatmap, utilizationHeatmap } from "../../domain/history/heatmap.js";
import { monthlyReport } from "../../domain/history/monthly-report.js";
import { allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";
import { exportFormat, monthlyTable, sendTable } from "./table-export.js";

function dateParam(value: unknown, name: string): string {
  if (typeof value !== "string" || !isCalendarDate(value)) throw badRequest(name, "expected a real date YYYY-MM-DD");
  return value;
}

function monthRange(month: string, tz: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const first = `${month}-01`;
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, "0")}-01`;
  return { label: month, from: localDayRange(first, tz).start, to: localDayRange(next, tz).start };
}

function previousMonth(month: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

export function reportRouter(reader: RollupReader, directory: HallDirectory): Router {
  const r = Router();
  const hallOf = (raw: unknown) => {
    const hallId = idParam(raw, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    return { hallId, hall };
  };
  r.get("/halls/:hallId/heatmap", allowRead("admin", "manager"), async (req, res) => {
    const { hallId, hall } = hallOf(req.params.hallId);
    const kind = req.query.kind ?? "arrivals";
    if (kind !== "arrivals" && kind !== "utilization") throw badRequest("kind", "expected arrivals or utilization");
    const from = localDayRange(dateParam(req.query.from, "from"), hall.timezone).start;
    const to = localDayRange(dateParam(req.query.to, "to"), hall.timezone).end;
    if (to <= from || to - from > 367 * 86_400_000) throw badRequest("to", "must be after from, within a year");
    const cells = await hourCellsOf(reader, hallId, hall.timezone, from, to);
    res.json(kind === "arrivals" ? arrivalsHeatmap(cells, hall, from, to) : utilizationHeatmap(cells, hall));
  });
  r.get("/halls/:hallId/report/monthly", allowRead("admin", "manager"), async (req, res) => {
    const { hallId, hall } = hallOf(req.params.hallId);
    const month = req.query.month;
    if (typeof month !== "string" || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw badRequest("month", "expected YYYY-MM");
    const cur = monthRange(month, hall.timezone);
    const prev = monthRange(previousMonth(month), hall.timezone);
    const report: MonthlyReport = monthlyReport({ month: await daysOf(reader, hallId, hall.timezone, cur.from, cur.to), previous: await daysOf(reader, hallId, hall.timezone, prev.from, prev.to) }, hall, cur, prev);
    const format = exportFormat(req.query.format);
    if (format === "json") return void res.json(report);
    const table = monthlyTable(report, hall);
    await sendTable(res, format, `monthly-${hallId}-${month}`, table.header, table.rows);
  });
  return r;
}
