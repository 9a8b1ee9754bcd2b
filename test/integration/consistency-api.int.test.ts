// Online↔hall consistency over HTTP against the real server process: the demo hall with the sample
// lists (simulator/sample-items) shows exactly the planted findings; filters, the CSV export (UTF-8 with
// BOM), history; a department mismatch that closes when the window becomes comprehensive; the working-day
// calendar API and a late-publication finding that is provisional until an administrator enters 2027.
import fs from "node:fs";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConsistencyReport, ErrorBody, Finding, HallConfig, ServiceItem } from "../../contract/index.js";
import { demoHall } from "../../simulator/demo-hall.js";
import { Api, type ApiResponse } from "../helpers/api.js";
import { ServerProcess } from "../helpers/server-process.js";

const sample = (name: string) => fs.readFileSync(new URL(`../../simulator/sample-items/${name}`, import.meta.url));

const OFFLINE_ONLY = "330399-GG-0804";
const NOT_SERVED = "330399-QR-0607";
const DAYS_DIFFER = "330399-QR-0402";
const EXTRA_MATERIAL = "330399-JF-0502";
const LATE = "330399-JF-0303";
const UNPUBLISHED = "330399-XK-0115";

/** Every finding the sample lists plant in the demo hall (README.md), as rule + item code + list. */
const PLANTED = [
  ["guide-differs", DAYS_DIFFER],
  ["guide-differs", EXTRA_MATERIAL],
  ["late-publication", LATE, "hall"],
  ["late-publication", LATE, "online"],
  ["late-publication", UNPUBLISHED, "hall"],
  ["late-publication", UNPUBLISHED, "online"],
  ["not-served", NOT_SERVED],
  ["offline-only", OFFLINE_ONLY],
];

const server = new ServerProcess();
let admin: Api;
const tok = {} as Record<"manager" | "staff" | "display" | "device" | "hallAdmin" | "otherManager", string>;

const DEMO = "cons-demo";
const OTHER = "cons-other";

interface CalendarBody {
  officialYears: number[];
  adminYears: { year: number; holidays: string[]; workdays: string[] }[];
}

interface HistoryBody {
  since: string;
  findings: { rule: string; firstSeen: string; closedAt: string | null }[];
}

const sortKey = (f: Finding) => [f.rule, f.itemCode ?? "", typeof f.evidence.source === "string" ? f.evidence.source : ""].filter((x) => x !== "").join("|");
const shape = (findings: readonly Finding[]) => findings.map(sortKey).sort();
const plantedShape = PLANTED.map((p) => p.join("|")).sort();

async function upload(hallId: string, source: "online" | "hall", bytes: Uint8Array, contentType: string): Promise<void> {
  const res = await fetch(`${server.url}/api/halls/${hallId}/items/${source}`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.adminToken}`, "content-type": contentType },
    body: bytes,
  });
  const text = await res.text();
  expect(res.status, text).toBe(201);
}

function consistency(hallId: string, query = "", api: Api = admin): Promise<ApiResponse<ConsistencyReport>> {
  return api.request<ConsistencyReport>("GET", `/api/halls/${hallId}/consistency${query}`);
}

/** Polls GET …/consistency until `done` holds (the checks re-run shortly after an import or change). */
async function eventually(hallId: string, done: (r: ConsistencyReport) => boolean, what: string, query = "", timeoutMs = 5000): Promise<ConsistencyReport> {
  const deadline = Date.now() + timeoutMs;
  let last: ConsistencyReport | null = null;
  while (Date.now() < deadline) {
    const res = await consistency(hallId, query);
    expect(res.status).toBe(200);
    last = res.body;
    if (done(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}; last report: ${JSON.stringify(last?.findings.map(sortKey))}`);
}

