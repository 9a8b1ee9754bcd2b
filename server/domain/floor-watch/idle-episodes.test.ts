import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { at, ev, factsOf, hallConfig, HOUR, MINUTE } from "../test-fixtures.js";
import { floorAlerts } from "./floor-alerts.js";
import { idleEpisodes } from "./idle-episodes.js";
import { staysByCategory } from "./queue-stays.js";
import { ticketEvents } from "./test-arbitraries.js";

const hall = hallConfig();
/** w1's idle episodes (category c1) seen at `to`. */
const episodes = (events: HallEvent[], to: number, thresholdMs?: number) => {
  const facts = factsOf(events);
  return idleEpisodes(facts, "w1", ["c1"], staysByCategory(facts), to, thresholdMs);
};
/** w1's live idle alert at `now`, or null. */
const idleAt = (events: HallEvent[], now: number) =>
  floorAlerts(factsOf(events), hall, { now }).find((a) => a.windowId === "w1" && a.kind === "idle_while_waiting") ?? null;

const served = [ev.opened(at(9), "w1"), ev.issued(at(9), "a", "c1"), ev.called(at(9, 1), "a", "w1"), ev.started(at(9, 2), "a", "w1"), ev.completed(at(9, 10), "a", "w1")];

describe("idle while waiting: when it fires", () => {
  it("fires exactly the threshold after the window became free with someone waiting", () => {
    const events = [...served, ev.issued(at(9, 3), "b", "c1")];
    expect(idleAt(events, at(9, 15) - 1)).toBeNull();
    expect(idleAt(events, at(9, 15))).toMatchObject({ since: at(9, 15), idleMinutes: 0, lastActivityAt: at(9, 10) });
    expect(idleAt(events, at(9, 22))).toMatchObject({ since: at(9, 15), idleMinutes: 7 });
  });

  it("counts from when the queue became non-empty when it was empty at the last activity", () => {
    const events = [...served, ev.issued(at(9, 30), "b", "c1")];
    expect(idleAt(events, at(9, 34))).toBeNull();
    expect(idleAt(events, at(9, 35))).toMatchObject({ since: at(9, 35), lastActivityAt: at(9, 30) });
  });

  it("counts from the opening: a window that opens onto a waiting queue has the threshold to call", () => {
    const events = [ev.issued(at(8, 30), "b", "c1"), ev.opened(at(9), "w1")];
    expect(episodes(events, at(10))).toEqual([{ windowId: "w1", quietSince: at(9), start: at(9, 5), end: null }]);
  });

  it("uses the configured threshold", () => {
    const events = [...served, ev.issued(at(9, 3), "b", "c1")];
    expect(episodes(events, at(9, 20), 2 * MINUTE)[0]?.start).toBe(at(9, 12));
    expect(episodes(events, at(9, 20), 15 * MINUTE)).toEqual([]);
  });

  it("ignores queues of categories the window does not serve, and the window's own attended ticket", () => {
    expect(idleAt([...served, ev.issued(at(9, 3), "b", "c2")], at(10))).toBeNull();
    // Called at 9:01, never started or completed (a call → completion system mid-service): attending.
    const calledOnly = [ev.opened(at(9), "w1"), ev.issued(at(9), "a", "c1"), ev.issued(at(9), "b", "c1"), ev.called(at(9, 1), "a", "w1")];
    expect(idleAt(calledOnly, at(9, 40))).toBeNull();
  });

  it("a transfer into the window's category starts a wait", () => {
    const events = [...served, ev.issued(at(9, 3), "b", "c2"), ev.called(at(9, 4), "b", "w2"), ev.transferred(at(9, 20), "b", "w2", "c1")];
    expect(episodes(events, at(10))[0]).toMatchObject({ quietSince: at(9, 20), start: at(9, 25) });
  });
});

