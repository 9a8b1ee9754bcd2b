// The working-day calendar API over HTTP (consistency-api-fixture.ts): GET /api/calendar and who may read
// it, PUT/DELETE /api/calendar/:year (validation, only the global admin writes, official years stay), and a
// late-publication finding reaching into 2027 that is provisional until an administrator enters 2027.
import { describe, expect, it } from "vitest";
import type { ConsistencyReport, ErrorBody, Finding, HallConfig, ServiceItem } from "../../contract/index.js";
import { admin, type CalendarBody, eventually, setUpConsistencyServer, tok, upload } from "./consistency-api-fixture.js";

setUpConsistencyServer();

describe("the working-day calendar", () => {
  const HALL = "cons-cal";
  const ITEM: ServiceItem = {
    code: "330399-CAL-001",
    name: "日历测试事项",
    department: "民政局",
    type: "公共服务",
    promisedDays: 1,
    legalDays: null,
    maxVisits: 0,
    fullyOnline: true,
    fees: "不收费",
    conditions: "",
    materials: [{ name: "申请书", form: "original", copies: 1, required: true }],
    // Approved Tuesday 2026-11-24, published Monday 2027-01-04: the count reaches into 2027.
    approvedAt: "2026-11-24",
    publishedAt: "2027-01-04",
    effectiveAt: null,
  };
  const config: HallConfig = {
    name: "日历测试大厅",
    timezone: "Asia/Shanghai",
    categories: [{ id: "civil", name: "民政", itemCodes: [ITEM.code] }],
    windows: [{ id: "w1", name: "1号窗口", department: "民政局", categories: ["civil"] }],
    targets: { waitMinutes: 20 },
  };
  const lateOf = (r: ConsistencyReport) => r.findings.find((f) => f.rule === "late-publication" && f.itemCode === ITEM.code);

  it("lists the official years (2026, not 2027) for admins and managers; other roles are refused", async () => {
    const res = await admin.request<CalendarBody>("GET", "/api/calendar");
    expect(res.status).toBe(200);
    expect(res.body.officialYears).toContain(2026);
    expect(res.body.officialYears).not.toContain(2027);
    expect(res.body.adminYears).toEqual([]);
    expect((await admin.as(tok.manager).request("GET", "/api/calendar")).status).toBe(200);
    expect((await admin.as(tok.hallAdmin).request("GET", "/api/calendar")).status).toBe(200);
    for (const token of [tok.staff, tok.display, tok.device]) expect((await admin.as(token).request("GET", "/api/calendar")).status).toBe(403);
    expect((await admin.as(null).request("GET", "/api/calendar")).status).toBe(401);
  });

  it("refuses to replace a year that has official data", async () => {
    const official = await admin.request<ErrorBody>("PUT", "/api/calendar/2026", { holidays: ["2026-12-31"], workdays: [] });
    expect(official.status).toBe(400);
    expect(official.body.error).toMatchObject({ code: "bad_request", field: "year" });
  });

  it("validates PUT /api/calendar/:year and lets only the global admin write", async () => {
    const outside = await admin.request<ErrorBody>("PUT", "/api/calendar/2027", { holidays: ["2026-12-31"], workdays: [] });
    expect(outside.status).toBe(400);
    expect(outside.body.error).toMatchObject({ code: "bad_request", field: "holidays.0" });
    const notReal = await admin.request<ErrorBody>("PUT", "/api/calendar/2027", { holidays: ["2027-01-01"], workdays: ["2027-02-30"] });
    expect(notReal.status).toBe(400);
    expect(notReal.body.error).toMatchObject({ code: "bad_request", field: "workdays.0" });

    const hallAdmin = await admin.as(tok.hallAdmin).request<ErrorBody>("PUT", "/api/calendar/2027", { holidays: ["2027-01-01"], workdays: [] });
    expect(hallAdmin.status).toBe(403);
    expect(hallAdmin.body.error.code).toBe("forbidden");
    expect((await admin.as(tok.manager).request("PUT", "/api/calendar/2027", { holidays: ["2027-01-01"], workdays: [] })).status).toBe(403);
    expect((await admin.as(tok.hallAdmin).request("DELETE", "/api/calendar/2027")).status).toBe(403);

    // Nothing was stored by the refused requests.
    expect((await admin.request<CalendarBody>("GET", "/api/calendar")).body.adminYears).toEqual([]);
  });

  it("marks a late publication reaching into 2027 provisional until 2027 is entered, and again once it is deleted", async () => {
    expect((await admin.putHall(HALL, config)).status).toBe(201);
    await upload(HALL, "online", Buffer.from(JSON.stringify([ITEM])), "application/json");

    // 2027 has no official data: Mon–Fri fallback, 27 working days in 2026 + 01-01 and 01-04.
    const before = await eventually(HALL, (r) => lateOf(r) !== undefined, "the late-publication finding");
    expect(before.findings).toHaveLength(1);
    const provisional = lateOf(before) as Finding;
    expect(provisional.provisional).toBe(true);
    expect(provisional.evidence).toMatchObject({ source: "online", approvedAt: "2026-11-24", publishedAt: "2027-01-04", workingDays: 29, deadline: "2026-11-25" });

    const put = await admin.request("PUT", "/api/calendar/2027", { holidays: ["2027-01-01"], workdays: [] });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ year: 2027, holidays: ["2027-01-01"], workdays: [] });
    const cal = await admin.request<CalendarBody>("GET", "/api/calendar");
    expect(cal.body.adminYears).toEqual([{ year: 2027, holidays: ["2027-01-01"], workdays: [] }]);
    expect(cal.body.officialYears).not.toContain(2027);

    // 01-01 is now a holiday: one working day fewer, and no longer provisional.
    const entered = await eventually(HALL, (r) => lateOf(r)?.provisional !== true, "the finding to stop being provisional");
    const firm = lateOf(entered) as Finding;
    expect(firm.provisional).toBeFalsy();
    expect(firm.evidence).toMatchObject({ workingDays: 28 });
    // Same finding (same key), first seen when it opened.
    expect(firm.key).toBe(provisional.key);
    expect(firm.firstSeen).toBe(provisional.firstSeen);

    const del = await admin.request("DELETE", "/api/calendar/2027");
    expect(del.status).toBe(204);
    expect((await admin.request<CalendarBody>("GET", "/api/calendar")).body.adminYears).toEqual([]);
    const again = await eventually(HALL, (r) => lateOf(r)?.provisional === true, "the finding to be provisional again");
    expect(lateOf(again)?.evidence).toMatchObject({ workingDays: 29 });
    expect((await admin.request("DELETE", "/api/calendar/2027")).status).toBe(404);
  });
});
