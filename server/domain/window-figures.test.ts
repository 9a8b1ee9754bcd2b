import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { emptyTicketFacts } from "./facts.js";
import { at, ev, factsOf, MINUTE } from "./test-fixtures.js";
import { ticketNumber, windowFigures, type WindowFigures } from "./window-figures.js";

const DAY_START = at(0); // local midnight of 2025-03-10 in Asia/Shanghai

function figures(events: HallEvent[], from: number, to: number, dayStart = DAY_START, windowId = "w1"): WindowFigures {
  return windowFigures(factsOf(events).windows.get(windowId), from, to, dayStart);
}

const baseScenario = (): HallEvent[] => [
  ev.opened(at(9), "w1"),
  ev.started(at(9, 10), "t1", "w1"),
  ev.completed(at(9, 20), "t1", "w1"),
  ev.started(at(9, 30), "t2", "w1"),
  ev.completed(at(9, 50), "t2", "w1"),
  ev.closed(at(10), "w1"),
];

describe("windowFigures", () => {
  it("is empty and closed for a window with no facts", () => {
    expect(windowFigures(undefined, at(9), at(10), DAY_START)).toEqual({
      openMs: 0,
      busyMs: 0,
      served: 0,
      handleMsTotal: 0,
      handleCount: 0,
      servedToday: 0,
      ratingSum: 0,
      ratingCount: 0,
      poorRatings: 0,
      state: "closed",
      stateSince: null,
      currentTicket: null,
    });
  });

  it("computes open, busy, served and handle time for 09:00–10:00 with two services", () => {
    expect(figures(baseScenario(), at(9), at(10))).toEqual({
      openMs: 60 * MINUTE,
      busyMs: 30 * MINUTE, // 10 + 20 minutes
      served: 2,
      handleMsTotal: 30 * MINUTE,
      handleCount: 2,
      servedToday: 2,
      ratingSum: 0,
      ratingCount: 0,
      poorRatings: 0,
      state: "closed",
      stateSince: at(10),
      currentTicket: null,
    });
  });

  it("clips open and busy time to [from, to) and counts only completions inside", () => {
    const f = figures(baseScenario(), at(9, 15), at(9, 40));
    expect(f.openMs).toBe(25 * MINUTE);
    expect(f.busyMs).toBe(15 * MINUTE); // 9:15–9:20 and 9:30–9:40
    expect(f.served).toBe(1); // 9:20
    expect(f.handleMsTotal).toBe(10 * MINUTE); // the whole 9:10–9:20 service, not only its clipped part
    expect(f.handleCount).toBe(1);
    expect(f.servedToday).toBe(1);
    expect(f.state).toBe("open");
    expect(f.stateSince).toBe(at(9));
    expect(f.currentTicket).toEqual({ ticketId: "t2", phase: "serving", since: at(9, 30) });
  });

  it("includes a completion at `from` and excludes one at `to`", () => {
    expect(figures(baseScenario(), at(9, 20), at(9, 50)).served).toBe(1);
    expect(figures(baseScenario(), at(9, 20), at(9, 51)).served).toBe(2);
  });

  it("runs a still-open window and a still-running service until `to`", () => {
    const f = figures([ev.opened(at(9), "w1"), ev.started(at(9, 45), "t1", "w1")], at(9), at(10));
    expect(f.openMs).toBe(60 * MINUTE);
    expect(f.busyMs).toBe(15 * MINUTE);
    expect(f.served).toBe(0);
    expect(f.handleCount).toBe(0);
    expect(f.state).toBe("open");
    expect(f.currentTicket).toEqual({ ticketId: "t1", phase: "serving", since: at(9, 45) });
  });

  it("counts busy time up to `to` for a service completed after `to`", () => {
    const f = figures([ev.opened(at(9), "w1"), ev.started(at(9, 45), "t1", "w1"), ev.completed(at(10, 30), "t1", "w1")], at(9), at(10));
    expect(f.busyMs).toBe(15 * MINUTE);
    expect(f.served).toBe(0);
    expect(f.currentTicket).toEqual({ ticketId: "t1", phase: "serving", since: at(9, 45) });
  });

  it("counts overlapping services once and does not clip busy to open time", () => {
    const f = figures(
      [
        ev.opened(at(9), "w1"),
        ev.paused(at(9, 30), "w1"),
        ev.started(at(9, 20), "t1", "w1"),
        ev.completed(at(9, 40), "t1", "w1"),
        ev.started(at(9, 35), "t2", "w1"),
        ev.completed(at(9, 50), "t2", "w1"),
      ],
      at(9),
      at(10),
    );
    expect(f.openMs).toBe(30 * MINUTE);
    expect(f.busyMs).toBe(30 * MINUTE); // union 9:20–9:50, partly while paused
    expect(f.served).toBe(2);
    expect(f.handleMsTotal).toBe(35 * MINUTE); // 20 + 15
  });

  it("counts a completion without a start as served without handle time", () => {
    const f = figures([ev.opened(at(9), "w1"), ev.completed(at(9, 40), "t3", "w1")], at(9), at(10));
    expect(f.served).toBe(1);
    expect(f.handleCount).toBe(0);
    expect(f.handleMsTotal).toBe(0);
    expect(f.busyMs).toBe(0);
  });

  it("ignores a repeated completion", () => {
    const f = figures([ev.started(at(9, 10), "t1", "w1"), ev.completed(at(9, 20), "t1", "w1"), ev.completed(at(9, 25), "t1", "w1")], at(9), at(10));
    expect(f.served).toBe(1);
    expect(f.handleMsTotal).toBe(10 * MINUTE);
  });

  it("pairs a completion that arrived before its start", () => {
    const f = figures([ev.completed(at(9, 20), "t1", "w1"), ev.started(at(9, 10), "t1", "w1")], at(9), at(10));
    expect(f.served).toBe(1);
    expect(f.handleMsTotal).toBe(10 * MINUTE);
    expect(f.busyMs).toBe(10 * MINUTE);
  });

  it("counts servedToday from the given local day start", () => {
    const events = [
      ev.completed(at(-1), "t0", "w1"), // 23:00 the day before
      ev.completed(at(8), "t1", "w1"),
      ev.completed(at(9, 30), "t2", "w1"),
      ev.completed(at(10, 30), "t3", "w1"), // after `to`
    ];
    const f = figures(events, at(9), at(10));
    expect(f.served).toBe(1);
    expect(f.servedToday).toBe(2);
    expect(figures(events, at(9), at(10), at(-2)).servedToday).toBe(3);
  });

  describe("ratings", () => {
    it("averages one rating per ticket, the latest", () => {
      const f = figures(
        [
          ev.evaluated(at(8, 50), "t0", "w1", 1), // before from
          ev.evaluated(at(9, 20), "t1", "w1", 4),
          ev.evaluated(at(9, 25), "t1", "w1", 5),
          ev.evaluated(at(9, 50), "t2", "w1", 2),
        ],
        at(9),
        at(10),
      );
      expect(f.ratingCount).toBe(2);
      expect(f.ratingSum).toBe(7);
    });

    it("counts a re-rating inside the interval even if the first rating was before it", () => {
      const f = figures([ev.evaluated(at(8, 50), "t1", "w1", 1), ev.evaluated(at(9, 10), "t1", "w1", 3)], at(9), at(10));
      expect([f.ratingSum, f.ratingCount]).toEqual([3, 1]);
    });

    it("counts a re-rated ticket only where its latest evaluation falls, so intervals add up", () => {
      const events = [ev.evaluated(at(9, 30), "t1", "w1", 4), ev.evaluated(at(10, 30), "t1", "w1", 3)];
      const first = figures(events, at(9), at(10));
      const second = figures(events, at(10), at(11));
      const both = figures(events, at(9), at(11));
      expect([first.ratingSum, first.ratingCount]).toEqual([0, 0]);
      expect([second.ratingSum, second.ratingCount]).toEqual([3, 1]);
      expect([both.ratingSum, both.ratingCount]).toEqual([first.ratingSum + second.ratingSum, first.ratingCount + second.ratingCount]);
    });
  });

  // docs/metrics.md: a second start while the service is open is a repeat and is ignored.
  it("pairs a completion with the first start of the open service for handle time", () => {
    const f = figures([ev.started(at(9), "t1", "w1"), ev.started(at(9, 10), "t1", "w1"), ev.completed(at(9, 30), "t1", "w1")], at(9), at(10));
    expect(f.served).toBe(1);
    expect(f.handleCount).toBe(1);
    expect(f.handleMsTotal).toBe(30 * MINUTE);
  });

  it("keeps busy time from the first start when a ticket is started twice", () => {
    // Busy from each start to the first completion after it: the union is 9:00–9:30 either way.
    const f = figures([ev.started(at(9), "t1", "w1"), ev.started(at(9, 10), "t1", "w1"), ev.completed(at(9, 30), "t1", "w1")], at(9), at(10));
    expect(f.busyMs).toBe(30 * MINUTE);
    expect(f.served).toBe(1);
  });

  describe("state", () => {
    it("reports paused with its start and keeps `since` over a repeated open", () => {
      const events = [ev.opened(at(9), "w1"), ev.resumed(at(9, 10), "w1"), ev.paused(at(9, 30), "w1")];
      expect(figures(events, at(9), at(9, 20))).toMatchObject({ state: "open", stateSince: at(9) });
      expect(figures(events, at(9), at(10))).toMatchObject({ state: "paused", stateSince: at(9, 30), openMs: 30 * MINUTE });
    });

    it("uses transitions at or before `to` only", () => {
      const events = [ev.opened(at(9), "w1"), ev.closed(at(10), "w1")];
      expect(figures(events, at(9), at(10))).toMatchObject({ state: "closed", stateSince: at(10) });
      expect(figures(events, at(9), at(10) - 1)).toMatchObject({ state: "open", stateSince: at(9) });
      expect(figures(events, at(8), at(8, 30))).toMatchObject({ state: "closed", stateSince: null, openMs: 0 });
    });
  });

  describe("currentTicket", () => {
    const open = ev.opened(at(8), "w1");
    const cur = (events: HallEvent[], to: number) => figures([open, ...events], at(8), to).currentTicket;

    it("is the called ticket, then serving from its start, then cleared by completion", () => {
      const events = [ev.called(at(9, 5), "t1", "w1"), ev.started(at(9, 6), "t1", "w1"), ev.completed(at(9, 20), "t1", "w1")];
      expect(cur(events, at(9))).toBeNull();
      expect(cur(events, at(9, 5))).toEqual({ ticketId: "t1", phase: "called", since: at(9, 5) });
      expect(cur(events, at(9, 6))).toEqual({ ticketId: "t1", phase: "serving", since: at(9, 6) });
      expect(cur(events, at(9, 19))).toEqual({ ticketId: "t1", phase: "serving", since: at(9, 6) });
      expect(cur(events, at(9, 20))).toBeNull();
    });

    it("is cleared by a no-show at this window", () => {
      const events = [ev.called(at(9), "t1", "w1"), ev.noShow(at(9, 3), "t1", "w1")];
      expect(cur(events, at(9, 2))).toEqual({ ticketId: "t1", phase: "called", since: at(9) });
      expect(cur(events, at(9, 3))).toBeNull();
    });

    it("is cleared by a transfer away from this window", () => {
      const events = [ev.called(at(9), "t1", "w1"), ev.started(at(9, 1), "t1", "w1"), ev.transferred(at(9, 10), "t1", "w1", "c2")];
      expect(cur(events, at(9, 5))).toEqual({ ticketId: "t1", phase: "serving", since: at(9, 1) });
      expect(cur(events, at(9, 10))).toBeNull();
    });

    it("is not cleared by a transfer, no-show or completion at another window", () => {
      const events = [
        ev.called(at(9), "t1", "w1"),
        ev.transferred(at(9, 5), "t1", "w2", "c2"),
        ev.noShow(at(9, 6), "t1", "w2"),
        ev.completed(at(9, 7), "t1", "w2"),
      ];
      expect(cur(events, at(9, 10))).toEqual({ ticketId: "t1", phase: "called", since: at(9) });
    });

    it("is the most recent call, and a newer ticket's end does not bring back an older one", () => {
      const events = [ev.called(at(9), "t1", "w1"), ev.called(at(9, 5), "t2", "w1"), ev.completed(at(9, 10), "t2", "w1")];
      expect(cur(events, at(9, 7))).toEqual({ ticketId: "t2", phase: "called", since: at(9, 5) });
      expect(cur(events, at(9, 10))).toBeNull();
    });

    it("follows a recall of an earlier ticket", () => {
      const events = [ev.called(at(9), "t1", "w1"), ev.called(at(9, 5), "t2", "w1"), ev.called(at(9, 7), "t1", "w1")];
      expect(cur(events, at(9, 8))).toEqual({ ticketId: "t1", phase: "called", since: at(9, 7) });
    });

    it("ignores calls at other windows and facts after `to`", () => {
      const events = [ev.called(at(9), "t1", "w2"), ev.called(at(9, 30), "t2", "w1")];
      expect(cur(events, at(9, 29))).toBeNull();
    });

    it("is shown at a paused window but not at a closed one", () => {
      const events = [ev.called(at(9), "t1", "w1"), ev.paused(at(9, 1), "w1")];
      expect(cur(events, at(9, 2))).toEqual({ ticketId: "t1", phase: "called", since: at(9) });
      expect(cur([...events, ev.closed(at(9, 3), "w1")], at(9, 4))).toBeNull();
      // A window that never reported is closed.
      expect(figures([ev.called(at(9), "t1", "w1")], at(8), at(9, 5)).currentTicket).toBeNull();
    });

    it("treats a start at the call's millisecond as serving (start ranks after call)", () => {
      expect(cur([ev.started(at(9), "t1", "w1"), ev.called(at(9), "t1", "w1")], at(9))).toEqual({ ticketId: "t1", phase: "serving", since: at(9) });
    });
  });
});

describe("ticketNumber", () => {
  it("is null without ticket facts or without an issue", () => {
    expect(ticketNumber(undefined)).toBeNull();
    expect(ticketNumber(emptyTicketFacts())).toBeNull();
  });

  it("is the number of the earliest issue", () => {
    const facts = factsOf([ev.issued(at(9, 5), "t1", "c1", "B7"), ev.issued(at(9), "t1", "c1", "A023")]);
    expect(ticketNumber(facts.tickets.get("t1"))).toBe("A023");
  });
});

describe("windowFigures poor ratings", () => {
  it("counts ratings of 1 and 2 as poor (差评), one per ticket", () => {
    const f = figures([ev.evaluated(at(9, 10), "t1", "w1", 1), ev.evaluated(at(9, 20), "t2", "w1", 2), ev.evaluated(at(9, 30), "t3", "w1", 3), ev.evaluated(at(9, 40), "t1", "w1", 2)], at(9), at(10));
    expect([f.ratingCount, f.poorRatings, f.ratingSum]).toEqual([3, 2, 7]);
  });
});
