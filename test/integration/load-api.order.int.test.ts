// GET /api/halls/:hallId/load does not depend on how the events arrived: the scenario of load-api-fixture.ts
// shuffled, split, duplicated and retried into another hall gives the same view; the whole log sent again
// changes nothing; the figures survive a restart (read back from storage).
import { describe, expect, it } from "vitest";
import type { HallEvent, IngestResult, LoadView } from "../../contract/index.js";
import { admin, at, EVENTS_A, expectHourFigures, HALL_A, HALL_B, scenario, server, setUpLoadServer } from "./load-api-fixture.js";

setUpLoadServer();

/** A seeded shuffle (mulberry32), so that a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe("order independence and duplicates", () => {
  it("gives identical figures for the same events shuffled, split and duplicated into another hall", async () => {
    const events = scenario(HALL_B);
    expect(events.map((e) => e.id)).toEqual(EVENTS_A.map((e) => e.id));
    const dupes = shuffled(events, 7).slice(0, 15);
    const stream = shuffled([...events, ...dupes], 20261125);
    const batches: HallEvent[][] = [];
    for (let i = 0; i < stream.length; i += 7) batches.push(stream.slice(i, i + 7));
    // A retried batch, sent again as a whole.
    batches.splice(3, 0, batches[1] as HallEvent[]);

    const results: IngestResult[] = [];
    for (const b of batches) {
      const res = await admin.postEvents(HALL_B, b);
      expect(res.status).toBe(200);
      expect(res.body.results.length).toBe(b.length);
      results.push(...res.body.results);
    }
    const sent = batches.flat();
    expect(results.length).toBe(sent.length);
    expect(results.map((r) => r.id)).toEqual(sent.map((e) => e.id));
    expect(results.filter((r) => r.status === "rejected")).toEqual([]);
    expect(results.filter((r) => r.status === "accepted").length).toBe(events.length);
    expect(results.filter((r) => r.status === "duplicate").length).toBe(sent.length - events.length);
    expect(new Set(results.filter((r) => r.status === "accepted").map((r) => r.id)).size).toBe(events.length);

    for (const range of [{ from: at(0), to: at(60) }, { from: at(20), to: at(50) }, { from: at(21), to: at(24) }]) {
      const a = (await admin.load(HALL_A, range)).body;
      const b = (await admin.load(HALL_B, range)).body;
      expect(b.hallId).toBe(HALL_B);
      expect({ ...b, hallId: HALL_A }).toEqual(a);
    }
    expectHourFigures((await admin.load(HALL_B, { from: at(0), to: at(60) })).body, HALL_B);

    // The live views agree too (apart from `from`/`to`, which follow the clock).
    const la = (await admin.load(HALL_A)).body;
    const lb = (await admin.load(HALL_B)).body;
    // Waits are measured up to each view's own `to`: compare them as ages at a common instant.
    const strip = (v: LoadView) => ({
      windows: v.windows,
      categories: v.categories.map((c) => ({ ...c, oldestWaitSeconds: c.oldestWaitSeconds === null ? null : Math.round(Date.parse(v.to) - c.oldestWaitSeconds * 1000) })),
      imbalance: v.imbalance,
      recentCalls: v.recentCalls,
    });
    expect(strip(lb)).toEqual(strip(la));
  });

  it("does not change any figure when the whole log is sent again", async () => {
    const res = await admin.postEvents(HALL_A, shuffled(EVENTS_A, 99));
    expect(res.body.results.length).toBe(EVENTS_A.length);
    expect(res.body.results.every((r) => r.status === "duplicate")).toBe(true);
    expectHourFigures((await admin.load(HALL_A, { from: at(0), to: at(60) })).body, HALL_A);
  });

  it("keeps the figures across a restart (read back from the SQLite file)", async () => {
    await server.restart();
    expectHourFigures((await admin.load(HALL_A, { from: at(0), to: at(60) })).body, HALL_A);
    expectHourFigures((await admin.load(HALL_B, { from: at(0), to: at(60) })).body, HALL_B);
  });
});
