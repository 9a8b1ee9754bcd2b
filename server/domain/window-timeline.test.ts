import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TransitionKind, WindowTransition } from "./facts.js";
import { compareStamps } from "./stamp.js";
import { at, HOUR, MINUTE } from "./test-fixtures.js";
import { unionLengthWithin } from "./intervals.js";
import { openIntervals, openMsWithin, stateAt } from "./window-timeline.js";

const RANKS: Record<TransitionKind, number> = { opened: 0, paused: 1, resumed: 2, closed: 3 };
let n = 0;
const tr = (kind: TransitionKind, ts: number): WindowTransition => ({ ts, rank: RANKS[kind], eventId: `t${String(++n).padStart(4, "0")}`, kind });
const sorted = (list: WindowTransition[]) => [...list].sort(compareStamps);

describe("openIntervals", () => {
  it("is empty for a window that never reported", () => {
    expect(openIntervals([])).toEqual([]);
  });

  it("runs a still-open window to Infinity", () => {
    expect(openIntervals([tr("opened", at(9))])).toEqual([{ start: at(9), end: Infinity }]);
  });

  it("opens on opened/resumed and ends on paused/closed", () => {
    const list = [tr("opened", at(9)), tr("paused", at(9, 30)), tr("resumed", at(9, 40)), tr("closed", at(10))];
    expect(openIntervals(list)).toEqual([
      { start: at(9), end: at(9, 30) },
      { start: at(9, 40), end: at(10) },
    ]);
  });

  it("treats resumed without a previous opened as opening the window", () => {
    expect(openIntervals([tr("resumed", at(9)), tr("closed", at(9, 5))])).toEqual([{ start: at(9), end: at(9, 5) }]);
  });

  it("keeps the earliest start when opened/resumed repeats while open", () => {
    const list = [tr("opened", at(9)), tr("resumed", at(9, 10)), tr("opened", at(9, 20)), tr("paused", at(9, 30))];
    expect(openIntervals(list)).toEqual([{ start: at(9), end: at(9, 30) }]);
  });

  it("ignores paused/closed while not open (the first one after an open ends it)", () => {
    const list = [tr("paused", at(8)), tr("closed", at(8, 30)), tr("opened", at(9)), tr("paused", at(9, 10)), tr("closed", at(9, 20))];
    expect(openIntervals(list)).toEqual([{ start: at(9), end: at(9, 10) }]);
  });

  it("gives a zero-length interval for open and close at the same millisecond (opened ranks first)", () => {
    const list = sorted([tr("closed", at(9)), tr("opened", at(9))]);
    expect(openIntervals(list)).toEqual([{ start: at(9), end: at(9) }]);
  });
});

describe("openMsWithin", () => {
  const kinds: TransitionKind[] = ["opened", "paused", "resumed", "closed"];
  // Few distinct minutes, so that ties with each other and with the range's ends are common.
  const minute = fc.integer({ min: 0, max: 40 });
  const transitions = fc.array(fc.record({ kind: fc.constantFrom(...kinds), m: minute }), { maxLength: 30 }).map((specs) => sorted(specs.map((x) => tr(x.kind, at(9, x.m)))));
  const bound = fc.oneof(minute.map((m) => at(9, m)), fc.constantFrom(-Infinity, Infinity));

  it("equals the length within [from, to) of the open intervals, for any transitions and range", () => {
    fc.assert(
      fc.property(transitions, bound, bound, (list, from, to) => {
        expect(openMsWithin(list, from, to)).toBe(unionLengthWithin(openIntervals(list), from, to));
      }),
      { numRuns: 2000 },
    );
  });

  it("counts a window open before the range from the range's start, and a still-open one to its end", () => {
    const list = [tr("opened", at(8)), tr("paused", at(9, 10)), tr("resumed", at(9, 40))];
    expect(openMsWithin(list, at(9), at(10))).toBe(30 * MINUTE);
    expect(openMsWithin(list, at(9, 20), at(9, 30))).toBe(0);
    expect(openMsWithin([], at(9), at(10))).toBe(0);
    expect(openMsWithin(list, at(10), at(9))).toBe(0);
  });
});

