// Connecting to /staff against the real server process (staff-socket-fixture.ts): who may connect (only a
// staff token; other roles forbidden, unknown or missing tokens unauthorized), a revoked token's console
// disconnected at once, and the console's view: pushed on connect, answered on `view`, and pushed again
// after every action (window state, current ticket, queue, today's figures).
import { describe, expect, it } from "vitest";
import type { Ack, StaffView } from "../../contract/index.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ACK_TIMEOUT_MS, act, admin, after, freshHall, openConsole, pushed, refusal, setUpStaffServer } from "./staff-socket-fixture.js";

setUpStaffServer();

describe("/staff handshake", () => {
  it("refuses tokens of other roles as forbidden, and unknown or missing tokens as unauthorized", async () => {
    const h = await freshHall();
    for (const role of ["display", "manager", "device", "admin"] as const) expect((await refusal(h.others[role].token)).code).toBe("forbidden");
    expect((await refusal("hp_not-a-real-token-000000000000000000000000000")).code).toBe("unauthorized");
    expect((await refusal(undefined)).code).toBe("unauthorized");
  });

  it("pushes the console's view of the token's window on connect (and answers `view`)", async () => {
    const h = await freshHall();
    await h.issue("q1", "social", 10);
    await h.issue("q2", "estate", 20);
    const c = await openConsole(h.staff.w1);
    const first = await pushed(c, () => true);
    expect(first).toMatchObject({
      hallId: h.hallId,
      windowId: "w1",
      window: { name: "1号窗口", department: "人社局", categories: ["social"], state: "closed" },
      currentTicket: null,
      queue: [{ categoryId: "social", waiting: 1, greenWaiting: 0 }],
      next: { ticketNo: "Q1", categoryId: "social", reason: "longest_wait" },
    });
    const asked = (await c.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("view")) as Ack<StaffView>;
    expect(asked.ok && asked.data.windowId).toBe("w1");
  });

  it("disconnects a console at once when its token is revoked", async () => {
    const hallId = `staff-hall-revoke`;
    expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const t = (await admin.createToken({ role: "staff", hallId, windowId: "w1" })).body;
    const c = await openConsole(t.token);
    const gone = new Promise<string>((r) => c.socket.once("disconnect", r));
    expect((await admin.request("DELETE", `/api/tokens/${t.id}`)).status).toBe(204);
    expect(await gone).toBe("io server disconnect");
    expect((await refusal(t.token)).code).toBe("unauthorized");
  });
});

describe("/staff pushed view", () => {
  it("follows the actions: state, the current ticket called → serving → gone, the queue and today's served", async () => {
    const h = await freshHall();
    const c = await openConsole(h.staff.w1);
    await pushed(c, (v) => v.window.state === "closed");
    await after(c, () => act(c, { id: h.id(), type: "window.opened", staffId: "s1" }), (v) => v.window.state === "open");
    const queued = await after(
      c,
      async () => {
        await h.issue("p1", "social", 4);
        await h.issue("p2", "social", 2, "green");
      },
      (v) => v.queue[0]?.waiting === 2,
    );
    expect(queued.queue[0]).toMatchObject({ categoryId: "social", waiting: 2, greenWaiting: 1 });
    expect(queued.next).toMatchObject({ ticketNo: "P2", reason: "green" });

    const called = await after(c, () => act(c, { id: h.id(), type: "call.next" }), (v) => v.currentTicket?.phase === "called");
    expect(called.currentTicket).toMatchObject({ ticketId: "p2", ticketNo: "P2", categoryId: "social", priority: "green", calls: 1 });
    expect(called.queue[0]).toMatchObject({ waiting: 1, greenWaiting: 0 });
    expect(called.next).toMatchObject({ ticketNo: "P1", reason: "longest_wait" });

    const recalled = await after(c, () => act(c, { id: h.id(), type: "ticket.called", ticketId: "p2" }), (v) => v.currentTicket?.calls === 2);
    expect(recalled.currentTicket?.phase).toBe("called");
    await after(c, () => act(c, { id: h.id(), type: "service.started", ticketId: "p2" }), (v) => v.currentTicket?.phase === "serving");
    const done = await after(c, () => act(c, { id: h.id(), type: "service.completed", ticketId: "p2", outcome: "done" }), (v) => v.currentTicket === null && v.today.served === 1);
    expect(done.today.avgHandleSeconds).not.toBeNull();
    const rated = await after(c, () => act(c, { id: h.id(), type: "evaluation.submitted", ticketId: "p2", rating: 5 }), (v) => v.today.ratingCount === 1);
    expect(rated.today.ratingAvg).toBe(5);
    await after(c, () => act(c, { id: h.id(), type: "window.paused", reason: "午休" }), (v) => v.window.state === "paused");
  });
});
