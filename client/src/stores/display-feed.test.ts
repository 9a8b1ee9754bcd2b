import { describe, expect, it } from "vitest";
import type { DisplaySnapshot, DisplayUpdate, LoadView } from "../../../contract/index.js";
import { applySnapshot, applyUpdate, emptyFeed } from "./display-feed.js";

const view = (to: string, served: number): LoadView => ({
  hallId: "h",
  from: "2026-11-25T01:00:00.000Z",
  to,
  live: true,
  windows: [
    { windowId: "w1", openSeconds: 3600, busySeconds: 1800, utilization: 0.5, served, avgHandleSeconds: 600, ratingAvg: null, ratingCount: 0, eligible: true, hot: false, cold: false, state: "open", stateSince: null, currentTicket: null, servedToday: served },
  ],
  categories: [],
  imbalance: { cv: 0, hot: [], cold: [], imbalanced: false },
  recentCalls: [],
});
const hall = { hallId: "h", name: "大厅", timezone: "Asia/Shanghai", targets: { waitMinutes: 20, hotUtilization: 0.85, coldUtilization: 0.35 }, windows: [], categories: [] };
const snapshot = (seq: number, served = 1): DisplaySnapshot => ({ seq, hall, view: view("2026-11-25T02:00:00.000Z", served) });
const update = (seq: number, baseSeq: number, served: number): DisplayUpdate => ({
  seq,
  baseSeq,
  view: { from: "2026-11-25T01:00:05.000Z", to: "2026-11-25T02:00:05.000Z", windows: [view("x", served).windows[0] as LoadView["windows"][number]] },
});

describe("display feed rules", () => {
  it("takes a snapshot, then applies updates that chain from the held seq", () => {
    let s = applySnapshot(emptyFeed(), snapshot(10)) ?? emptyFeed();
    const r = applyUpdate(s, update(11, 10, 5));
    expect(r.outcome).toBe("applied");
    s = r.state;
    expect(s.seq).toBe(11);
    expect(s.view?.windows[0]?.served).toBe(5);
    expect(s.view?.to).toBe("2026-11-25T02:00:05.000Z");
  });

  it("never applies an update twice", () => {
    const s = applyUpdate(applySnapshot(emptyFeed(), snapshot(10)) ?? emptyFeed(), update(11, 10, 5)).state;
    const again = applyUpdate(s, update(11, 10, 9));
    expect(again.outcome).toBe("ignored");
    expect(again.state.view?.windows[0]?.served).toBe(5);
  });

  it("reports a gap instead of applying an update made from another seq", () => {
    const s = applySnapshot(emptyFeed(), snapshot(10)) ?? emptyFeed();
    const r = applyUpdate(s, update(13, 12, 7));
    expect(r.outcome).toBe("gap");
    expect(r.state.view?.windows[0]?.served).toBe(1);
  });

  it("needs a snapshot before any update", () => {
    expect(applyUpdate(emptyFeed(), update(2, 1, 1)).outcome).toBe("gap");
  });

  it("refuses a snapshot older than what it holds, accepts a newer one (after a restart)", () => {
    const s = applySnapshot(emptyFeed(), snapshot(2_000_000_005)) ?? emptyFeed();
    expect(applySnapshot(s, snapshot(2_000_000_001))).toBeNull();
    expect(applySnapshot(s, snapshot(3_000_000_001, 8))?.view?.windows[0]?.served).toBe(8);
  });

  it("takes a snapshot from another node of a cluster (an older boot epoch) and resyncs on its updates (issue #11)", () => {
    const onA = applySnapshot(emptyFeed(), snapshot(5_000_000_900)) ?? emptyFeed();
    // Failed over to node B, which booted earlier: its seqs are smaller but current.
    const onB = applySnapshot(onA, snapshot(4_000_000_010, 9));
    expect(onB?.view?.windows[0]?.served).toBe(9);
    expect(onB?.seq).toBe(4_000_000_010);
    // An update from B before B's snapshot arrived cannot chain on A's seq: a gap (resync), never "ignored".
    expect(applyUpdate(onA, update(4_000_000_011, 4_000_000_010, 3)).outcome).toBe("gap");
    expect(applyUpdate(onB as typeof onA, update(4_000_000_011, 4_000_000_010, 3)).outcome).toBe("applied");
  });
});
