// call.next on /staff against the real server process and its storage (staff-socket-fixture.ts): its
// choice — green channel first, then the longest wait, in the window's categories only, then not_found —,
// a retry answered with the same ticket, and never the same ticket for two windows pressing at once.
import { describe, expect, it } from "vitest";
import { act, calls, freshHall, openConsole, setUpStaffServer } from "./staff-socket-fixture.js";

setUpStaffServer();

describe("/staff call.next", () => {
  it("calls green first, then the longest wait, in the window's categories only; then not_found", async () => {
    const h = await freshHall();
    await h.issue("a", "social", 20);
    await h.issue("b", "social", 30);
    await h.issue("g", "social", 1, "green");
    await h.issue("e", "estate", 60); // waits longer, but not in w1's categories
    const c = await openConsole(h.staff.w1);
    await act(c, { id: h.id(), type: "window.opened", staffId: "s1" });
    const got: string[] = [];
    for (;;) {
      const ack = await act(c, { id: h.id(), type: "call.next" });
      if (!ack.ok) {
        expect(ack.error.code).toBe("not_found");
        break;
      }
      got.push(ack.data.ticket?.ticketId as string);
      if (got.length === 1) {
        expect(ack.data.ticket).toMatchObject({ ticketId: "g", ticketNo: "G", categoryId: "social", priority: "green" });
        expect(ack.data.ticket?.waitedSeconds).toBeGreaterThanOrEqual(59);
        expect(ack.data.ticket?.waitedSeconds).toBeLessThan(120);
      }
      expect(got.length).toBeLessThan(10);
    }
    expect(got).toEqual(["g", "b", "a"]);
  });

  it("answers a retried call.next (same id) with the same ticket as duplicate and calls nothing new", async () => {
    const h = await freshHall();
    await h.issue("r1", "social", 10);
    await h.issue("r2", "social", 5);
    await h.issue("r3", "social", 3);
    const c = await openConsole(h.staff.w1);
    await act(c, { id: h.id(), type: "window.opened", staffId: "s1" });
    const id = h.id();
    const first = await act(c, { id, type: "call.next" });
    expect(first).toMatchObject({ ok: true, data: { status: "accepted", ticket: { ticketId: "r1" } } });
    const again = await act(c, { id, type: "call.next" });
    expect(again).toMatchObject({ ok: true, data: { id, status: "duplicate", ticket: { ticketId: "r1", ticketNo: "R1", categoryId: "social" } } });
    expect((await calls(h.hallId)).map((r) => r.ticketId)).toEqual(["r1"]);
    // A retry sent while the first is still being committed gets the same ticket too.
    const id2 = h.id();
    const [x, y] = await Promise.all([act(c, { id: id2, type: "call.next" }), act(c, { id: id2, type: "call.next" })]);
    expect([x, y].map((a) => a.ok && a.data.ticket?.ticketId)).toEqual(["r2", "r2"]);
    expect([x, y].map((a) => a.ok && a.data.status).sort()).toEqual(["accepted", "duplicate"]);
    expect((await calls(h.hallId)).map((r) => r.ticketId)).toEqual(["r1", "r2"]);
  });

  it("never gives two windows pressing at the same moment the same ticket", async () => {
    const h = await freshHall();
    for (let i = 0; i < 12; i++) await h.issue(`c${String(i).padStart(2, "0")}`, "social", 30 - i);
    const w1 = await openConsole(h.staff.w1);
    const w2 = await openConsole(h.staff.w2);
    await act(w1, { id: h.id(), type: "window.opened", staffId: "s1" });
    await act(w2, { id: h.id(), type: "window.opened", staffId: "s2" });
    const presses = Array.from({ length: 14 }, (_, i) => act(i % 2 === 0 ? w1 : w2, { id: h.id(), type: "call.next" }));
    const acks = await Promise.all(presses);
    const called = acks.filter((a) => a.ok).map((a) => (a.ok ? a.data.ticket?.ticketId : null));
    expect(called).toHaveLength(12);
    expect(new Set(called).size).toBe(12);
    expect(acks.filter((a) => !a.ok).map((a) => !a.ok && a.error.code)).toEqual(["not_found", "not_found"]);
    const rows = await calls(h.hallId);
    expect(rows).toHaveLength(12);
    expect(new Set(rows.map((r) => r.ticketId)).size).toBe(12);
  });
});
