// The calendar store: date lists as typed (lines, commas, 、), every problem named before sending, and the
// year saved with PUT and removed with DELETE (global admin).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakeApi, freshPinia } from "../views/admin/testing/fake-api.js";
import { splitDates, useCalendarStore, validateYear } from "./admin-calendar.js";
import { useAdminSession } from "./admin-session.js";

let api: FakeApi;
beforeEach(async () => {
  localStorage.clear();
  freshPinia();
  api = new FakeApi().install();
  await useAdminSession().signIn(api.principal("root", "admin", null));
});
afterEach(() => vi.unstubAllGlobals());

describe("calendar validation", () => {
  it("splits date lists on lines, commas, 、 and spaces", () => {
    expect(splitDates("2027-01-01\n2027-02-10, 2027-02-11、2027-02-12 ；2027-02-13\n\n")).toEqual(["2027-01-01", "2027-02-10", "2027-02-11", "2027-02-12", "2027-02-13"]);
  });

  it("accepts a good year", () => {
    expect(validateYear("2027", "2027-01-01\n2027-02-11", "2027-02-07", [2025, 2026])).toEqual([]);
  });

  it("names every problem", () => {
    expect(validateYear("27", "2027-01-01", "", [])).toEqual([{ field: "year", key: "year" }]);
    expect(validateYear("2026", "2026-01-01", "", [2026])).toEqual([{ field: "year", key: "officialYear", value: "2026" }]);
    expect(validateYear("2027", "2027/01/01\n2027-02-30\n2028-01-01\n2027-01-02\n2027-01-02", "2027-01-02\n2027-01-04", [])).toEqual([
      { field: "holidays", key: "format", value: "2027/01/01" },
      { field: "holidays", key: "real", value: "2027-02-30" },
      { field: "holidays", key: "otherYear", value: "2028-01-01" },
      { field: "holidays", key: "duplicate", value: "2027-01-02" },
      { field: "workdays", key: "both", value: "2027-01-02" },
      { field: "workdays", key: "notWeekend", value: "2027-01-04" },
    ]);
    expect(validateYear("2027", " ", "", [])).toEqual([{ field: "holidays", key: "empty" }]);
  });
});

describe("calendar store", () => {
  it("saves a year sorted with PUT, lists it, and removes it with DELETE", async () => {
    const store = useCalendarStore();
    await store.load();
    expect(store.info?.officialYears).toEqual([2025, 2026]);
    expect(await store.save(2027, ["2027-02-11", "2027-01-01"], ["2027-02-07"])).toBe(true);
    expect(api.callsTo("PUT", "/api/calendar/2027")[0]?.body).toEqual({ holidays: ["2027-01-01", "2027-02-11"], workdays: ["2027-02-07"] });
    expect(store.info?.adminYears.map((y) => y.year)).toEqual([2027]);
    expect(await store.remove(2027)).toBe(true);
    expect(store.info?.adminYears).toEqual([]);
  });

  it("keeps the server's refusal", async () => {
    await useAdminSession().signIn(api.principal("hadm", "admin", "h1"));
    const store = useCalendarStore();
    expect(await store.save(2027, ["2027-01-01"], [])).toBe(false);
    expect(store.saveError?.status).toBe(403);
  });
});
