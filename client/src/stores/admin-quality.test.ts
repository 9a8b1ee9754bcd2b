// The quality store: the default period (14 days up to today) and day (today) in the hall's time zone,
// each part loaded on its own, a period the server would refuse never asked for, the per-day verdict by
// the server's rule, and the issue list of an opened row.
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CalibrationResponse, CalibrationRow, DataQualityIssue, DataQualityResponse, DataQualitySubject } from "../../../contract/index.js";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { calibrationPeriodProblem, hallDays, issuesOf, rowVerdict, useAdminQualityStore } from "./admin-quality.js";
import { useAdminSession } from "./admin-session.js";

const RULE = { p80Target: 0.8, p50Target: 0.5, tolerance: 0.08, minTickets: 20 };
const row = (day: string, categoryId: string | null, tickets: number, byP80Share: number | null): CalibrationRow => ({
  day,
  categoryId,
  tickets,
  byP50Share: byP80Share === null ? null : byP80Share / 2,
  byP80Share,
  withinShownShare: null,
  laterThanShownShare: null,
  noEstimate: 0,
  notCalled: 0,
});
const zero = { completed_without_start: 0, call_before_issue: 0, service_on_closed_window: 0, clock_skew: 0, seq_gap: 0, late_event: 0 };
const subject = (id: string, score: number): DataQualitySubject => ({ id, events: 10, score, grade: score >= 90 ? "trusted" : score >= 70 ? "check" : "distrust", counts: { ...zero }, missing: 0, skewMs: null });
const issue = (kind: DataQualityIssue["kind"], eventId: string, deviceId: string | null, windowId: string | null): DataQualityIssue => ({ kind, eventId, deviceId, windowId, ts: "2026-11-25T02:00:00.000Z" });

let api: FakeApi;
let failQuality = false;
beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  failQuality = false;
  api = new FakeApi().install();
  api.extraRoutes.push((method, url) => {
    if (method !== "GET") return null;
    if (url.pathname === "/api/halls/h1/floor/calibration") {
      const body: CalibrationResponse = {
        from: url.searchParams.get("from") ?? "",
        to: url.searchParams.get("to") ?? "",
        rule: RULE,
        summary: { tickets: 40, byP50Share: 0.5, byP80Share: 0.8, noEstimate: 1, notCalled: 2, verdict: "trusted" },
        rows: [row("2026-11-25", null, 30, 0.7), row("2026-11-25", "social", 30, 0.7), row("2026-11-24", null, 10, 0.9)],
      };
      return { status: 200, body };
    }
    if (url.pathname === "/api/halls/h1/floor/data-quality") {
      if (failQuality) return { status: 503, body: { error: { code: "storage_unavailable", message: "later" } } };
      const body: DataQualityResponse = {
        day: url.searchParams.get("day") ?? "",
        asOf: "2026-11-25T04:00:00.000Z",
        pending: 0,
        devices: [subject("k2", 40), subject("k1", 95)],
        windows: [subject("w1", 40)],
        issues: [issue("seq_gap", "e1", "k2", "w1"), issue("late_event", "e2", "k1", "w1"), issue("clock_skew", "e3", "k2", null)],
        totalIssues: 3,
        issuesLimit: 200,
      };
      return { status: 200, body };
    }
    return null;
  });
  await useAdminSession().signIn(api.principal("mgr", "manager", "h1"));
});

