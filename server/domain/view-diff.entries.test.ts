// diffLoadViews and applyLoadViewPatch by example, for the times and the per-entry lists (windows, categories)
// and the whole-carried imbalance and recentCalls: only what changed travels, and applying puts it back in place.
import { describe, expect, it } from "vitest";
import { applyLoadViewPatch } from "../../contract/index.js";
import { at, iso } from "./test-fixtures.js";
import { baseView, call, categoryLoad, windowLoad } from "./view-diff.test-support.js";
import { diffLoadViews } from "./view-diff.js";

describe("diffLoadViews", () => {
  it("reports no change for identical views and carries only the times", () => {
    const { patch, changed } = diffLoadViews(baseView(), baseView());
    expect(changed).toBe(false);
    expect(patch).toEqual({ from: iso(at(9)), to: iso(at(10)) });
  });

  it("reports no change when only the time moved, with the new times", () => {
    const next = baseView({ from: iso(at(9, 1)), to: iso(at(10, 1)) });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(false);
    expect(patch).toEqual({ from: iso(at(9, 1)), to: iso(at(10, 1)) });
  });

  it("carries only the changed window", () => {
    const next = baseView({ windows: [windowLoad("w1"), windowLoad("w2", { served: 1 })] });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(true);
    expect(patch).toEqual({ from: iso(at(9)), to: iso(at(10)), windows: [windowLoad("w2", { served: 1 })] });
  });

  it("notices a change deep inside a window (currentTicket)", () => {
    const ticket = { ticketNo: "A1", categoryId: "c1", phase: "called" as const, since: iso(at(9, 59)) };
    const next = baseView({ windows: [windowLoad("w1", { currentTicket: ticket }), windowLoad("w2", { served: 0 })] });
    const serving = baseView({ windows: [windowLoad("w1", { currentTicket: { ...ticket, phase: "serving" } }), windowLoad("w2", { served: 0 })] });
    expect(diffLoadViews(baseView(), next).patch.windows?.map((w) => w.windowId)).toEqual(["w1"]);
    expect(diffLoadViews(next, serving).patch.windows).toEqual([serving.windows[0]]);
  });

  it("carries only the changed category", () => {
    const next = baseView({ categories: [categoryLoad("c1", { waitingNow: 1, oldestWaitSeconds: 30 }), categoryLoad("c2")] });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(true);
    expect(patch.categories).toEqual([categoryLoad("c1", { waitingNow: 1, oldestWaitSeconds: 30 })]);
    expect(patch.windows).toBeUndefined();
  });

  it("carries the whole imbalance and the whole recentCalls list when they change", () => {
    const imbalance = { cv: 0.4, hot: ["w1"], cold: ["w2"], imbalanced: true };
    const recentCalls = [call("A2", 7), call("A1", 5)];
    const { patch, changed } = diffLoadViews(baseView(), baseView({ imbalance, recentCalls }));
    expect(changed).toBe(true);
    expect(patch).toEqual({ from: iso(at(9)), to: iso(at(10)), imbalance, recentCalls });
  });

  it("carries a window that is new in the next view", () => {
    const next = baseView({ windows: [windowLoad("w1"), windowLoad("w2", { served: 0 }), windowLoad("w3")] });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(true);
    expect(patch.windows).toEqual([windowLoad("w3")]);
    expect(applyLoadViewPatch(baseView(), patch)).toEqual(next);
  });

  it("marks a shrinking window list as a change even with no changed entry", () => {
    const next = baseView({ windows: [windowLoad("w1")] });
    const { patch, changed } = diffLoadViews(baseView(), next);
    expect(changed).toBe(true);
    expect(patch.windows).toEqual([]);
  });
});

describe("applyLoadViewPatch", () => {
  it("replaces changed entries in place and keeps the others", () => {
    const patch = { from: iso(at(9, 1)), to: iso(at(10, 1)), windows: [windowLoad("w2", { served: 5 })] };
    const out = applyLoadViewPatch(baseView(), patch);
    expect(out.windows).toEqual([windowLoad("w1"), windowLoad("w2", { served: 5 })]);
    expect(out.categories).toEqual(baseView().categories);
    expect(out.from).toBe(iso(at(9, 1)));
    expect(out.to).toBe(iso(at(10, 1)));
    expect(out.hallId).toBe("hall-1");
    expect(out.live).toBe(true);
  });

  it("does not change the view it is given", () => {
    const view = baseView();
    applyLoadViewPatch(view, { from: iso(at(9, 1)), to: iso(at(10, 1)), windows: [windowLoad("w1", { served: 9 })], recentCalls: [] });
    expect(view).toEqual(baseView());
  });

  it("appends entries with unknown ids", () => {
    const out = applyLoadViewPatch(baseView(), { from: iso(at(9)), to: iso(at(10)), categories: [categoryLoad("c3")] });
    expect(out.categories.map((c) => c.categoryId)).toEqual(["c1", "c2", "c3"]);
  });
});
