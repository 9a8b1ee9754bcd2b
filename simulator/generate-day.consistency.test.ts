// Unit test of the day generator's causal order: every ticket's story (issued → called → started →
// completed → evaluated, with recalls, no-shows and transfers) and every window's state stay consistent.
import { beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../contract/index.js";
import { demoHall } from "./demo-hall.js";
import { sampleDays } from "./generate-day.test-support.js";

let many: HallEvent[][];
beforeAll(() => ({ many } = sampleDays()));

describe("generateHallDay", () => {
  it("keeps every ticket's story and every window's state consistent", () => {
    const windowCategories = new Map(demoHall.windows.map((w) => [w.id, w.categories]));
    for (const events of many) {
      const state = new Map<string, "open" | "paused" | "closed">();
      const busyWith = new Map<string, string>(); // windowId → ticket in service
      const ticket = new Map<string, { category: string; phase: "waiting" | "called" | "serving" | "done"; calls: number; window?: string }>();
      for (const e of events) {
        switch (e.type) {
          case "window.opened":
            expect(state.get(e.windowId) ?? "closed").toBe("closed");
            state.set(e.windowId, "open");
            break;
          case "window.paused":
            expect(state.get(e.windowId)).toBe("open");
            expect(busyWith.has(e.windowId)).toBe(false);
            state.set(e.windowId, "paused");
            break;
          case "window.resumed":
            expect(state.get(e.windowId)).toBe("paused");
            state.set(e.windowId, "open");
            break;
          case "window.closed":
            expect(state.get(e.windowId)).toBe("open");
            expect(busyWith.has(e.windowId)).toBe(false);
            state.set(e.windowId, "closed");
            break;
          case "ticket.issued":
            expect(ticket.has(e.ticketId)).toBe(false);
            ticket.set(e.ticketId, { category: e.categoryId, phase: "waiting", calls: 0 });
            break;
          case "ticket.called": {
            const t = ticket.get(e.ticketId);
            expect(t).toBeDefined();
            if (!t) break;
            expect(state.get(e.windowId)).toBe("open");
            expect(windowCategories.get(e.windowId)).toContain(t.category);
            if (t.phase === "called") expect(t.window).toBe(e.windowId); // a recall
            else expect(t.phase).toBe("waiting");
            t.phase = "called";
            t.window = e.windowId;
            t.calls++;
            break;
          }
          case "ticket.no_show": {
            const t = ticket.get(e.ticketId);
            expect(t?.phase).toBe("called");
            expect(t?.calls).toBeGreaterThanOrEqual(2);
            if (t) t.phase = "done";
            break;
          }
          case "ticket.transferred": {
            const t = ticket.get(e.ticketId);
            expect(t?.phase).toBe("called");
            expect(t?.window).toBe(e.fromWindowId);
            expect(e.toCategoryId).not.toBe(t?.category);
            if (t) {
              t.phase = "waiting";
              t.category = e.toCategoryId;
              t.calls = 0;
            }
            break;
          }
          case "service.started": {
            const t = ticket.get(e.ticketId);
            expect(t?.phase).toBe("called");
            expect(t?.window).toBe(e.windowId);
            expect(busyWith.has(e.windowId)).toBe(false);
            busyWith.set(e.windowId, e.ticketId);
            if (t) t.phase = "serving";
            break;
          }
          case "service.completed": {
            expect(busyWith.get(e.windowId)).toBe(e.ticketId);
            busyWith.delete(e.windowId);
            const t = ticket.get(e.ticketId);
            if (t) t.phase = "done";
            if (e.outcome === "needs_materials") expect(e.requestedMaterials?.length).toBeGreaterThan(0);
            else expect(e.requestedMaterials).toBeUndefined();
            break;
          }
          case "evaluation.submitted":
            expect(ticket.get(e.ticketId)?.phase).toBe("done");
            expect(ticket.get(e.ticketId)?.window).toBe(e.windowId);
            break;
        }
      }
      // Every window that opened is closed at the end of the day, and nothing is left in service.
      for (const [w, s] of state) expect(s, w).toBe("closed");
      expect(busyWith.size).toBe(0);
    }
  });
});