describe("stateAt", () => {
  const list = [tr("opened", at(9)), tr("paused", at(9, 30)), tr("resumed", at(9, 40)), tr("closed", at(10))];

  it("is closed with no since for a window that never reported", () => {
    expect(stateAt([], at(12))).toEqual({ state: "closed", since: null });
  });

  it("is closed with no since before the first transition", () => {
    expect(stateAt(list, at(8, 59))).toEqual({ state: "closed", since: null });
  });

  it("includes a transition at exactly `at`", () => {
    expect(stateAt(list, at(9))).toEqual({ state: "open", since: at(9) });
    expect(stateAt(list, at(9, 30))).toEqual({ state: "paused", since: at(9, 30) });
  });

  it("reports the state between transitions", () => {
    expect(stateAt(list, at(9, 15))).toEqual({ state: "open", since: at(9) });
    expect(stateAt(list, at(9, 35))).toEqual({ state: "paused", since: at(9, 30) });
    expect(stateAt(list, at(9, 50))).toEqual({ state: "open", since: at(9, 40) });
    expect(stateAt(list, at(11))).toEqual({ state: "closed", since: at(10) });
  });

  it("keeps `since` at the start of the state when the same state is reported again", () => {
    const again = [tr("opened", at(9)), tr("resumed", at(9, 10)), tr("opened", at(9, 20))];
    expect(stateAt(again, at(9, 30))).toEqual({ state: "open", since: at(9) });
    const pausedTwice = [tr("opened", at(9)), tr("paused", at(9, 10)), tr("paused", at(9, 20))];
    expect(stateAt(pausedTwice, at(9, 30))).toEqual({ state: "paused", since: at(9, 10) });
  });

  it("gives a reported close a since, unlike never reporting", () => {
    expect(stateAt([tr("closed", at(8))], at(9))).toEqual({ state: "closed", since: at(8) });
  });

  it("counts resumed as open", () => {
    expect(stateAt([tr("opened", at(9)), tr("paused", at(9, 5)), tr("resumed", at(9, 6))], at(9, 7))).toEqual({
      state: "open",
      since: at(9, 6),
    });
  });

  it("agrees with openIntervals: open exactly inside an open interval (property)", () => {
    const kinds: TransitionKind[] = ["opened", "paused", "resumed", "closed"];
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom(...kinds), minute: fc.integer({ min: 0, max: 120 }) }), { maxLength: 12 }),
        fc.integer({ min: -5, max: 130 }),
        (specs, probeMinute) => {
          const list = sorted(specs.map((x) => tr(x.kind, at(9) + x.minute * MINUTE)));
          const probe = at(9) + probeMinute * MINUTE + 30_000; // between whole minutes: no tie with a transition
          const inOpen = openIntervals(list).some((i) => i.start <= probe && probe < i.end);
          expect(stateAt(list, probe).state === "open").toBe(inOpen);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("equals a walk from the first transition, `since` included, for any transitions (ties too) and moment (property)", () => {
    // The definition, walked forward: the state after each transition, `since` moved only when it changes.
    const walked = (list: readonly WindowTransition[], moment: number) => {
      let state = "closed";
      let since: number | null = null;
      for (const t of list) {
        if (t.ts > moment) break;
        const next = t.kind === "paused" ? "paused" : t.kind === "closed" ? "closed" : "open";
        if (next !== state || since === null) [state, since] = [next, t.ts];
      }
      return { state, since };
    };
    const kinds: TransitionKind[] = ["opened", "paused", "resumed", "closed"];
    const minute = fc.integer({ min: 0, max: 20 });
    fc.assert(
      fc.property(fc.array(fc.record({ kind: fc.constantFrom(...kinds), m: minute }), { maxLength: 25 }), minute, (specs, m) => {
        const list = sorted(specs.map((x) => tr(x.kind, at(9, x.m))));
        for (const moment of [at(9, m), at(9, m) - 1, at(9, m) + 1]) expect(stateAt(list, moment)).toEqual(walked(list, moment));
      }),
      { numRuns: 2000 },
    );
  });

  it("finds the state of a long history", () => {
    const list: WindowTransition[] = [];
    for (let h = 0; h < 10; h++) {
      list.push(tr("opened", at(9) + h * HOUR));
      list.push(tr("closed", at(9) + h * HOUR + 30 * MINUTE));
    }
    expect(stateAt(list, at(18, 10))).toEqual({ state: "open", since: at(18) });
    expect(stateAt(list, at(18, 40))).toEqual({ state: "closed", since: at(18, 30) });
    expect(openIntervals(list)).toHaveLength(10);
  });
});