describe("idle while waiting: when it clears", () => {
  const base = [...served, ev.issued(at(9, 3), "b", "c1")];

  it("clears on a call, and a no-show frees the window again", () => {
    const events = [...base, ev.called(at(9, 18), "b", "w1"), ev.noShow(at(9, 20), "b", "w1"), ev.issued(at(9, 21), "c", "c1")];
    expect(episodes(events, at(10))).toEqual([
      { windowId: "w1", quietSince: at(9, 10), start: at(9, 15), end: at(9, 18) },
      { windowId: "w1", quietSince: at(9, 21), start: at(9, 26), end: null },
    ]);
  });

  it("clears when the queue empties (another window called the ticket)", () => {
    expect(episodes([...base, ev.called(at(9, 17), "b", "w3")], at(10))).toEqual([{ windowId: "w1", quietSince: at(9, 10), start: at(9, 15), end: at(9, 17) }]);
  });

  it("clears on a close, and on a pause", () => {
    expect(episodes([...base, ev.closed(at(9, 19), "w1")], at(10))[0]?.end).toBe(at(9, 19));
    expect(episodes([...base, ev.paused(at(9, 19), "w1")], at(10))[0]?.end).toBe(at(9, 19));
  });

  it("never runs during a pause, and a resume restarts the threshold", () => {
    const events = [...base, ev.paused(at(9, 11), "w1"), ev.resumed(at(9, 40), "w1")];
    expect(idleAt(events, at(9, 39))).toBeNull();
    expect(idleAt(events, at(9, 44))).toBeNull();
    expect(episodes(events, at(10))).toEqual([{ windowId: "w1", quietSince: at(9, 40), start: at(9, 45), end: null }]);
  });

  it("does not count an abandoned ticket (uncalled for 12 hours) as waiting", () => {
    const events = [ev.issued(at(9) - 13 * HOUR, "old", "c1"), ev.opened(at(9), "w1")];
    expect(episodes(events, at(10))).toEqual([]);
  });

  it("a call left dangling at yesterday's close does not shield the window today", () => {
    const events = [ev.opened(at(8), "w1"), ev.called(at(17, 59), "x", "w1"), ev.closed(at(18), "w1"), ev.opened(at(9) + 24 * HOUR, "w1"), ev.issued(at(9) + 24 * HOUR, "b", "c1")];
    expect(episodes(events, at(10) + 24 * HOUR)[0]).toMatchObject({ start: at(9, 5) + 24 * HOUR, end: null });
  });

  it("a closed or never-opened window is never idle", () => {
    expect(episodes([ev.issued(at(9), "b", "c1")], at(12))).toEqual([]);
  });
});

describe("idle while waiting: order independence", () => {
  it("gives the same episodes for any arrival order of the same events", () => {
    fc.assert(
      fc.property(
        ticketEvents.chain((events) => {
          const all = [ev.opened(at(9), "w1", "open-w1"), ev.paused(at(9, 40), "w1", "pause-w1"), ev.resumed(at(9, 50), "w1", "resume-w1"), ...events];
          return fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }));
        }),
        ([all, shuffled]) => {
          expect(episodes(shuffled, at(11))).toEqual(episodes(all, at(11)));
        },
      ),
    );
  });

  it("episodes seen at an earlier time are the prefix of those seen later (it never rewrites what it fired)", () => {
    fc.assert(
      fc.property(ticketEvents, fc.integer({ min: 0, max: 100 }), (events, m) => {
        const all = [ev.opened(at(9), "w1"), ...events];
        const early = episodes(all, at(9) + m * MINUTE);
        const late = episodes(all, at(11)).filter((e) => e.start <= at(9) + m * MINUTE);
        expect(early.map((e) => e.start)).toEqual(late.map((e) => e.start));
        early.forEach((e, i) => e.end !== null && expect(e.end).toBe(late[i]?.end));
      }),
    );
  });

  it("the live list shows exactly the running episode of the full computation (its shortcut changes nothing)", () => {
    fc.assert(
      fc.property(ticketEvents, fc.integer({ min: 0, max: 100 }), (events, m) => {
        const all = [ev.opened(at(9), "w1"), ev.paused(at(9, 30), "w1"), ev.resumed(at(9, 35), "w1"), ...events];
        const now = at(9) + m * MINUTE;
        const running = episodes(all, now).find((e) => e.end === null);
        const alert = idleAt(all, now);
        expect(alert === null ? null : [alert.since, alert.lastActivityAt]).toEqual(running ? [running.start, running.quietSince] : null);
      }),
    );
  });
});
