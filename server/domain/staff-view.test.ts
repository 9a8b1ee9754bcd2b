import { describe, expect, it } from "vitest";
import { startOfLocalDay, type HallEvent } from "../../contract/index.js";
import { computeStaffView } from "./staff-view.js";
import { at, ev, event, factsOf, hallConfig, HALL_ID, iso, MINUTE } from "./test-fixtures.js";

const hall = hallConfig();
const viewAt = (events: HallEvent[], windowId: string, now: number) =>
  computeStaffView(factsOf(events), hall, HALL_ID, windowId, now, startOfLocalDay(now, hall.timezone));

describe("computeStaffView", () => {
  it("shows a closed window with nothing at it, and the queue of its categories", () => {
    const v = viewAt([ev.issued(at(9), "t1", "c1"), ev.issued(at(9, 10), "t2", "c2")], "w1", at(9, 30));
    expect(v.window).toEqual({ name: "Window w1", department: "Dept", categories: ["c1"], state: "closed", stateSince: null });
    expect(v.currentTicket).toBeNull();
    expect(v.queue).toEqual([{ categoryId: "c1", waiting: 1, greenWaiting: 0, oldestWaitSeconds: 30 * 60 }]);
    expect(v.next).toEqual({ ticketNo: "T1", categoryId: "c1", priority: "normal", reason: "longest_wait", waitedSeconds: 30 * 60 });
    expect(v.today).toEqual({ served: 0, avgHandleSeconds: null, ratingAvg: null, ratingCount: 0 });
  });

  it("names the green channel as the reason when a green ticket is next", () => {
    const v = viewAt(
      [ev.opened(at(8), "w3"), ev.issued(at(9), "t1", "c1"), event("ticket.issued", at(9, 20), { ticketId: "g1", ticketNo: "G001", categoryId: "c2", channel: "kiosk", priority: "green" })],
      "w3",
      at(9, 30),
    );
    expect(v.next).toMatchObject({ ticketNo: "G001", reason: "green", categoryId: "c2", waitedSeconds: 10 * 60 });
    expect(v.queue).toEqual([
      { categoryId: "c1", waiting: 1, greenWaiting: 0, oldestWaitSeconds: 30 * 60 },
      { categoryId: "c2", waiting: 1, greenWaiting: 1, oldestWaitSeconds: 10 * 60 },
    ]);
  });

  it("follows the current ticket from called to serving to gone, counting recalls", () => {
    const base = [ev.opened(at(8), "w1"), ev.issued(at(9), "t1", "c1"), ev.called(at(9, 10), "t1", "w1"), ev.called(at(9, 11), "t1", "w1")];
    const called = viewAt(base, "w1", at(9, 12));
    expect(called.window.state).toBe("open");
    expect(called.currentTicket).toMatchObject({ ticketId: "t1", ticketNo: "T1", categoryId: "c1", phase: "called", since: iso(at(9, 11)), calls: 2, waitedSeconds: 600 });
    expect(called.queue[0]?.waiting).toBe(0);

    const serving = viewAt([...base, ev.started(at(9, 13), "t1", "w1")], "w1", at(9, 14));
    expect(serving.currentTicket).toMatchObject({ phase: "serving", since: iso(at(9, 13)), waitedSeconds: 600 });

    const done = [...base, ev.started(at(9, 13), "t1", "w1"), ev.completed(at(9, 23), "t1", "w1"), ev.evaluated(at(9, 24), "t1", "w1", 4)];
    const after = viewAt(done, "w1", at(9, 25));
    expect(after.currentTicket).toBeNull();
    expect(after.today).toEqual({ served: 1, avgHandleSeconds: 600, ratingAvg: 4, ratingCount: 1 });
  });

  it("shows a transferred-in ticket under its new category with its wait since the transfer", () => {
    const v = viewAt(
      [ev.opened(at(8), "w2"), ev.issued(at(9), "t1", "c1"), ev.called(at(9, 5), "t1", "w1"), ev.transferred(at(9, 10), "t1", "w1", "c2"), ev.called(at(9, 16), "t1", "w2")],
      "w2",
      at(9, 20),
    );
    expect(v.currentTicket).toMatchObject({ ticketId: "t1", categoryId: "c2", waitedSeconds: 6 * 60, calls: 1 });
  });

  it("counts only today's service (the hall's local day) in today's figures", () => {
    const yesterday = at(9) - 24 * 60 * MINUTE;
    const v = viewAt(
      [
        ev.opened(yesterday, "w1"),
        ev.started(yesterday + MINUTE, "y1", "w1"),
        ev.completed(yesterday + 5 * MINUTE, "y1", "w1"),
        ev.started(at(9), "t1", "w1"),
        ev.completed(at(9, 8), "t1", "w1"),
        ev.started(at(9, 10), "t2", "w1"),
        ev.completed(at(9, 14), "t2", "w1"),
      ],
      "w1",
      at(10),
    );
    expect(v.today.served).toBe(2);
    expect(v.today.avgHandleSeconds).toBe(6 * 60);
    expect(v.window).toMatchObject({ state: "open", stateSince: iso(yesterday) });
  });

  it("explains the next ticket: the green channel and what it jumped, the longest wait, a lone ticket, a transfer (issue #9)", () => {
    const green = event("ticket.issued", at(9, 20), { ticketId: "g1", ticketNo: "G001", categoryId: "c2", channel: "kiosk", priority: "green" });
    const v = viewAt([ev.opened(at(8), "w3"), ev.issued(at(9), "t1", "c1"), ev.issued(at(9, 25), "t2", "c2"), green], "w3", at(9, 30));
    expect(v.nextExplanation).toEqual({
      ticketNo: "G001",
      categoryId: "c2",
      priority: "green",
      rule: "green_channel",
      waitedSeconds: 10 * 60,
      queuedFrom: "issue",
      aheadOf: 2,
      overtook: 1,
      runnerUp: { ticketNo: "T1", priority: "normal", waitedSeconds: 30 * 60 },
    });
    // The explanation always names the ticket call.next would call.
    expect(v.nextExplanation?.ticketNo).toBe(v.next?.ticketNo);

    // An appointment has no precedence: the normal ticket that waited longer goes first.
    const appt = event("ticket.issued", at(9, 5), { ticketId: "a1", ticketNo: "Y001", categoryId: "c1", channel: "online", priority: "appointment" });
    const longest = viewAt([ev.issued(at(9), "t1", "c1"), appt], "w1", at(9, 23));
    expect(longest.nextExplanation).toMatchObject({ ticketNo: "T1", rule: "longest_wait", waitedSeconds: 23 * 60, aheadOf: 1, overtook: 0, runnerUp: { ticketNo: "Y001", priority: "appointment" } });

    const alone = viewAt([ev.opened(at(8), "w2"), ev.issued(at(9), "t1", "c1"), ev.called(at(9, 5), "t1", "w1"), ev.transferred(at(9, 10), "t1", "w1", "c2")], "w2", at(9, 20));
    expect(alone.nextExplanation).toMatchObject({ ticketNo: "T1", rule: "only_waiting", queuedFrom: "transfer", waitedSeconds: 10 * 60, aheadOf: 0, runnerUp: null });
    expect(viewAt([ev.opened(at(8), "w1")], "w1", at(9)).nextExplanation).toBeNull();
  });
});
