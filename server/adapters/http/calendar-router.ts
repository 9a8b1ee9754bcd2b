// GET /api/calendar — which years have official holiday data and which an administrator entered;
// PUT /api/calendar/:year — enter or replace a year's holidays and make-up working days (global admin),
// for a year the official data does not cover yet; DELETE removes it.
import express, { Router } from "express";
import { z } from "zod";
import type { CalendarHolder } from "../../app/calendar-holder.js";
import type { PrismaCalendarRepository } from "../sqlite/calendar-repository.js";
import { BODY_LIMITS } from "../limits.js";
import { allow, allowReadRole, checkAccess, tokenOf } from "./auth.js";
import { badRequest, notFound } from "./http-error.js";
import { parseWith } from "./parse-body.js";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected YYYY-MM-DD" });
const yearBody = z.strictObject({ holidays: z.array(date).max(366), workdays: z.array(date).max(366) });

function yearParam(value: unknown): number {
  if (typeof value !== "string" || !/^\d{4}$/.test(value)) throw badRequest("year", "expected a year like 2027");
  return Number(value);
}

export function calendarRouter(holder: CalendarHolder, repo: PrismaCalendarRepository, onChange: () => Promise<void>): Router {
  const r = Router();
  r.get("/calendar", allowReadRole("admin", "manager"), (_req, res) => {
    res.json({
      officialYears: holder.officialYears(),
      adminYears: holder.adminYears().map((y) => ({ year: y.year, holidays: y.holidays, workdays: y.workdays })),
    });
  });
  r.put("/calendar/:year", allow("admin"), express.json({ limit: BODY_LIMITS.calendar }), async (req, res) => {
    checkAccess(tokenOf(res), ["admin"], null);
    const year = yearParam(req.params.year);
    if (holder.officialYears().includes(year)) throw badRequest("year", `official holiday data exists for ${year}; it cannot be replaced`);
    const body = parseWith(yearBody, req.body);
    for (const [field, list] of [["holidays", body.holidays], ["workdays", body.workdays]] as const)
      list.forEach((d, i) => {
        if (!d.startsWith(`${year}-`)) throw badRequest(`${field}.${i}`, `not in ${year}`);
        if (Number.isNaN(Date.parse(`${d}T00:00:00Z`)) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) throw badRequest(`${field}.${i}`, "not a real date");
      });
    await repo.put(year, body.holidays, body.workdays);
    holder.setAdminYears(await repo.list());
    await onChange();
    res.json({ year, holidays: [...body.holidays].sort(), workdays: [...body.workdays].sort() });
  });
  r.delete("/calendar/:year", allow("admin"), async (req, res) => {
    checkAccess(tokenOf(res), ["admin"], null);
    if (!(await repo.remove(yearParam(req.params.year)))) throw notFound("calendar year");
    holder.setAdminYears(await repo.list());
    await onChange();
    res.status(204).end();
  });
  return r;
}