describe("quality helpers", () => {
  it("refuses a missing, reversed or too long period (92 days at most)", () => {
    expect(calibrationPeriodProblem({ from: "", to: "2026-11-25" })).toBe("missing");
    expect(calibrationPeriodProblem({ from: "2026-11-25", to: "2026-11-24" })).toBe("order");
    expect(calibrationPeriodProblem({ from: "2026-08-26", to: "2026-11-25" })).toBeNull(); // 92 days
    expect(calibrationPeriodProblem({ from: "2026-08-25", to: "2026-11-25" })).toBe("tooLong");
  });

  it("judges a day by the server's rule, ends of the tolerance included", () => {
    expect(rowVerdict({ tickets: 20, byP80Share: 0.72 }, RULE)).toBe("trusted");
    expect(rowVerdict({ tickets: 20, byP80Share: 0.88 }, RULE)).toBe("trusted");
    expect(rowVerdict({ tickets: 20, byP80Share: 0.7 }, RULE)).toBe("optimistic");
    expect(rowVerdict({ tickets: 20, byP80Share: 0.9 }, RULE)).toBe("cautious");
    expect(rowVerdict({ tickets: 19, byP80Share: 0.8 }, RULE)).toBe("too_few");
  });

  it("keeps the whole-hall row of each day, by date, and a subject's issues", () => {
    expect(hallDays([row("2026-11-25", null, 1, 1), row("2026-11-25", "c", 1, 1), row("2026-11-24", null, 1, 1)]).map((r) => r.day)).toEqual(["2026-11-24", "2026-11-25"]);
    const list = [issue("seq_gap", "e1", "k2", "w1"), issue("late_event", "e2", "k1", "w1")];
    expect(issuesOf(list, "device", "k2").map((i) => i.eventId)).toEqual(["e1"]);
    expect(issuesOf(list, "window", "w1").map((i) => i.eventId)).toEqual(["e1", "e2"]);
  });
});

describe("quality store", () => {
  it("asks for the last 14 days and today in the hall's time zone", async () => {
    const store = useAdminQualityStore();
    // 2026-11-25T17:00Z is already the 26th in Shanghai.
    await store.open("h1", "Asia/Shanghai", Date.parse("2026-11-25T17:00:00Z"));
    expect(api.callsTo("GET", "/api/halls/h1/floor/calibration").map((c) => c.path)).toEqual(["/api/halls/h1/floor/calibration?from=2026-11-13&to=2026-11-26"]);
    expect(api.callsTo("GET", "/api/halls/h1/floor/data-quality").map((c) => c.path)).toEqual(["/api/halls/h1/floor/data-quality?day=2026-11-26"]);
    expect(api.calls.at(-1)?.token).toBe("mgr");
    expect(store.days.map((d) => [d.day, d.tickets])).toEqual([
      ["2026-11-24", 10],
      ["2026-11-25", 30],
    ]);
    expect(store.quality?.devices.map((d) => d.id)).toEqual(["k2", "k1"]);
  });

  it("asks again for a new period or day, never for a period the server would refuse", async () => {
    const store = useAdminQualityStore();
    await store.open("h1", "Asia/Shanghai", Date.parse("2026-11-25T04:00:00Z"));
    expect(store.setPeriod({ from: "2026-11-20", to: "2026-11-01" })).toBe(false);
    expect(store.periodProblem).toBe("order");
    expect(store.setPeriod({ from: "2026-11-01", to: "2026-11-20" })).toBe(true);
    expect(store.periodProblem).toBeNull();
    await vi.waitFor(() => expect(store.calibration?.from).toBe("2026-11-01"));
    store.toggle("device", "k2");
    expect(store.isExpanded("device", "k2")).toBe(true);
    store.setDay("2026-11-24");
    expect(store.isExpanded("device", "k2")).toBe(false); // another day: rows closed
    await vi.waitFor(() => expect(store.quality?.day).toBe("2026-11-24"));
    expect(api.callsTo("GET", "/api/halls/h1/floor/calibration")).toHaveLength(2);
    expect(api.callsTo("GET", "/api/halls/h1/floor/data-quality")).toHaveLength(2);
  });

  it("keeps the calibration when the data quality fails, and says why", async () => {
    failQuality = true;
    const store = useAdminQualityStore();
    await store.open("h1", "Asia/Shanghai", Date.parse("2026-11-25T04:00:00Z"));
    expect(store.calibration?.summary.verdict).toBe("trusted");
    expect(store.quality).toBeNull();
    expect(store.qualityError?.status).toBe(503);
    expect(store.qualityError?.code).toBe("storage_unavailable");
  });
});