const one = (findings: readonly Finding[], rule: string, itemCode: string, source?: string): Finding => {
  const found = findings.filter((f) => f.rule === rule && f.itemCode === itemCode && (source === undefined || f.evidence.source === source));
  expect(found, `${rule} ${itemCode} ${source ?? ""}`).toHaveLength(1);
  return found[0] as Finding;
};

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(DEMO, demoHall)).status).toBe(201);
  expect((await admin.putHall(OTHER, demoHall)).status).toBe(201);
  const make = async (req: { role: string; hallId: string; windowId?: string }) => {
    const res = await admin.createToken(req);
    expect(res.status).toBe(201);
    return res.body.token;
  };
  tok.manager = await make({ role: "manager", hallId: DEMO });
  tok.staff = await make({ role: "staff", hallId: DEMO, windowId: "w01" });
  tok.display = await make({ role: "display", hallId: DEMO });
  tok.device = await make({ role: "device", hallId: DEMO });
  tok.hallAdmin = await make({ role: "admin", hallId: DEMO });
  tok.otherManager = await make({ role: "manager", hallId: OTHER });
  await upload(DEMO, "online", sample("online-items.json"), "application/json");
  await upload(DEMO, "hall", sample("hall-items.csv"), "text/csv");
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

describe("GET /api/halls/:hallId/consistency — the demo hall with the sample lists", () => {
  it("lists exactly the planted findings, each with its rule, item, severity and evidence", async () => {
    const report = await eventually(DEMO, (r) => r.findings.length >= PLANTED.length, "the planted findings");
    expect(shape(report.findings)).toEqual(plantedShape);
    expect(report.advice).toEqual([]);
    const f = report.findings;

    const offline = one(f, "offline-only", OFFLINE_ONLY);
    expect(offline).toMatchObject({ key: `offline-only:${OFFLINE_ONLY}`, severity: "high", categoryId: "marriage" });
    expect(offline.evidence).toMatchObject({ categories: ["marriage"], onlineVersion: 1 });

    const notServed = one(f, "not-served", NOT_SERVED);
    expect(notServed).toMatchObject({ key: `not-served:${NOT_SERVED}`, severity: "medium" });
    expect(notServed.evidence).toMatchObject({ department: "公安局", maxVisits: 1 });

    const days = one(f, "guide-differs", DAYS_DIFFER);
    expect(days.severity).toBe("high");
    expect(days.evidence.fields).toEqual(["promisedDays"]);
    expect(days.evidence).toMatchObject({ hall: { promisedDays: 5 }, online: { promisedDays: 3 }, hallVersion: 1, onlineVersion: 1 });

    const materials = one(f, "guide-differs", EXTRA_MATERIAL);
    expect(materials.evidence.fields).toEqual(["materials"]);
    expect(materials.evidence).toMatchObject({ hall: { materialsOnlyInHall: ["婚姻关系证明"] }, online: { materialsOnlyOnline: [] } });

    for (const source of ["online", "hall"]) {
      const late = one(f, "late-publication", LATE, source);
      expect(late.severity).toBe("medium");
      expect(late.evidence).toMatchObject({ source, approvedAt: "2026-09-30", publishedAt: "2026-10-09", workingDays: 2, deadline: "2026-10-08" });
      expect(late.provisional).toBeFalsy();
      expect(late.message).toContain("2 个工作日");

      const unpublished = one(f, "late-publication", UNPUBLISHED, source);
      expect(unpublished.evidence).toMatchObject({ source, approvedAt: "2026-11-23", publishedAt: null, deadline: "2026-11-24" });
      expect(unpublished.evidence.workingDays).toBeGreaterThanOrEqual(2);
      expect(unpublished.provisional).toBeFalsy();
    }

    for (const x of f) {
      expect(x.message, x.key).toBe(x.messages["zh-CN"]);
      expect(x.messages.en.length, x.key).toBeGreaterThan(0);
      expect(Number.isNaN(Date.parse(x.firstSeen)), x.key).toBe(false);
      expect(Date.parse(x.lastSeen) >= Date.parse(x.firstSeen), x.key).toBe(true);
    }
  });

  it("filters by rule, severity and window; a bad rule or severity is a 400 naming it", async () => {
    const byRule = await consistency(DEMO, "?rule=guide-differs");
    expect(byRule.status).toBe(200);
    expect(byRule.body.findings.map((x) => x.itemCode).sort()).toEqual([EXTRA_MATERIAL, DAYS_DIFFER]);
    expect(byRule.body.findings.every((x) => x.rule === "guide-differs")).toBe(true);

    const late = await consistency(DEMO, "?rule=late-publication");
    expect(shape(late.body.findings)).toEqual(plantedShape.filter((s) => s.startsWith("late-publication|")));

    const high = await consistency(DEMO, "?severity=high");
    expect(high.status).toBe(200);
    expect(shape(high.body.findings)).toEqual([`guide-differs|${DAYS_DIFFER}`, `guide-differs|${EXTRA_MATERIAL}`, `offline-only|${OFFLINE_ONLY}`].sort());

    const mediumAndRule = await consistency(DEMO, "?severity=medium&rule=not-served");
    expect(shape(mediumAndRule.body.findings)).toEqual([`not-served|${NOT_SERVED}`]);

    // A department matches a finding's item department too: the 自然资源局 item whose guides differ.
    const byDepartment = await consistency(DEMO, `?department=${encodeURIComponent("自然资源局")}`);
    expect(byDepartment.status).toBe(200);
    expect(byDepartment.body.findings.map((x) => `${x.rule}|${x.itemCode}`)).toContain(`guide-differs|${DAYS_DIFFER}`);
    expect(byDepartment.body.findings.every((x) => x.itemCode !== OFFLINE_ONLY)).toBe(true);

    // The list findings name no window.
    const byWindow = await consistency(DEMO, "?windowId=w11");
    expect(byWindow.status).toBe(200);
    expect(byWindow.body.findings).toEqual([]);

    const badRule = await admin.request<ErrorBody>("GET", `/api/halls/${DEMO}/consistency?rule=everything`);
    expect(badRule.status).toBe(400);
    expect(badRule.body.error).toMatchObject({ code: "bad_request", field: "rule" });
    const badSeverity = await admin.request<ErrorBody>("GET", `/api/halls/${DEMO}/consistency?severity=urgent`);
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.error).toMatchObject({ code: "bad_request", field: "severity" });
  });

  it("exports CSV: UTF-8 with BOM, a header row, one line per finding, Chinese readable", async () => {
    const json = await consistency(DEMO);
    const res = await fetch(`${server.url}/api/halls/${DEMO}/consistency?format=csv`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    const rows = parse(text, { skip_empty_lines: true }) as string[][];
    expect(rows[0]).toEqual(["rule", "severity", "itemCode", "windowId", "categoryId", "message", "firstSeen", "lastSeen", "provisional"]);
    const data = rows.slice(1);
    expect(data).toHaveLength(json.body.findings.length);
    expect(data.map((r) => `${r[0]}|${r[2]}`).sort()).toEqual(json.body.findings.map((f) => `${f.rule}|${f.itemCode}`).sort());
    const offline = data.find((r) => r[0] === "offline-only") as string[];
    expect(offline[5]).toBe(`大厅受理的事项 ${OFFLINE_ONLY} 不在线上事项清单中`);
    expect(text).toContain("「住房公积金提取（购房）」");

    // Filters apply to the export too.
    const filtered = await fetch(`${server.url}/api/halls/${DEMO}/consistency?format=csv&rule=not-served`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const filteredRows = parse((await filtered.text()).replace(/^\uFEFF/, ""), { skip_empty_lines: true }) as string[][];
    expect(filteredRows.slice(1).map((r) => r[2])).toEqual([NOT_SERVED]);
  });

  it("lists the findings' history with their first sighting", async () => {
    const res = await admin.request<HistoryBody>("GET", `/api/halls/${DEMO}/consistency/history?days=30`);
    expect(res.status).toBe(200);
    expect(Number.isNaN(Date.parse(res.body.since))).toBe(false);
    expect(res.body.findings.map((r) => r.rule).sort()).toEqual(PLANTED.map((p) => p[0]).sort());
    const report = await consistency(DEMO);
    const firstSeen = report.body.findings.map((f) => f.firstSeen).sort();
    expect(res.body.findings.map((r) => r.firstSeen).sort()).toEqual(firstSeen);
    for (const r of res.body.findings) expect(r.closedAt).toBeNull();
  });

  it("answers managers and admins, refuses other roles and halls (403) and no token (401); unknown hall 404", async () => {
    for (const [who, token] of [
      ["manager", tok.manager],
      ["hall admin", tok.hallAdmin],
    ] as const) {
      const res = await consistency(DEMO, "", admin.as(token));
      expect(res.status, who).toBe(200);
      expect(shape(res.body.findings), who).toEqual(plantedShape);
      expect((await admin.as(token).request("GET", `/api/halls/${DEMO}/consistency/history?days=30`)).status, who).toBe(200);
    }
    for (const [who, token] of [
      ["staff", tok.staff],
      ["display", tok.display],
      ["device", tok.device],
      ["other hall's manager", tok.otherManager],
    ] as const) {
      const res = await admin.as(token).request<ErrorBody>("GET", `/api/halls/${DEMO}/consistency`);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe("forbidden");
    }
    const none = await admin.as(null).request<ErrorBody>("GET", `/api/halls/${DEMO}/consistency`);
    expect(none.status).toBe(401);
    expect((await admin.request("GET", "/api/halls/no-such-hall/consistency")).status).toBe(404);
  });

  it("finds nothing in a hall without an online list", async () => {
    const res = await consistency(OTHER);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ findings: [], advice: [] });
    const csv = await fetch(`${server.url}/api/halls/${OTHER}/consistency?format=csv`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const rows = parse((await csv.text()).replace(/^\uFEFF/, ""), { skip_empty_lines: true }) as string[][];
    expect(rows).toHaveLength(1);
  });
});

