// Unit tests of the backfill against an in-memory sink: the days before endDate, past-only
// timestamps, stable ids (a repeat is all duplicates) and speed.
import { describe, expect, it } from "vitest";
import { epoch, recordingSink } from "./test-support.js";
import { backfill } from "./backfill.js";
import { DEMO_HALL_ID, demoHall } from "./demo-hall.js";
import { addDays, localDateOf } from "./local-time.js";

describe("backfill", () => {
  it("sends the days before endDate with past timestamps, and repeats as duplicates", async () => {
    const s = recordingSink();
    const today = localDateOf(Date.now(), 480);
    const summary = await backfill({ client: s, hall: demoHall, hallId: DEMO_HALL_ID, days: 7, endDate: today, seed: 1 });
    expect(summary).toMatchObject({ days: 7, from: addDays(today, -7), to: addDays(today, -1), skippedFuture: 0, duplicate: 0, rejected: 0 });
    expect(summary.events).toBe(s.sent.length);
    expect(summary.accepted).toBe(s.sent.length);
    const dates = new Set(s.sent.map((x) => localDateOf(epoch(x.event), 480)));
    // Seven days hold six open days (Sunday is closed), all before today.
    expect(dates.size).toBe(6);
    for (const d of dates) expect(d < today && d >= addDays(today, -7)).toBe(true);
    const now = Date.now();
    for (const { event } of s.sent) expect(epoch(event)).toBeLessThan(now);
    const again = await backfill({ client: s, hall: demoHall, hallId: DEMO_HALL_ID, days: 7, endDate: today, seed: 1 });
    expect(again.duplicate).toBe(summary.events);
  });

  it("leaves out events that would be in the future", async () => {
    const s = recordingSink();
    const today = localDateOf(Date.now(), 480);
    const summary = await backfill({ client: s, hall: demoHall, hallId: DEMO_HALL_ID, days: 9, endDate: addDays(today, 5), seed: 1 });
    const now = Date.now();
    for (const { event } of s.sent) expect(epoch(event)).toBeLessThanOrEqual(now);
    // At least two of the four days after today are weekdays, whatever today is: their events were left out.
    expect(summary.skippedFuture).toBeGreaterThan(1000);
    expect(summary.events).toBeGreaterThan(1000);
  });

  it("generates 90 days quickly", async () => {
    let n = 0;
    const started = Date.now();
    const summary = await backfill({
      client: { send: async (events) => ((n += events.length), events.map((e) => ({ id: e.id, status: "accepted" as const }))) },
      hall: demoHall,
      hallId: DEMO_HALL_ID,
      days: 90,
      endDate: "2025-06-30",
      seed: 1,
    });
    expect(summary.events).toBe(n);
    expect(n).toBeGreaterThan(150_000);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
