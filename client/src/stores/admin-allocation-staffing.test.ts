// The staffing store: the request's weeks and target, a weekday as an hour × category matrix, each cell
// judged under- or overstaffed, and the CSV / XLSX export fetched with the token header, BOM intact.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { StaffingResponse, StaffingRow } from "../../../contract/index.js";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { staffingIssues, staffingMatrix, staffingQuery, staffingStatus, useStaffingStore, weekdaysWithData } from "./admin-allocation-staffing.js";
import { useAdminSession } from "./admin-session.js";

const row = (weekday: number, hour: number, categoryId: string, needed: number, hadOpen: number): StaffingRow => ({ weekday, hour, categoryId, arrivalsPerHour: needed * 4, avgHandleSeconds: 600, needed, hadOpen });
const staffingRows: StaffingRow[] = [
  row(1, 9, "social", 3, 2),
  row(1, 9, "estate", 4, 1.5),
  row(1, 10, "social", 1, 2.5),
  row(1, 10, "estate", 2, 2),
  row(3, 14, "social", 2, 2),
];

let api: FakeApi;
beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  api.extraRoutes.push((method, url) => {
    if (method !== "GET" || url.pathname !== "/api/halls/h1/staffing") return null;
    const format = url.searchParams.get("format");
    if (format === "csv") return { status: 200, text: "\uFEFFweekday,hour\r\n1,9\r\n", type: "text/csv; charset=utf-8" };
    const body: StaffingResponse = { weeks: Number(url.searchParams.get("weeks")), target: Number(url.searchParams.get("target")), waitMinutes: 20, rows: staffingRows };
    return { status: 200, body };
  });
  await useAdminSession().signIn(api.principal("mgr", "manager", "h1"));
});
afterEach(() => vi.unstubAllGlobals());

describe("staffing helpers", () => {
  it("judges understaffed (needed > open) and overstaffed (needed < open − 1) exactly at the edges", () => {
    expect(staffingStatus({ needed: 3, hadOpen: 2 })).toBe("under");
    expect(staffingStatus({ needed: 2, hadOpen: 1.95 })).toBe("under");
    expect(staffingStatus({ needed: 2, hadOpen: 2 })).toBe("ok");
    expect(staffingStatus({ needed: 1, hadOpen: 2 })).toBe("ok");
    expect(staffingStatus({ needed: 1, hadOpen: 2.5 })).toBe("over");
    expect(staffingStatus({ needed: 0, hadOpen: 0 })).toBe("ok");
  });

  it("builds the query of the table and of its downloads", () => {
    expect(staffingQuery(8, 0.8)).toBe("weeks=8&target=0.8");
    expect(staffingQuery(4, 0.95, "xlsx")).toBe("weeks=4&target=0.95&format=xlsx");
  });

  it("turns one weekday into hours × categories in the hall's order, with unknown ids last", () => {
    const m = staffingMatrix([...staffingRows, row(1, 8, "ghost", 1, 0)], 1, ["estate", "social", "health"]);
    expect(m.hours).toEqual([8, 9, 10]);
    expect(m.categories).toEqual(["estate", "social", "ghost"]);
    expect(m.cell(9, "estate")?.needed).toBe(4);
    expect(m.cell(8, "social")).toBeNull();
    expect(weekdaysWithData(staffingRows)).toEqual([1, 3]);
  });

  it("lists a weekday's problem hours, the largest gap first", () => {
    const { under, over } = staffingIssues(staffingRows, 1);
    expect(under.map((r) => `${r.hour}|${r.categoryId}`)).toEqual(["9|estate", "9|social"]);
    expect(over.map((r) => `${r.hour}|${r.categoryId}`)).toEqual(["10|social"]);
  });
});

describe("staffing store", () => {
  it("asks for 8 weeks at 80% by default and again with each changed control", async () => {
    const store = useStaffingStore();
    await store.load("h1");
    expect(api.callsTo("GET", "/api/halls/h1/staffing").map((c) => c.path)).toEqual(["/api/halls/h1/staffing?weeks=8&target=0.8"]);
    expect(api.calls.at(-1)?.token).toBe("mgr");
    // The first weekday with data, and its worst understaffed cell for the chart.
    expect(store.weekday).toBe(1);
    expect(store.category).toBe("estate");
    expect(store.selectedHour).toBe(9);
    store.setWeeks(4);
    await vi.waitFor(() => expect(store.data?.weeks).toBe(4));
    store.setTarget(0.95);
    await vi.waitFor(() => expect(store.data?.target).toBe(0.95));
    store.setWeeks(0); // refused: not a number of weeks
    store.setWeeks(4); // unchanged: no request
    expect(api.callsTo("GET", "/api/halls/h1/staffing").map((c) => c.path)).toEqual([
      "/api/halls/h1/staffing?weeks=8&target=0.8",
      "/api/halls/h1/staffing?weeks=4&target=0.8",
      "/api/halls/h1/staffing?weeks=4&target=0.95",
    ]);
  });

  it("keeps the chart's category across weekdays when it has data there", async () => {
    const store = useStaffingStore();
    await store.load("h1");
    store.setCategory("social");
    store.setWeekday(3);
    expect(store.category).toBe("social");
    expect(store.selectedHour).toBeNull();
    store.setWeekday(5);
    expect(store.category).toBeNull();
  });

  it("shows the server's refusal", async () => {
    api.override = { method: "GET", reply: { status: 400, body: { error: { code: "bad_request", field: "weeks", message: "weeks: expected a whole number of weeks 1–52" } } } };
    const store = useStaffingStore();
    await store.load("h1");
    expect(store.error?.code).toBe("bad_request");
    expect(store.data).toBeNull();
  });

  it("downloads the CSV with the token header and the BOM", async () => {
    const blobs: Blob[] = [];
    Object.assign(URL, { createObjectURL: (b: Blob) => (blobs.push(b), "blob:csv"), revokeObjectURL: () => undefined });
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const store = useStaffingStore();
    await store.load("h1");
    expect(await store.exportTable("csv")).toBe(true);
    const call = api.calls.at(-1);
    expect(call?.path).toBe("/api/halls/h1/staffing?weeks=8&target=0.8&format=csv");
    expect(call?.token).toBe("mgr");
    expect(clicked).toEqual(["staffing-h1-8w-80.csv"]);
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    click.mockRestore();
  });
});
