// GET /api/halls/:hallId/history?from=&to=&groupBy= (manager, admin): `from`/`to` as hall-local dates
// (YYYY-MM-DD, `to` inclusive) or ISO-8601 times on 15-minute boundaries; GET …/history/status;
// POST …/history/rebuild (admin) recomputes every day from the event log in the background.
import { Router } from "express";
import { HISTORY_GROUPS, isCalendarDate, localDate, localDayRange, parseIsoTimestamp, type HistoryGroup, type HistoryStatus } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { Clock } from "../../app/ports.js";
import { historyOf, type RollupReader } from "../../app/history-query.js";
import { BUCKET_MS } from "../../domain/history/rollup.js";
import type { RollupRunner } from "../rollup/rollup-runner.js";
import { allow, allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";
import { exportFormat, historyTable, sendTable } from "./table-export.js";

/** A year of whole days with both ends included, leap years too. */
const MAX_RANGE_MS = 367 * 86_400_000;

function boundary(value: unknown, name: string, timeZone: string, end: boolean): number {
  if (typeof value !== "string") throw badRequest(name, "required: a date YYYY-MM-DD or an ISO-8601 time");
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!isCalendarDate(value)) throw badRequest(name, "not a real date");
    const range = localDayRange(value, timeZone);
    return end ? range.end : range.start;
  }
  const ms = parseIsoTimestamp(value);
  if (ms === null) throw badRequest(name, "expected a date YYYY-MM-DD or an ISO-8601 time with offset");
  if (ms % BUCKET_MS !== 0) throw badRequest(name, "times must fall on a 15-minute boundary");
  return ms;
}

export function historyRouter(reader: RollupReader, runner: RollupRunner, directory: HallDirectory, clock: Clock): Router {
  const r = Router();
  const hallOf = (raw: unknown) => {
    const hallId = idParam(raw, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    return { hallId, hall };
  };
  r.get("/halls/:hallId/history", allowRead("admin", "manager"), async (req, res) => {
    const { hallId, hall } = hallOf(req.params.hallId);
    const groupBy = (req.query.groupBy ?? "day") as HistoryGroup;
    if (!HISTORY_GROUPS.includes(groupBy)) throw badRequest("groupBy", `expected one of ${HISTORY_GROUPS.join(", ")}`);
    const from = boundary(req.query.from, "from", hall.timezone, false);
    const to = boundary(req.query.to, "to", hall.timezone, true);
    if (to <= from) throw badRequest("to", "must be after from");
    if (to - from > MAX_RANGE_MS) throw badRequest("to", "the period may be at most 367 days");
    const answer = await historyOf(reader, hallId, hall, from, to, groupBy, localDate(clock.now(), hall.timezone));
    const format = exportFormat(req.query.format);
    if (format === "json") return void res.json(answer);
    const table = historyTable(answer, hall);
    await sendTable(res, format, `history-${hallId}-${groupBy}`, table.header, table.rows);
  });
  r.get("/halls/:hallId/history/status", allowRead("admin", "manager"), async (req, res) => {
    res.json((await runner.status(hallOf(req.params.hallId).hallId)) satisfies HistoryStatus);
  });
  r.post("/halls/:hallId/history/rebuild", allow("admin"), async (req, res) => {
    const { hallId } = hallOf(req.params.hallId);
    const markedDays = await runner.rebuild(hallId);
    res.status(202).json({ markedDays, ...(await runner.status(hallId)) });
  });
  return r;
}