describe("department-mismatch", () => {
  const HALL = "cons-dept";
  /** The demo hall plus a 代办 category with a tax item, served by the (non-comprehensive) 卫生健康局 window w22. */
  function mismatched(comprehensive: boolean): HallConfig {
    const config = structuredClone(demoHall);
    config.categories.push({ id: "counter", name: "代办服务", itemCodes: ["330399-GG-0705"] });
    const w22 = config.windows.find((w) => w.id === "w22");
    if (!w22) throw new Error("demo hall without w22");
    w22.categories = [...w22.categories, "counter"];
    if (comprehensive) w22.comprehensive = true;
    return config;
  }

  it("names the window that serves another department's item, and closes once the window is comprehensive", async () => {
    expect((await admin.putHall(HALL, mismatched(false))).status).toBe(201);
    await upload(HALL, "online", sample("online-items.json"), "application/json");

    const report = await eventually(HALL, (r) => r.findings.some((f) => f.rule === "department-mismatch"), "a department-mismatch finding");
    const found = report.findings.filter((f) => f.rule === "department-mismatch");
    expect(found).toHaveLength(1);
    const finding = found[0] as Finding;
    expect(finding).toMatchObject({ key: "department-mismatch:w22:330399-GG-0705", severity: "medium", itemCode: "330399-GG-0705", windowId: "w22", categoryId: "counter" });
    expect(finding.evidence).toEqual({ windowDepartment: "卫生健康局", itemDepartment: "税务局" });
    expect(finding.message).toContain("22号窗口");
    expect(finding.message).toContain("税务局");

    const byWindow = await consistency(HALL, "?windowId=w22");
    expect(byWindow.body.findings.map((f) => f.key)).toEqual(["department-mismatch:w22:330399-GG-0705"]);
    const byRule = await consistency(HALL, "?rule=department-mismatch");
    expect(byRule.body.findings.map((f) => f.key)).toEqual(["department-mismatch:w22:330399-GG-0705"]);

    // Marked comprehensive (综合窗口): the finding closes.
    const put = await admin.putHall(HALL, mismatched(true));
    expect(put.status).toBe(200);
    const after = await eventually(HALL, (r) => !r.findings.some((f) => f.rule === "department-mismatch"), "the department-mismatch finding to close");
    // The other findings of the hall stay open.
    expect(after.findings.some((f) => f.rule === "not-served" && f.itemCode === NOT_SERVED)).toBe(true);
    expect((await consistency(HALL, "?windowId=w22")).body.findings).toEqual([]);

    const history = await admin.request<HistoryBody>("GET", `/api/halls/${HALL}/consistency/history?days=30`);
    expect(history.status).toBe(200);
    const closed = history.body.findings.filter((r) => r.rule === "department-mismatch");
    expect(closed).toHaveLength(1);
    expect(closed[0]?.closedAt).not.toBeNull();
  });
});

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
