import { describe, expect, it } from "vitest";
import type { UnrankedHall } from "./hall-figures.js";
import { compareHalls, rankHalls } from "./rank-halls.js";

function hall(hallId: string, over: Partial<UnrankedHall> & { imbalanced?: boolean } = {}): UnrankedHall {
  const { imbalanced = false, ...rest } = over;
  return {
    hallId,
    name: hallId,
    imbalance: { cv: 0, imbalanced, hot: 0, cold: 0 },
    waitingNow: 0,
    oldestWaitSeconds: null,
    waitTargetMinutes: 15,
    calledToday: 10,
    withinTargetShare: 0.9,
    openFindings: 0,
    windows: { open: 1, total: 2 },
    idleWindows: 0,
    lostHeartbeats: 0,
    ...rest,
  };
}

const order = (halls: UnrankedHall[]) => rankHalls(halls).map((h) => h.hallId);

describe("rankHalls", () => {
  it("puts imbalanced halls first, whatever their other figures", () => {
    expect(order([hall("a", { withinTargetShare: 0.1, waitingNow: 90 }), hall("b", { imbalanced: true, withinTargetShare: 1 })])).toEqual(["b", "a"]);
  });

  it("then the lower share within target first", () => {
    expect(order([hall("a", { withinTargetShare: 0.9 }), hall("b", { withinTargetShare: 0.5 }), hall("c", { withinTargetShare: 0.7 })])).toEqual(["b", "c", "a"]);
  });

  it("puts a hall with no call yet (null share) after every hall with a share", () => {
    expect(order([hall("a", { withinTargetShare: null, waitingNow: 50 }), hall("b", { withinTargetShare: 1 }), hall("c", { withinTargetShare: 0 })])).toEqual(["c", "b", "a"]);
  });

  it("then more waiting first, then the longer oldest wait (none counts as 0), then hall id", () => {
    expect(
      order([
        hall("d", { waitingNow: 3, oldestWaitSeconds: null }),
        hall("c", { waitingNow: 3, oldestWaitSeconds: 600 }),
        hall("b", { waitingNow: 9 }),
        hall("a", { waitingNow: 3, oldestWaitSeconds: null }),
      ]),
    ).toEqual(["b", "c", "a", "d"]);
  });

  it("numbers ranks from 1 and keeps every figure", () => {
    const ranked = rankHalls([hall("a"), hall("b", { imbalanced: true, openFindings: 4 })]);
    expect(ranked.map((h) => h.rank)).toEqual([1, 2]);
    expect(ranked[0]).toMatchObject({ hallId: "b", openFindings: 4 });
  });

  it("does not change its input and answers nothing for no halls", () => {
    const input = [hall("b"), hall("a")];
    rankHalls(input);
    expect(input.map((h) => h.hallId)).toEqual(["b", "a"]);
    expect(rankHalls([])).toEqual([]);
  });

  it("is a total order: antisymmetric, and 0 only for the same hall id", () => {
    const halls = [hall("a"), hall("b", { imbalanced: true }), hall("c", { withinTargetShare: null }), hall("d", { waitingNow: 2 }), hall("e", { oldestWaitSeconds: 30 })];
    for (const x of halls)
      for (const y of halls) {
        expect(Math.sign(compareHalls(x, y)) + Math.sign(compareHalls(y, x))).toBe(0);
        if (x !== y) expect(compareHalls(x, y)).not.toBe(0);
      }
  });
});
