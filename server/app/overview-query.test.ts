// The overview's share within target is kept per hall between takings: it must equal the share computed
// afresh after any fold, prune, clock step (also back, and past a first call stamped ahead) or new day —
// and must not be computed again when none of those happened.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { memoryHalls } from "../../test/helpers/memory-halls.js";
import { testHall } from "../../test/helpers/hall-fixture.js";
import { HallFacts } from "../domain/hall-facts.js";
import { at, ev, MINUTE } from "../domain/test-fixtures.js";
import { baseView } from "../domain/view-diff.test-support.js";
import { HallDirectory } from "./hall-directory.js";
import type { LiveHalls } from "./live-halls.js";
import { OverviewQuery } from "./overview-query.js";

const HALL = "hall-1";

async function setUp() {
  const directory = new HallDirectory(memoryHalls(new Map([[HALL, testHall]])));
  await directory.load();
  const facts = new HallFacts();
  let now = at(9);
  const live = { snapshot: () => ({ seq: 1, hall: null, view: baseView() }), facts: () => facts, mustCompute: () => false } as unknown as LiveHalls;
  const clock = { now: () => now };
  const kept = new OverviewQuery({ directory, live, clock });
  const figures = async (q: OverviewQuery) => {
    const h = (await q.fresh()).halls[0];
    return { calledToday: h?.calledToday, withinTargetShare: h?.withinTargetShare };
  };
  return { facts, kept, figures, afresh: () => figures(new OverviewQuery({ directory, live, clock })), setNow: (ms: number) => (now = ms) };
}

type Step = { kind: "issue" | "call"; ticket: number; minute: number } | { kind: "clock"; minute: number } | { kind: "prune"; minute: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom("issue" as const, "call" as const), ticket: fc.integer({ min: 0, max: 8 }), minute: fc.integer({ min: -24 * 60, max: 20 * 60 }) }),
  // From the day before to well into the next day, so that days change under the kept figures.
  fc.record({ kind: fc.constant("clock" as const), minute: fc.integer({ min: -12 * 60, max: 24 * 60 }) }),
  fc.record({ kind: fc.constant("prune" as const), minute: fc.integer({ min: -30 * 60, max: 12 * 60 }) }),
);

describe("OverviewQuery's share within target, kept per hall", () => {
  it("equals the share computed afresh after any sequence of folds, prunes and clock steps", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { maxLength: 40 }), async (steps) => {
        const s = await setUp();
        let n = 0;
        for (const step of steps) {
          const ms = at(0) + step.minute * MINUTE;
          if (step.kind === "clock") s.setNow(ms);
          else if (step.kind === "prune") s.facts.pruneBefore(ms);
          else {
            n += 1;
            const e: HallEvent = step.kind === "issue" ? ev.issued(ms, `t${step.ticket}`, "c1", undefined, `e${n}`) : ev.called(ms, `t${step.ticket}`, "w1", `e${n}`);
            s.facts.add(e);
          }
          expect(await s.figures(s.kept)).toEqual(await s.afresh());
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not walk the hall's tickets again while nothing changed, and does once something did (a fold, the clock back)", async () => {
    const s = await setUp();
    s.facts.add(ev.issued(at(8, 30), "t1", "c1"));
    s.facts.add(ev.called(at(8, 40), "t1", "w1"));
    let walks = 0;
    const values = s.facts.tickets.values.bind(s.facts.tickets);
    s.facts.tickets.values = () => ((walks += 1), values());
    expect(await s.figures(s.kept)).toEqual({ calledToday: 1, withinTargetShare: 1 });
    expect(walks).toBe(1);
    s.setNow(at(9, 5));
    expect(await s.figures(s.kept)).toEqual({ calledToday: 1, withinTargetShare: 1 });
    expect(walks).toBe(1);
    s.facts.add(ev.issued(at(8, 0), "t2", "c1"));
    s.facts.add(ev.called(at(9, 1), "t2", "w1")); // a 61-minute wait: outside the 20-minute target
    expect(await s.figures(s.kept)).toEqual({ calledToday: 2, withinTargetShare: 0.5 });
    expect(walks).toBe(2);
    // The clock stepped back before t2's call: it no longer counts, though nothing was folded.
    s.setNow(at(9, 0));
    expect(await s.figures(s.kept)).toEqual({ calledToday: 1, withinTargetShare: 1 });
    expect(walks).toBe(3);
  });
});

describe("OverviewQuery's taking", () => {
  async function province(stale: ReadonlySet<string>) {
    const ids = ["h1", "h2", "h3", "h4"];
    const directory = new HallDirectory(memoryHalls(new Map(ids.map((id) => [id, testHall]))));
    await directory.load();
    const order: string[] = [];
    const facts = new HallFacts();
    const live = {
      mustCompute: (hallId: string) => stale.has(hallId),
      snapshot: (hallId: string) => {
        order.push(stale.has(hallId) ? `compute ${hallId}` : `read ${hallId}`);
        // Work that arrives while a view is computed (an ack's database answer) waits for the next turn.
        if (stale.has(hallId)) setImmediate(() => order.push(`served after ${hallId}`));
        return { seq: 1, hall: null, view: { ...baseView(), hallId } };
      },
      facts: () => facts,
    } as unknown as LiveHalls;
    return { query: new OverviewQuery({ directory, live, clock: { now: () => at(9) } }), order };
  }

  it("computes each hall that must be computed in a turn of its own, serving what came meanwhile in between", async () => {
    const p = await province(new Set(["h2", "h3"]));
    const overview = await p.query.fresh();
    expect(overview.halls.map((h) => h.hallId).sort()).toEqual(["h1", "h2", "h3", "h4"]);
    // Read back to back, h2's and h3's computations would run together and what arrived after h2 after both.
    expect(p.order.slice(0, 4)).toEqual(["read h1", "compute h2", "served after h2", "compute h3"]);
    expect(p.order).toContain("read h4");
  });

  it("takes once for callers asking at the same time, and keeps the answer for the cache period", async () => {
    const p = await province(new Set(["h2"]));
    const [a, b] = await Promise.all([p.query.fresh(), p.query.get()]);
    expect(b).toBe(a);
    expect(p.order.filter((x) => x.startsWith("compute") || x.startsWith("read"))).toHaveLength(4);
    expect(await p.query.get()).toBe(a);
    expect(p.order.filter((x) => x.startsWith("compute") || x.startsWith("read"))).toHaveLength(4);
  });
});
