import { describe, expect, it } from "vitest";
import type { ServiceFact } from "./facts.js";
import { serviceEpisodes } from "./service-episodes.js";
import { compareStamps } from "./stamp.js";
import { at } from "./test-fixtures.js";

let n = 0;
const fact = (kind: "started" | "completed", ts: number, id = `s${String(++n).padStart(4, "0")}`): ServiceFact => ({
  ts,
  rank: kind === "started" ? 8 : 9,
  eventId: id,
  ticketId: "t1",
  windowId: "w1",
  kind,
  ...(kind === "completed" ? { outcome: "done" as const } : {}),
});
const S = (ts: number, id?: string) => fact("started", ts, id);
const C = (ts: number, id?: string) => fact("completed", ts, id);

describe("serviceEpisodes", () => {
  it("is empty without facts", () => {
    expect(serviceEpisodes([])).toEqual([]);
  });

  it("pairs a start with the completion after it", () => {
    expect(serviceEpisodes([S(at(9, 10)), C(at(9, 20), "c1")])).toEqual([
      { ticketId: "t1", start: at(9, 10), end: at(9, 20), endEventId: "c1", outcome: "done" },
    ]);
  });

  it("leaves a start without completion open (end null)", () => {
    expect(serviceEpisodes([S(at(9, 10))])).toEqual([{ ticketId: "t1", start: at(9, 10), end: null, endEventId: null, outcome: null }]);
  });

  it("keeps a completion with no start, without a start time", () => {
    expect(serviceEpisodes([C(at(9, 20), "c1")])).toEqual([
      { ticketId: "t1", start: null, end: at(9, 20), endEventId: "c1", outcome: "done" },
    ]);
  });

  it("ignores a second completion with no new start in between", () => {
    const eps = serviceEpisodes([S(at(9, 10)), C(at(9, 20), "c1"), C(at(9, 25), "c2")]);
    expect(eps).toHaveLength(1);
    expect(eps[0]).toMatchObject({ start: at(9, 10), end: at(9, 20), endEventId: "c1" });
  });

  it("ignores a repeated start-less completion", () => {
    const eps = serviceEpisodes([C(at(9, 20), "c1"), C(at(9, 25), "c2")]);
    expect(eps).toEqual([{ ticketId: "t1", start: null, end: at(9, 20), endEventId: "c1", outcome: "done" }]);
  });

  it("makes one episode per start–completion pair when a ticket is served twice", () => {
    const eps = serviceEpisodes([S(at(9, 0)), C(at(9, 10)), S(at(9, 30)), C(at(9, 45))]);
    expect(eps.map((e) => [e.start, e.end])).toEqual([
      [at(9, 0), at(9, 10)],
      [at(9, 30), at(9, 45)],
    ]);
  });

  it("keeps a start-less completion before a later full service", () => {
    const eps = serviceEpisodes([C(at(9, 0)), S(at(9, 30)), C(at(9, 45))]);
    expect(eps.map((e) => [e.start, e.end])).toEqual([
      [null, at(9, 0)],
      [at(9, 30), at(9, 45)],
    ]);
  });

  it("counts a completion after a new start even following a repeat", () => {
    const eps = serviceEpisodes([S(at(9, 0)), C(at(9, 10)), C(at(9, 11)), S(at(9, 20)), C(at(9, 30))]);
    expect(eps.map((e) => [e.start, e.end])).toEqual([
      [at(9, 0), at(9, 10)],
      [at(9, 20), at(9, 30)],
    ]);
  });

  it("reports a final open service after earlier completed ones", () => {
    const eps = serviceEpisodes([S(at(9, 0)), C(at(9, 10)), S(at(9, 20))]);
    expect(eps.map((e) => [e.start, e.end])).toEqual([
      [at(9, 0), at(9, 10)],
      [at(9, 20), null],
    ]);
  });

  it("pairs a start and a completion at the same millisecond (started ranks first)", () => {
    const list = [C(at(9)), S(at(9))].sort(compareStamps);
    expect(serviceEpisodes(list).map((e) => [e.start, e.end])).toEqual([[at(9), at(9)]]);
  });

  it("carries the completion's outcome", () => {
    const c: ServiceFact = { ...C(at(9, 20)), outcome: "needs_materials" };
    expect(serviceEpisodes([S(at(9, 10)), c])[0]?.outcome).toBe("needs_materials");
  });

  it("produces at most one episode per completion and at most one open episode", () => {
    const list = [S(at(9, 0)), S(at(9, 5)), C(at(9, 10)), C(at(9, 12)), S(at(9, 20)), C(at(9, 30)), S(at(9, 40))];
    const eps = serviceEpisodes(list);
    expect(eps.filter((e) => e.end === null)).toHaveLength(1);
    expect(eps.filter((e) => e.end !== null)).toHaveLength(2); // C 9:12 is a repeat
    // Busy time covers 9:00–9:10 whichever start the completion is paired with.
    expect(eps[0]?.end).toBe(at(9, 10));
  });
});
