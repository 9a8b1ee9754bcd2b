import { describe, expect, it } from "vitest";
import { at, ev, factsOf, hallConfig, viewOf } from "../test-fixtures.js";
import { forecastTickets, projectedWindows, waitingNow } from "./queue-snapshot.js";

const MIN = 60_000;
const hall = hallConfig();

describe("forecast arrivals as tickets", () => {
  it("rounds the expected count: a ticket each time the cumulative expectation passes k − ½", () => {
    expect(forecastTickets("c1", [0.4], 0)).toEqual([]);
    expect(forecastTickets("c1", [0.6], 0)).toHaveLength(1);
    const t = forecastTickets("c1", new Array<number>(60).fill(0.5), 0);
    expect(t).toHaveLength(30);
    expect(t[0]).toEqual({ categoryId: "c1", since: 60_000, green: false, forecast: true });
    expect(t.every((x, i) => i === 0 || x.since > (t[i - 1]?.since ?? 0))).toBe(true);
  });

  it("puts none in minutes with no expected arrivals", () => {
    const t = forecastTickets("c1", [0, 0, 2, 0], 0);
    expect(t.map((x) => x.since / MIN)).toEqual([2.25, 2.75]);
  });
});

describe("the projection's starting point", () => {
  const now = at(10);
  const events = [
    ev.opened(at(8, 30), "w1"),
    ev.opened(at(8, 30), "w2"),
    ev.paused(at(9, 50), "w2"),
    ev.opened(at(8, 30), "w3"),
    ev.closed(at(9), "w3"),
    ev.issued(at(9, 40), "t1", "c1"),
    ev.called(at(9, 55), "t1", "w1"),
    ev.started(at(9, 56), "t1", "w1"),
    ev.issued(at(9, 45), "t2", "c1"),
    ev.issued(at(9, 50), "t3", "c2"),
  ];
  const facts = factsOf(events);
  const view = viewOf(facts, hall, now - 60 * MIN, now, true);
  const cycles = new Map([["c1", 8 * MIN], ["c2", 6 * MIN]]);

  it("takes the tickets waiting now with their queue entry", () => {
    expect(waitingNow(facts, hall, now)).toEqual([
      { categoryId: "c1", since: at(9, 45), green: false, forecast: false },
      { categoryId: "c2", since: at(9, 50), green: false, forecast: false },
    ]);
  });

  it("frees a serving window after its ticket's cycle, a paused one after the assumed pause, and leaves closed ones out", () => {
    expect(projectedWindows(view, hall, now, cycles, 15 * MIN)).toEqual([
      { windowId: "w1", categories: ["c1"], freeAt: at(10, 4) }, // serving since 09:56 + 8 min
      { windowId: "w2", categories: ["c2"], freeAt: at(10, 5) }, // paused at 09:50 + 15 min
    ]);
    expect(projectedWindows(view, hall, at(11), cycles, 15 * MIN).map((w) => w.freeAt)).toEqual([at(11), at(11)]);
  });
});
