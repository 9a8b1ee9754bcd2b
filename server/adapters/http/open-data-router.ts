// The hall's open data (issue #10, 政务公开), anonymous and read-only at stable URLs:
// GET /api/open-data/halls/:hallId/daily.json?from=&to= and …/daily.csv (UTF-8 with BOM for Excel).
// Whole hall-local days from `from` to `to` (both included, at most 366), up to yesterday: today is not
// over, so it is not published. Default: the 30 days ending yesterday. Only for halls that opted in;
// any other hall is 404 like an unknown one. Data dictionary: docs/open-data.md.
import { Router } from "express";
import { isCalendarDate, RULE_IDS } from "../../../contract/index.js";
import type { OpenDataDaily } from "../../../contract/public.js";
import type { PublicHalls } from "../../app/public-halls.js";
import type { Budget } from "../rate-limits.js";
import { badRequest, notFound } from "./http-error.js";
import { publicHallId, publicRateLimit } from "./public-router.js";
import { sendTable } from "./table-export.js";

const MAX_DAYS = 366;
const DAY_MS = 86_400_000;
const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);

function dateParam(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !isCalendarDate(value)) throw badRequest(name, "expected a date YYYY-MM-DD");
  return value;
}

/** The CSV columns, in the data dictionary's order; the findings columns are filled on hall rows only. */
export const OPEN_DATA_CSV_HEADER = [
  "date",
  "level",
  "key",
  "name",
  "suppressed",
  "arrivals",
  "served",
  "wait_p50_seconds",
  "wait_p90_seconds",
  "within_target_share",
  "no_shows",
  "evaluations",
  "poor_evaluations",
  ...RULE_IDS.map((r) => `findings_open_${r}`),
];

export function openDataTable(d: OpenDataDaily): unknown[][] {
  const findings = new Map(d.findings.map((f) => [`${f.date} ${f.rule}`, f.open]));
  return d.rows.map((r) => [
    r.date,
    r.level,
    r.key ?? "",
    r.name,
    r.suppressed ? "true" : "false",
    r.arrivals,
    r.served,
    r.waitP50Seconds,
    r.waitP90Seconds,
    r.withinTargetShare,
    r.noShows,
    r.evaluations,
    r.poorEvaluations,
    ...RULE_IDS.map((rule) => (r.level === "hall" ? (findings.get(`${r.date} ${rule}`) ?? 0) : null)),
  ]);
}

export function openDataRouter(halls: PublicHalls, budget: Budget): Router {
  const r = Router();
  r.use(publicRateLimit(budget));
  const answer = async (hallIdRaw: unknown, query: Record<string, unknown>): Promise<OpenDataDaily> => {
    const hallId = publicHallId(hallIdRaw);
    const hall = halls.hall(hallId);
    if (!hall) throw notFound("hall");
    const last = halls.lastCompleteDay(hall);
    const askedTo = dateParam(query.to, "to");
    const to = askedTo === undefined || askedTo > last ? last : askedTo;
    const from = dateParam(query.from, "from") ?? shift(to, -29);
    if (askedTo !== undefined && from > askedTo) throw badRequest("from", "must not be after to");
    if (daysBetween(from, to) + 1 > MAX_DAYS) throw badRequest("to", `the period may be at most ${MAX_DAYS} days`);
    const data = await halls.openData(hallId, from, from > to ? shift(from, -1) : to);
    if (!data) throw notFound("hall");
    return data;
  };
  r.get("/halls/:hallId/daily.json", async (req, res) => {
    const data = await answer(req.params.hallId, req.query);
    res.set("Cache-Control", "public, max-age=300").set("Access-Control-Allow-Origin", "*").json(data);
  });
  r.get("/halls/:hallId/daily.csv", async (req, res) => {
    const data = await answer(req.params.hallId, req.query);
    res.set("Cache-Control", "public, max-age=300").set("Access-Control-Allow-Origin", "*");
    await sendTable(res, "csv", `open-data-${data.hallId}-${data.from}-${data.to}`, OPEN_DATA_CSV_HEADER, openDataTable(data));
  });
  r.use((_req, _res, next) => next(notFound("open-data route")));
  return r;
}
