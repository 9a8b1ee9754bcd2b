// When a probe shows in the /overview pushes (bench/overview-match.ts).
import { describe, expect, it } from "vitest";
import { matchOverview, pushesSettled, pushGaps, type OverviewSeen } from "./overview-match.js";

const push = (at: number, ...open: (number | null)[]): OverviewSeen => ({ at, open });
const noTransitions = [[], [], []];

describe("matchOverview", () => {
  it("times a paused probe to the first push with its hall's open count lower than before the send", () => {
    const pushes = [[push(0, 5, 7), push(2000, 5, 7), push(4000, 4, 7), push(6000, 4, 7)]];
    const m = matchOverview([{ hall: 0, at: 2500, state: "paused" }], pushes, noTransitions);
    expect(m.latency.n).toBe(1);
    expect(m.latency.max).toBe(1500);
    expect(m.missed).toBe(0);
    expect(m.excluded).toBe(0);
  });

  it("times a resumed probe to a higher count, per node, each node against its own pushes", () => {
    const pushes = [
      [push(0, 3), push(1000, 4)],
      [push(500, 3), push(2600, 3), push(3100, 4)],
    ];
    const m = matchOverview([{ hall: 0, at: 800, state: "open" }], pushes, [[]]);
    expect(m.latency.n).toBe(2);
    expect(m.latency.p50).toBe(200);
    expect(m.latency.max).toBe(2300);
  });

  it("does not count a move the other way or another hall's move", () => {
    const pushes = [[push(0, 5, 7), push(1000, 6, 6), push(12_000, 4, 7)]];
    const m = matchOverview([{ hall: 0, at: 500, state: "paused" }], pushes, noTransitions);
    expect(m.latency.n).toBe(0);
    expect(m.missed).toBe(1); // the lower count came after the 10 s window
  });

  it("leaves a probe out when another window of its hall moved around it, before or after", () => {
    const pushes = [[push(0, 5), push(3000, 4)]];
    const before = matchOverview([{ hall: 0, at: 2000, state: "paused" }], pushes, [[-2000]]);
    const after = matchOverview([{ hall: 0, at: 2000, state: "paused" }], pushes, [[2500]]);
    const long = matchOverview([{ hall: 0, at: 2000, state: "paused" }], pushes, [[-4000]]);
    expect(before).toMatchObject({ excluded: 1, missed: 0 });
    expect(before.latency.n).toBe(0);
    expect(after).toMatchObject({ excluded: 1, missed: 0 });
    expect(long.latency.n).toBe(1);
  });

  it("leaves a probe out on a node that had pushed nothing before it, or not that hall", () => {
    const m = matchOverview(
      [{ hall: 1, at: 100, state: "paused" }],
      [[push(200, 5, 4)], [push(0, 5, null), push(300, 5, 4)]],
      noTransitions,
    );
    expect(m).toMatchObject({ excluded: 2, missed: 0 });
  });

  it("counts a push at the very send time as showing it (0 ms), and one only after the baseline", () => {
    const m = matchOverview([{ hall: 0, at: 1000, state: "paused" }], [[push(999, 2), push(1000, 1)]], [[]]);
    expect(m.latency.max).toBe(0);
  });
});

describe("pushGaps", () => {
  it("measures the gaps between each node's successive pushes, never across nodes", () => {
    const g = pushGaps([[push(0), push(2000), push(4500)], [push(100), push(2100)]]);
    expect(g.n).toBe(3);
    expect(g.max).toBe(2500);
    expect(g.p50).toBe(2000);
  });
});

describe("pushesSettled", () => {
  const seen = (...ats: number[]): OverviewSeen[] => ats.map((at) => ({ at, open: [1] }));
  it("waits until every node has pushed twice after the last probe", () => {
    expect(pushesSettled([seen(900, 1200), seen(1100, 2100, 3100)], 1000, 3200)).toBe(false);
    expect(pushesSettled([seen(900, 1200, 3200), seen(1100, 2100, 3100)], 1000, 3300)).toBe(true);
    // A push at the send itself is not after it.
    expect(pushesSettled([seen(1000, 2000), seen(1500, 2500)], 1000, 2600)).toBe(false);
  });

  it("gives up once the match window has passed, whatever the pushes", () => {
    expect(pushesSettled([seen(900), seen()], 1000, 10_999)).toBe(false);
    expect(pushesSettled([seen(900), seen()], 1000, 11_000)).toBe(true);
  });
});
