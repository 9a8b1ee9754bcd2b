// /staff actions against the real server process and its storage (staff-socket-fixture.ts): every action
// becoming the canonical event (hallId, ts and window set by the server), refusals (another window,
// invalid fields, a window that is not open, a ticket called to another window), and retries never
// stored twice.
import { describe, expect, it } from "vitest";
import { act, db, freshHall, openConsole, quarantined, setUpStaffServer, stored, storedEvent } from "./staff-socket-fixture.js";

setUpStaffServer();

describe("/staff actions", () => {
  it("turns every action type into the canonical event, with hallId, ts and the window set by the server", async () => {
    const h = await freshHall();
    await h.issue("t1", "social", 15);
    await h.issue("t2", "social", 10);
    await h.issue("t3", "social", 5);
    const c = await openConsole(h.staff.w1);
    const before = Date.now();
    const expectEvent = async (action: Record<string, unknown>, expected: Record<string, unknown>) => {
      const ack = await act(c, action);
      expect(ack, JSON.stringify(action)).toMatchObject({ ok: true, data: { id: action.id, status: "accepted" } });
      const event = await storedEvent(h.hallId, action.id as string, before);
      expect(event).toEqual({ id: action.id, hallId: h.hallId, ts: event.ts, ...expected });
      expect((await stored(h.hallId, action.id as string))[0]?.windowId).toBe("w1");
      return ack;
    };
    await expectEvent({ id: h.id(), type: "window.opened", staffId: "s-0101" }, { type: "window.opened", windowId: "w1", staffId: "s-0101" });
    await expectEvent({ id: h.id(), type: "window.paused", windowId: "w1", reason: "午休" }, { type: "window.paused", windowId: "w1", reason: "午休" });
    await expectEvent({ id: h.id(), type: "window.resumed" }, { type: "window.resumed", windowId: "w1" });
    const next = await expectEvent({ id: h.id(), type: "call.next" }, { type: "ticket.called", ticketId: "t1", windowId: "w1" });
    expect(next.ok && next.data.ticket).toMatchObject({ ticketId: "t1", ticketNo: "T1", categoryId: "social", itemCode: "SB-001", priority: "normal" });
    await expectEvent({ id: h.id(), type: "ticket.called", ticketId: "t1" }, { type: "ticket.called", ticketId: "t1", windowId: "w1" });
    await expectEvent({ id: h.id(), type: "service.started", ticketId: "t1" }, { type: "service.started", ticketId: "t1", windowId: "w1" });
    await expectEvent(
      { id: h.id(), type: "service.completed", ticketId: "t1", outcome: "needs_materials", requestedMaterials: ["身份证复印件", "营业执照副本"] },
      { type: "service.completed", ticketId: "t1", windowId: "w1", outcome: "needs_materials", requestedMaterials: ["身份证复印件", "营业执照副本"] },
    );
    await expectEvent({ id: h.id(), type: "evaluation.submitted", ticketId: "t1", rating: 4, comment: "很好" }, { type: "evaluation.submitted", ticketId: "t1", windowId: "w1", rating: 4, comment: "很好" });
    await expectEvent({ id: h.id(), type: "call.next" }, { type: "ticket.called", ticketId: "t2", windowId: "w1" });
    await expectEvent({ id: h.id(), type: "ticket.no_show", ticketId: "t2" }, { type: "ticket.no_show", ticketId: "t2", windowId: "w1" });
    await expectEvent({ id: h.id(), type: "call.next" }, { type: "ticket.called", ticketId: "t3", windowId: "w1" });
    await expectEvent({ id: h.id(), type: "ticket.transferred", ticketId: "t3", toCategoryId: "estate" }, { type: "ticket.transferred", ticketId: "t3", fromWindowId: "w1", toCategoryId: "estate" });
    await expectEvent({ id: h.id(), type: "window.closed" }, { type: "window.closed", windowId: "w1" });
  });

  it("refuses an action naming another window as forbidden and stores nothing", async () => {
    const h = await freshHall();
    const c = await openConsole(h.staff.w1);
    for (const action of [
      { id: h.id(), type: "window.opened", windowId: "w2", staffId: "s1" },
      { id: h.id(), type: "window.closed", windowId: "w3" },
      { id: h.id(), type: "call.next", windowId: "w2" },
    ]) {
      expect(await act(c, action)).toMatchObject({ ok: false, error: { code: "forbidden", field: "windowId" } });
      expect(await stored(h.hallId, action.id)).toEqual([]);
    }
    const transfer = { id: h.id(), type: "ticket.transferred", fromWindowId: "w2", ticketId: "x", toCategoryId: "estate" };
    expect(await act(c, transfer)).toMatchObject({ ok: false, error: { code: "forbidden", field: "windowId" } });
    expect(await stored(h.hallId, transfer.id)).toEqual([]);
  });

  it("acknowledges a retried action (same id) as duplicate and stores it once", async () => {
    const h = await freshHall();
    const c = await openConsole(h.staff.w1);
    const open = { id: h.id(), type: "window.opened", staffId: "s-0101" };
    expect(await act(c, open)).toMatchObject({ ok: true, data: { status: "accepted" } });
    expect(await act(c, open)).toEqual({ ok: true, data: { id: open.id, status: "duplicate" } });
    const [a, b] = await Promise.all([act(c, { ...open, id: `${open.id}-x` }), act(c, { ...open, id: `${open.id}-x` })]);
    expect([a, b].map((x) => x.ok && x.data.status).sort()).toEqual(["accepted", "duplicate"]);
    expect(await stored(h.hallId, open.id)).toHaveLength(1);
    expect(await stored(h.hallId, `${open.id}-x`)).toHaveLength(1);
  });

  it("refuses invalid fields naming the field, stores nothing and quarantines the input", async () => {
    const h = await freshHall();
    await h.issue("v1", "social", 5);
    const c = await openConsole(h.staff.w1);
    await act(c, { id: h.id(), type: "window.opened", staffId: "s1" });
    await act(c, { id: h.id(), type: "call.next" });
    const cases: [Record<string, unknown>, string][] = [
      [{ id: h.id(), type: "evaluation.submitted", ticketId: "v1", rating: 9 }, "rating"],
      [{ id: h.id(), type: "ticket.transferred", ticketId: "v1", toCategoryId: "no-such-category" }, "toCategoryId"],
      [{ id: h.id(), type: "service.completed", ticketId: "v1", outcome: "maybe" }, "outcome"],
      [{ id: h.id(), type: "window.opened" }, "staffId"],
      [{ id: h.id(), type: "window.closed", ts: new Date().toISOString() }, "ts"],
      [{ id: h.id(), type: "call.next", extra: 1 }, "extra"],
      [{ id: h.id(), type: "ticket.flew" }, "type"],
      [{ id: "bad id!", type: "window.closed" }, "id"],
    ];
    for (const [action, field] of cases) {
      const ack = await act(c, action);
      expect(ack, JSON.stringify(action)).toMatchObject({ ok: false, error: { code: "bad_request", field } });
      if (!ack.ok) expect(ack.error.message.startsWith(`${field}: `)).toBe(true);
      expect(await stored(h.hallId, action.id as string)).toEqual([]);
    }
    expect(await quarantined(h.hallId, cases[0]?.[0].id as string)).toEqual([{ source: "staff", field: "rating" }]);
    expect(await quarantined(h.hallId, cases[1]?.[0].id as string)).toEqual([{ source: "staff", field: "toCategoryId" }]);
  });
});

