import { describe, expect, it } from "vitest";
import type { FloorWait, HallEvent } from "../../../contract/index.js";
import { at, event, ev, factsOf, hallConfig, HALL_ID, HOUR } from "../test-fixtures.js";
import { publicTicket } from "./public-ticket.js";

const hall = hallConfig();
const band = { lowMinutes: 10, highMinutes: 15, text: "10–15 分钟" };
const waits: FloorWait[] = [
  { categoryId: "c1", waiting: 4, p50Minutes: 11, p80Minutes: 14, basis: "measured", band },
  { categoryId: "c2", waiting: 0, p50Minutes: null, p80Minutes: null, basis: "unknown", band: null },
];
const green = (ms: number, ticketId: string, ticketNo: string): HallEvent => event("ticket.issued", ms, { ticketId, ticketNo, categoryId: "c1", channel: "kiosk", priority: "green" });

const events: HallEvent[] = [
  ev.issued(at(9, 0) - 24 * HOUR, "yesterday-a003", "c1", "A003"), // yesterday's A003: not today's
  ev.issued(at(9, 0), "t1", "c1", "A001"),
  ev.issued(at(9, 5), "t2", "c1", "A002"),
  ev.issued(at(9, 10), "t3", "c1", "A003"),
  green(at(9, 12), "g1", "G001"),
  ev.issued(at(9, 15), "t4", "c1", "A004"),
  ev.issued(at(9, 1), "t5", "c1", "A005"),
  ev.called(at(9, 2), "t5", "w1"),
  ev.issued(at(9, 3), "t6", "c2", "B001"),
  ev.called(at(9, 4), "t6", "w2"),
  ev.transferred(at(9, 20), "t6", "w2", "c1"),
  ev.issued(at(9, 40), "future", "c1", "A009"),
];
const lookup = (ticketNo: string, extra: HallEvent[] = []) =>
  publicTicket({ hallId: HALL_ID, hall, facts: factsOf([...events, ...extra]), waits, ticketNo, dayStart: at(0), now: at(9, 30) });

describe("publicTicket", () => {
  it("counts only the tickets called before it in its category: green channel first, then queue order", () => {
    // c1 call order at 9:30: G001 (green), A001, A002, A003, A004, B001 (transferred in at 9:20).
    expect(lookup("A001")).toEqual({ hallId: HALL_ID, ticketNo: "A001", categoryId: "c1", categoryName: "Category c1", status: "waiting", ahead: 1, band, asOf: new Date(at(9, 30)).toISOString() });
    expect(lookup("G001")).toMatchObject({ status: "waiting", ahead: 0 });
    expect(lookup("A003")).toMatchObject({ status: "waiting", ahead: 3 });
    expect(lookup("A004")).toMatchObject({ status: "waiting", ahead: 4 });
  });

  it("finds a ticket by its printed number without regard to case, never by the queue system's ticket id", () => {
    expect(lookup("a002")).toMatchObject({ ticketNo: "A002", ahead: 2 });
    expect(lookup("t2")).toBeNull();
  });

  it("takes today's ticket of a repeated number, not yesterday's", () => {
    expect(lookup("A003")).toMatchObject({ status: "waiting", ahead: 3 });
    const yesterdayOnly = publicTicket({ hallId: HALL_ID, hall, facts: factsOf(events.filter((e) => !("ticketId" in e) || e.ticketId !== "t3")), waits, ticketNo: "A003", dayStart: at(0), now: at(9, 30) });
    expect(yesterdayOnly).toBeNull();
  });

  it("follows a transfer: the ticket waits in its new category, behind that queue's earlier entries", () => {
    expect(lookup("B001")).toMatchObject({ categoryId: "c1", categoryName: "Category c1", status: "waiting", ahead: 5, band });
  });

  it("says only 'called' for a called ticket: no position, no band, no window", () => {
    const t = lookup("A005");
    expect(t).toEqual({ hallId: HALL_ID, ticketNo: "A005", categoryId: "c1", categoryName: "Category c1", status: "called", ahead: null, band: null, asOf: new Date(at(9, 30)).toISOString() });
    expect(JSON.stringify(t)).not.toContain("w1");
  });

  it("moves up as tickets ahead are called", () => {
    expect(lookup("A003", [ev.called(at(9, 25), "t1", "w1"), ev.called(at(9, 26), "g1", "w3")])).toMatchObject({ ahead: 1 });
  });

  it("knows no ticket issued later than now, or never issued", () => {
    expect(lookup("A009")).toBeNull();
    expect(lookup("Z999")).toBeNull();
  });

  it("has no band when its category has none, and never carries another ticket's number or id", () => {
    const facts = factsOf([...events, ev.issued(at(9, 21), "t7", "c2", "B002")]);
    const t = publicTicket({ hallId: HALL_ID, hall, facts, waits, ticketNo: "B002", dayStart: at(0), now: at(9, 30) });
    expect(t).toMatchObject({ categoryId: "c2", ahead: 0, band: null });
    const json = JSON.stringify(lookup("A003"));
    for (const other of ["A001", "A002", "A004", "G001", "t3", "t1", "g1"]) expect(json).not.toContain(other);
  });
});

describe("publicTicket with the live floor's per-ticket bands", () => {
  const own = { lowMinutes: 3, highMinutes: 5, text: "3–5 分钟" };
  const withBands = (ticketNo: string, bands: Record<string, typeof own | null>) =>
    publicTicket({ hallId: HALL_ID, hall, facts: factsOf(events), waits, ticketNo, ticketBand: (id) => bands[id], dayStart: at(0), now: at(9, 30) });

  it("gives a waiting ticket its own band, its category's band until estimated, and none when its wait is unknown", () => {
    expect(withBands("A001", { t1: own })).toMatchObject({ status: "waiting", ahead: 1, band: own });
    expect(withBands("A002", { t1: own })).toMatchObject({ status: "waiting", band });
    expect(withBands("A003", { t3: null })).toMatchObject({ status: "waiting", band: null });
  });

  it("never gives a called ticket a band, whatever the floor held", () => {
    expect(withBands("A005", { t5: own })).toMatchObject({ status: "called", ahead: null, band: null });
  });
});
