// Unit tests of the live replay against an in-memory sink: real, never-future timestamps,
// run-specific ids, continuous days and a clean shutdown.
import { describe, expect, it } from "vitest";
import { hallEventSchema, type HallEvent } from "../contract/index.js";
import { DEMO_HALL_ID, demoHall } from "./demo-hall.js";
import { runLive } from "./live-run.js";
import { epoch, recordingSink } from "./test-support.js";

describe("runLive", () => {
  it("replays days continuously with real, never-future timestamps and run-specific ids", async () => {
    const s = recordingSink();
    const started = Date.now();
    const summary = await runLive({
      client: s,
      hall: demoHall,
      hallId: DEMO_HALL_ID,
      speed: 200_000,
      seed: 1,
      startAtLocal: "16:00",
      startDate: "2026-11-27", // a Friday: the next simulated day is Monday
      maxDays: 2,
      nightGapMs: 0,
      runId: "t1",
    });
    expect(summary.days).toBe(2);
    expect(summary.sent).toBe(s.sent.length);
    expect(summary.accepted).toBe(s.sent.length);
    const ids = new Set(s.sent.map((x) => x.event.id));
    expect(ids.size).toBe(s.sent.length);
    let last = 0;
    for (const { event, at } of s.sent) {
      expect(hallEventSchema.safeParse(event).success).toBe(true);
      expect(event.id.startsWith("lv-t1:")).toBe(true);
      expect(epoch(event)).toBeLessThanOrEqual(at); // never in the future
      expect(epoch(event)).toBeGreaterThanOrEqual(last); // in order
      last = epoch(event);
      if ("ticketId" in event) expect(event.ticketId.startsWith("lv-t1-")).toBe(true);
    }
    // Events before 16:00 of the first day were sent at once, stamped in the past.
    expect(epoch(s.sent[0]!.event)).toBeLessThan(started);
    const days = new Set(s.sent.map((x) => x.event.id.split(":")[1]));
    expect([...days]).toEqual(["2026-11-27", "2026-11-30"]);
    // The same ticket keeps its order of phases after the rewrite.
    const t = s.sent.find((x) => x.event.type === "service.completed")!.event as Extract<HallEvent, { type: "service.completed" }>;
    const story = s.sent.filter((x) => "ticketId" in x.event && x.event.ticketId === t.ticketId).map((x) => x.event.type);
    expect(story.indexOf("ticket.issued")).toBeLessThan(story.indexOf("service.started"));
    expect(story.indexOf("service.started")).toBeLessThan(story.indexOf("service.completed"));
  });

  it("paces events by speed and closes the hall when aborted", async () => {
    const s = recordingSink();
    const controller = new AbortController();
    const speed = 1200; // 20 simulated minutes per real second
    const run = runLive({ client: s, hall: demoHall, hallId: DEMO_HALL_ID, speed, seed: 2, startAtLocal: "10:00", startDate: "2026-11-24", signal: controller.signal, runId: "t2" });
    await new Promise((r) => setTimeout(r, 600));
    controller.abort();
    const summary = await run;
    expect(summary.days).toBe(0);
    const closing = s.sent.filter((x) => x.event.id.startsWith("lv-t2:close:")).map((x) => x.event);
    expect(closing.length).toBe(summary.closing);
    expect(closing.filter((e) => e.type === "window.closed").length).toBeGreaterThanOrEqual(18);
    // After the abort, every window that was opened is closed and no service is left open.
    const open = new Map<string, boolean>();
    const serving = new Map<string, string>();
    for (const { event: e } of s.sent) {
      if (e.type === "window.opened" || e.type === "window.resumed" || e.type === "window.paused") open.set(e.windowId, true);
      if (e.type === "window.closed") open.set(e.windowId, false);
      if (e.type === "service.started") serving.set(e.windowId, e.ticketId);
      if (e.type === "service.completed") serving.delete(e.windowId);
    }
    expect([...open.values()].some(Boolean)).toBe(false);
    expect(serving.size).toBe(0);
    // Simulated time advanced by roughly speed × elapsed: nothing later than ~10:00 + 0.6 s × 1200 = 10:12.
    const live = s.sent.filter((x) => !x.event.id.includes(":close:"));
    const lastLocal = new Date(epoch(live[live.length - 1]!.event));
    expect(lastLocal.getTime()).toBeLessThanOrEqual(Date.now());
    expect(live.length).toBeGreaterThan(200);
    expect(live.length).toBeLessThan(1500);
  });
});