describe("/staff acts only where it belongs", () => {
  it("refuses call.next at a window that is not open", async () => {
    const h = await freshHall();
    await h.issue("q1", "social", 5);
    const w1 = await openConsole(h.staff.w1);
    const closed = await act(w1, { id: h.id(), type: "call.next" });
    expect(closed).toMatchObject({ ok: false, error: { code: "bad_request", field: "windowId" } });
    expect((await act(w1, { id: h.id(), type: "window.opened", staffId: "s-1" })).ok).toBe(true);
    expect((await act(w1, { id: h.id(), type: "window.paused", reason: "午休" })).ok).toBe(true);
    expect(await act(w1, { id: h.id(), type: "call.next" })).toMatchObject({ ok: false, error: { field: "windowId" } });
    expect((await act(w1, { id: h.id(), type: "window.resumed" })).ok).toBe(true);
    const called = await act(w1, { id: h.id(), type: "call.next" });
    expect(called.ok && called.data.ticket?.ticketId).toBe("q1");
  });

  it("lets a console act only on tickets called to its own window; a transferred ticket is callable anywhere", async () => {
    const h = await freshHall();
    await h.issue("q2", "social", 5);
    const w1 = await openConsole(h.staff.w1);
    const w2 = await openConsole(h.staff.w2);
    // Not called yet: nobody may start or complete it.
    expect(await act(w1, { id: h.id(), type: "service.started", ticketId: "q2" })).toMatchObject({ ok: false, error: { code: "bad_request", field: "ticketId" } });
    for (const c of [w1, w2]) expect((await act(c, { id: h.id(), type: "window.opened", staffId: "s" })).ok).toBe(true);
    const call = await act(w1, { id: h.id(), type: "call.next" });
    expect(call.ok && call.data.ticket?.ticketId).toBe("q2");
    // At w1 now: w2 may not start, complete, mark no-show, rate or recall it.
    for (const action of [
      { type: "service.started", ticketId: "q2" },
      { type: "service.completed", ticketId: "q2", outcome: "done" },
      { type: "ticket.no_show", ticketId: "q2" },
      { type: "evaluation.submitted", ticketId: "q2", rating: 5 },
      { type: "ticket.called", ticketId: "q2" },
    ])
      expect(await act(w2, { id: h.id(), ...action })).toMatchObject({ ok: false, error: { code: "forbidden", field: "ticketId" } });
    const stored = async (type: string) =>
      (await db.one<{ n: number }>(`select count(*) as n from "Event" where "hallId" = ? and "ticketId" = 'q2' and "type" = ?`, [h.hallId, type]))?.n;
    expect(await stored("service.started")).toBe(0);
    // w1 may recall and start it; after w1 transfers it to "social" again, w2 may call it.
    expect((await act(w1, { id: h.id(), type: "ticket.called", ticketId: "q2" })).ok).toBe(true);
    expect((await act(w1, { id: h.id(), type: "ticket.transferred", ticketId: "q2", toCategoryId: "social" })).ok).toBe(true);
    expect((await act(w2, { id: h.id(), type: "ticket.called", ticketId: "q2" })).ok).toBe(true);
    expect((await act(w2, { id: h.id(), type: "service.started", ticketId: "q2" })).ok).toBe(true);
    expect(await stored("service.started")).toBe(1);
  });
});
