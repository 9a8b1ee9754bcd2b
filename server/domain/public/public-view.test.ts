import { describe, expect, it } from "vitest";
import type { FloorWait, LoadView } from "../../../contract/index.js";
import { WorkingCalendar } from "../calendar/working-calendar.js";
import { at, ev, factsOf, hallConfig, HALL_ID, MINUTE } from "../test-fixtures.js";
import { computeLoadView } from "../load-view.js";
import { publicHallView } from "./public-view.js";

const calendar = new WorkingCalendar([{ year: 2025, source: "official", holidays: [], workdays: [] }]);
const hall = { ...hallConfig(), name: "清溪县政务服务中心", public: { enabled: true, licence: "CC BY 4.0" } };

/** A live view at 9:30 on Monday 2025-03-10: w1 (c1) open, w2 (c2) paused, w3 (c1, c2) open; three c1 tickets and one c2 ticket wait. */
function liveView(floorWaits: FloorWait[] | null): LoadView {
  const facts = factsOf([
    ev.opened(at(8, 50), "w1"),
    ev.opened(at(8, 50), "w2"),
    ev.paused(at(9, 20), "w2"),
    ev.opened(at(8, 55), "w3"),
    ev.issued(at(9, 0), "t1", "c1", "A001"),
    ev.issued(at(9, 5), "t2", "c1", "A002"),
    ev.issued(at(9, 10), "t3", "c1", "A003"),
    ev.issued(at(9, 12), "t4", "c2", "B001"),
    ev.issued(at(9, 1), "t5", "c1", "A004"),
    ev.called(at(9, 2), "t5", "w1"),
  ]);
  const now = at(9, 30);
  const view = computeLoadView(facts, hall, { hallId: HALL_ID, from: now - 60 * MINUTE, to: now, live: true, dayStart: at(0) });
  return floorWaits ? { ...view, floor: { idle: [{ windowId: "w2", since: "x", idleMinutes: 3, lastActivityAt: null }], waits: floorWaits, warnings: [] } } : view;
}

const band = (low: number, high: number) => ({ lowMinutes: low, highMinutes: high, text: `${low}–${high} 分钟` });

describe("publicHallView", () => {
  it("gives per category the open windows, the tickets waiting and the floor band, in configuration order", () => {
    const waits: FloorWait[] = [
      { categoryId: "c1", waiting: 3, p50Minutes: 11, p80Minutes: 14, basis: "measured", band: band(10, 15) },
      { categoryId: "c2", waiting: 1, p50Minutes: null, p80Minutes: null, basis: "unknown", band: null },
    ];
    const v = publicHallView({ hallId: HALL_ID, hall, view: liveView(waits), calendar, now: at(9, 30) });
    expect(v).toEqual({
      hallId: HALL_ID,
      name: "清溪县政务服务中心",
      timezone: "Asia/Shanghai",
      asOf: new Date(at(9, 30)).toISOString(),
      open: { status: "open", open: true, date: "2025-03-10", todayHours: null, makeUpDay: false },
      categories: [
        { categoryId: "c1", name: "Category c1", openWindows: 2, waiting: 3, band: band(10, 15) },
        { categoryId: "c2", name: "Category c2", openWindows: 1, waiting: 1, band: null },
      ],
      licence: "CC BY 4.0",
    });
  });

  it("falls back to the live view's queue counts when the floor section is missing, with no band", () => {
    const v = publicHallView({ hallId: HALL_ID, hall, view: liveView(null), calendar, now: at(9, 30) });
    expect(v.categories.map((c) => [c.categoryId, c.waiting, c.band])).toEqual([
      ["c1", 3, null],
      ["c2", 1, null],
    ]);
  });

  it("copies nothing private from the live view: no window ids, ticket numbers or ids, staff ids, idle windows", () => {
    const waits: FloorWait[] = [{ categoryId: "c1", waiting: 3, p50Minutes: 11, p80Minutes: 14, basis: "measured", band: band(10, 15) }];
    const json = JSON.stringify(publicHallView({ hallId: HALL_ID, hall, view: liveView(waits), calendar, now: at(9, 30) }));
    for (const secret of ["w1", "w2", "w3", "t1", "t5", "A001", "A004", "staff-1", "windowId", "ticket", "staff", "p50Minutes", "basis", "idle"]) expect(json).not.toContain(secret);
  });

  it("states a hall with opening hours as closed outside them, and licence null when none is named", () => {
    const withHours = { ...hall, public: { enabled: true }, openingHours: [{ weekday: 1, from: "10:00", to: "17:00" }] };
    const v = publicHallView({ hallId: HALL_ID, hall: withHours, view: liveView(null), calendar, now: at(9, 30) });
    expect(v.open).toMatchObject({ status: "closed", open: false, todayHours: [{ from: "10:00", to: "17:00" }] });
    expect(v.licence).toBeNull();
  });
});
