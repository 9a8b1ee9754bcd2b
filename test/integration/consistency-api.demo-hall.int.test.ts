// GET /api/halls/:hallId/consistency on the demo hall with the sample lists (consistency-api-fixture.ts):
// exactly the planted findings with their evidence, the filters (rule, severity, department, window), the
// CSV export (UTF-8 with BOM), the findings' history, who may read them, and a hall without an online list.
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { ErrorBody, Finding } from "../../contract/index.js";
import {
  admin,
  consistency,
  DAYS_DIFFER,
  DEMO,
  eventually,
  EXTRA_MATERIAL,
  type HistoryBody,
  LATE,
  NOT_SERVED,
  OFFLINE_ONLY,
  OTHER,
  server,
  setUpConsistencyServer,
  sortKey,
  tok,
  UNPUBLISHED,
} from "./consistency-api-fixture.js";

setUpConsistencyServer();

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

const shape = (findings: readonly Finding[]) => findings.map(sortKey).sort();
const plantedShape = PLANTED.map((p) => p.join("|")).sort();

const one = (findings: readonly Finding[], rule: string, itemCode: string, source?: string): Finding => {
  const found = findings.filter((f) => f.rule === rule && f.itemCode === itemCode && (source === undefined || f.evidence.source === source));
  expect(found, `${rule} ${itemCode} ${source ?? ""}`).toHaveLength(1);
  return found[0] as Finding;
};

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
