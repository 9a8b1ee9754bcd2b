// GET /api/halls/:hallId/consistency — open findings and advice, filterable, as JSON or CSV (UTF-8 with
// BOM so that Excel opens it); GET …/consistency/history — open findings per rule and day.
import { Router } from "express";
import { RULE_IDS, SEVERITIES, type Finding } from "../../../contract/index.js";
import type { ConsistencyService } from "../../app/consistency-service.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { PrismaFindingRepository } from "../sqlite/finding-repository.js";
import { allowRead } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { idParam } from "./parse-body.js";
import { toCsv } from "./csv.js";

function oneOf<T extends string>(value: unknown, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) throw badRequest(name, `expected one of ${allowed.join(", ")}`);
  return value as T;
}

function dateParam(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(value)) throw badRequest(name, "expected a date YYYY-MM-DD");
  return value;
}

export function consistencyRouter(service: ConsistencyService, directory: HallDirectory, findings: PrismaFindingRepository): Router {
  const r = Router();
  r.get("/halls/:hallId/consistency", allowRead("admin", "manager"), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    const hall = directory.get(hallId);
    if (!hall) throw notFound("hall");
    const rule = oneOf(req.query.rule, RULE_IDS, "rule");
    const severity = oneOf(req.query.severity, SEVERITIES, "severity");
    const windowId = typeof req.query.windowId === "string" ? idParam(req.query.windowId, "windowId") : undefined;
    const department = typeof req.query.department === "string" ? req.query.department : undefined;
    const from = dateParam(req.query.from, "from");
    const to = dateParam(req.query.to, "to");
    const windowsOfDept = department ? new Set(hall.windows.filter((w) => w.department === department).map((w) => w.id)) : null;
    const report = await service.report(hallId);
    const keep = (f: Finding) =>
      (!rule || f.rule === rule) &&
      (!severity || f.severity === severity) &&
      (!windowId || f.windowId === windowId) &&
      (!department || (f.windowId !== undefined && windowsOfDept?.has(f.windowId)) || (f.itemCode !== undefined && service.itemDepartment(hallId, f.itemCode) === department)) &&
      (!from || f.lastSeen.slice(0, 10) >= from) &&
      (!to || f.firstSeen.slice(0, 10) <= to);
    const list = report.findings.filter(keep);
    if (req.query.format === "csv") {
      const csv = toCsv(
        ["rule", "severity", "itemCode", "windowId", "categoryId", "message", "firstSeen", "lastSeen", "provisional"],
        list.map((f) => [f.rule, f.severity, f.itemCode ?? "", f.windowId ?? "", f.categoryId ?? "", f.message, f.firstSeen, f.lastSeen, f.provisional ? "yes" : ""]),
      );
      res.set("Content-Type", "text/csv; charset=utf-8").set("Content-Disposition", `attachment; filename="consistency-${hallId}.csv"`).send(csv);
      return;
    }
    res.json({ findings: list, advice: report.advice });
  });
  r.get("/halls/:hallId/consistency/history", allowRead("admin", "manager"), async (req, res) => {
    const hallId = idParam(req.params.hallId, "hallId");
    if (!directory.get(hallId)) throw notFound("hall");
    const days = typeof req.query.days === "string" && /^\d{1,3}$/.test(req.query.days) ? Math.min(366, Number(req.query.days)) : 90;
    const since = new Date(Date.now() - days * 86_400_000);
    const rows = await findings.history(hallId, since);
    res.json({ since: since.toISOString(), findings: rows });
  });
  return r;
}
