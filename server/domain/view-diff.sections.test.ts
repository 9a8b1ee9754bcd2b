// diffLoadViews and applyLoadViewPatch by example for the optional whole sections, the floor and the lost
// heartbeats (issue #9): carried whole when they change, not at all when they don't, kept when a patch omits them.
import { describe, expect, it } from "vitest";
import { applyLoadViewPatch, type LiveFloor } from "../../contract/index.js";
import { at, iso } from "./test-fixtures.js";
import { baseView } from "./view-diff.test-support.js";
import { diffLoadViews } from "./view-diff.js";

describe("the floor section", () => {
  const floor = (idleMinutes: number | null): LiveFloor => ({
    idle: idleMinutes === null ? [] : [{ windowId: "w1", since: iso(at(9, 50)), idleMinutes, lastActivityAt: iso(at(9, 45)) }],
    waits: [{ categoryId: "c1", waiting: 2, p50Minutes: 6.2, p80Minutes: 9.8, basis: "measured", band: { lowMinutes: 6, highMinutes: 10, text: "6–10 分钟" } }],
    warnings: [],
  });

  it("is carried whole when any of it changes, and not at all when it does not", () => {
    const prev = baseView({ floor: floor(null) });
    expect(diffLoadViews(prev, baseView({ floor: floor(null) }))).toEqual({ patch: { from: prev.from, to: prev.to }, changed: false });
    const next = baseView({ floor: floor(3.5) });
    const { patch, changed } = diffLoadViews(prev, next);
    expect(changed).toBe(true);
    expect(patch.floor).toEqual(floor(3.5));
    expect(applyLoadViewPatch(prev, patch)).toEqual(next);
    // Cleared: the whole section again, now with an empty idle list.
    const cleared = diffLoadViews(next, prev);
    expect(cleared.patch.floor).toEqual(floor(null));
    expect(applyLoadViewPatch(next, cleared.patch)).toEqual(prev);
  });

  it("is not compared by content when both views hold the same section object (served from its cache between refreshes)", () => {
    let reads = 0;
    const plain = floor(2);
    const cached = Object.defineProperty({ ...plain }, "waits", { enumerable: true, get: () => (reads++, plain.waits) }) as LiveFloor;
    const { patch, changed } = diffLoadViews(baseView({ floor: cached }), baseView({ floor: cached }));
    expect(changed).toBe(false);
    expect(patch.floor).toBeUndefined();
    expect(reads).toBe(0);
    // An equal section in a new object is still compared by content.
    expect(diffLoadViews(baseView({ floor: cached }), baseView({ floor: floor(2) })).changed).toBe(false);
    expect(reads).toBeGreaterThan(0);
    expect(diffLoadViews(baseView({ floor: cached }), baseView({ floor: floor(3) })).changed).toBe(true);
  });

  it("arrives on a view held without one, and stays when a patch does not carry it", () => {
    const held = applyLoadViewPatch(baseView(), diffLoadViews(baseView(), baseView({ floor: floor(1) })).patch);
    expect(held.floor).toEqual(floor(1));
    expect(applyLoadViewPatch(held, { from: iso(at(9, 1)), to: iso(at(10, 1)) }).floor).toEqual(floor(1));
  });
});

describe("lost heartbeats (issue #9)", () => {
  const lost = [{ windowId: "w1", deviceId: null, lastSeenAt: iso(at(9, 50)), lostMinutes: 6 }];

  it("are carried whole when the list changes, cleared by an empty list, and kept when a patch does not carry them", () => {
    const prev = baseView({ heartbeats: [] });
    expect(diffLoadViews(prev, baseView({ heartbeats: [] })).changed).toBe(false);
    const next = baseView({ heartbeats: lost });
    const { patch, changed } = diffLoadViews(prev, next);
    expect(changed).toBe(true);
    expect(patch.heartbeats).toEqual(lost);
    expect(applyLoadViewPatch(prev, patch)).toEqual(next);
    expect(applyLoadViewPatch(next, { from: next.from, to: next.to }).heartbeats).toEqual(lost);
    const cleared = diffLoadViews(next, prev);
    expect(cleared.patch.heartbeats).toEqual([]);
    expect(applyLoadViewPatch(next, cleared.patch)).toEqual(prev);
  });
});
