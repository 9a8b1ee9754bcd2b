import { describe, expect, it } from "vitest";
import type { LoadView } from "../../../contract/live-view.js";
import { at, ev, hallConfig, MINUTE, viewOf } from "../test-fixtures.js";
import { hallFigures } from "./hall-figures.js";

function liveView(): LoadView {
  const hall = hallConfig();
  const events = [
    ev.opened(at(9), "w1"),
    ev.opened(at(9), "w2"),
    ev.paused(at(9, 30), "w2"),
    ev.issued(at(9, 40), "a1", "c1"),
    ev.issued(at(9, 50), "a2", "c1"),
    ev.issued(at(9, 20), "b1", "c2"),
  ];
  return viewOf(events, hall, at(10) - 60 * MINUTE, at(10), true);
}

const base = { hallId: "h1", name: "一号大厅", waitTargetMinutes: 15, within: { called: 0, within: 0 } };

describe("hallFigures", () => {
  it("sums waiting over categories, takes the longest wait, counts open windows (paused is not open)", () => {
    const row = hallFigures({ ...base, view: liveView() });
    expect(row.waitingNow).toBe(3);
    expect(row.oldestWaitSeconds).toBe(40 * 60);
    expect(row.windows).toEqual({ open: 1, total: 3 });
    expect(row.hallId).toBe("h1");
    expect(row.name).toBe("一号大厅");
    expect(row.waitTargetMinutes).toBe(15);
  });

  it("has no oldest wait and zero waiting when nobody waits", () => {
    const view = viewOf([], hallConfig(), at(9), at(10), true);
    const row = hallFigures({ ...base, view });
    expect(row.waitingNow).toBe(0);
    expect(row.oldestWaitSeconds).toBeNull();
  });

  it("gives the share within target, or null before the first call", () => {
    const view = liveView();
    expect(hallFigures({ ...base, view, within: { called: 4, within: 3 } })).toMatchObject({ calledToday: 4, withinTargetShare: 0.75 });
    expect(hallFigures({ ...base, view, within: { called: 0, within: 0 } })).toMatchObject({ calledToday: 0, withinTargetShare: null });
  });

  it("counts imbalance windows, open findings over all rules, idle windows and lost heartbeats", () => {
    const view: LoadView = {
      ...liveView(),
      imbalance: { cv: 0.8, hot: ["w1"], cold: ["w2", "w3"], imbalanced: true },
      consistency: { configured: true, floor: [], counts: { "visit-limit": 2, "extra-materials": 1 }, overdueFollowUps: 0 },
      floor: { idle: [{ windowId: "w1", since: new Date(at(9)).toISOString(), idleMinutes: 5, lastActivityAt: new Date(at(9)).toISOString() }], waits: [], warnings: [] },
      heartbeats: [
        { windowId: "w1", deviceId: null, lastSeenAt: new Date(at(9)).toISOString(), lostMinutes: 3 },
        { windowId: "w2", deviceId: "t-1", lastSeenAt: new Date(at(9)).toISOString(), lostMinutes: 4 },
      ],
    } as LoadView;
    const row = hallFigures({ ...base, view });
    expect(row.imbalance).toEqual({ cv: 0.8, imbalanced: true, hot: 1, cold: 2 });
    expect(row.openFindings).toBe(3);
    expect(row.idleWindows).toBe(1);
    expect(row.lostHeartbeats).toBe(2);
  });

  it("counts zero findings, idle windows and heartbeats when the live view has none of those sections", () => {
    const view = viewOf([], hallConfig(), at(9), at(10), true);
    const row = hallFigures({ ...base, view });
    expect(row).toMatchObject({ openFindings: 0, idleWindows: 0, lostHeartbeats: 0 });
  });

  it("carries no ticket numbers, window occupants or any person: only hall-level numbers", () => {
    const row = hallFigures({ ...base, view: liveView() });
    expect(JSON.stringify(row)).not.toMatch(/A1|B1|staff-1|ticketNo/);
  });
});
