// 好差评 follow-up cases over HTTP from opening to closing, against the real server process: every poor
// evaluation (rating ≤ 2) opens one case (a rating of 3 none, the same event twice one), its deadline counted
// in working days on the official calendar (15 by default, the hall's `followUp.deadlineWorkingDays`
// otherwise), the state machine (illegal moves 409, a note with a phone or ID number 400), overdue cases (in
// the list, under ?overdue=true and as `view.consistency.overdueFollowUps` on the wall feed), the report's
// shares, and who may see and move cases. The tests build on each other's cases (A001…A004 in one hall), so
// they stay in this one file, in this order.
import { describe, expect, it } from "vitest";
import { localDate, type ErrorBody } from "../../contract/index.js";
import type { Api } from "../helpers/api.js";
import { connectDisplay } from "../helpers/display-client.js";
import { admin, byTicket, displays, evaluation, eventually, FIVE, list, MAIN, move, OTHER, post, report, server, setUpFollowupsServer, SIXTY, tok } from "./followups-api-fixture.js";

setUpFollowupsServer();

const TZ = "Asia/Shanghai";

/**
 * 15 working days after Wednesday 2026-09-30 on the official 2026 calendar (chinese-days 2026.json:
 * holidays 10-01…10-07, make-up working day Saturday 10-10): 10-08 (1), 10-09 (2), 10-10 (3), 10-12 (4),
 * 10-13 (5), 10-14 (6), 10-15 (7), 10-16 (8), 10-19 (9), 10-20 (10), 10-21 (11), 10-22 (12), 10-23 (13),
 * 10-26 (14), 10-27 (15). Five working days: 10-13.
 */
const SEPT_30 = "2026-09-30T10:00:00+08:00";
const DEADLINE_15 = "2026-10-27";
const DEADLINE_5 = "2026-10-13";

describe("cases opened by poor evaluations", () => {
  it("opens one case for a rating of 1 and one for 2, none for 3, and one only for an event sent twice", async () => {
    const old = evaluation(MAIN, { ticketNo: "A001", windowId: "w1", rating: 1, ts: SEPT_30, itemCode: "SB-001" });
    const recentTs = new Date(Date.now() - 60 * 60_000).toISOString();
    const recent = evaluation(MAIN, { ticketNo: "A002", windowId: "w2", rating: 2, ts: recentTs });
    const fine = evaluation(MAIN, { ticketNo: "A003", windowId: "w1", rating: 3, ts: recentTs });
    expect(await post(MAIN, tok.device, [...fine, ...old, ...recent])).toEqual(Array(6).fill("accepted"));
    // The same evaluation again (its ticket too): a duplicate, no second case.
    expect(await post(MAIN, tok.device, [old[1]])).toEqual(["duplicate"]);

    const cases = await eventually(MAIN, (c) => c.length >= 2, "two cases");
    await new Promise((r) => setTimeout(r, 300));
    const settled = (await list(MAIN, "", admin)).body.cases;
    expect(settled.map((c) => c.ticketNo).sort()).toEqual(["A001", "A002"]);
    expect(settled).toHaveLength(cases.length);

    const a1 = byTicket(settled, "A001");
    expect(a1).toMatchObject({
      hallId: MAIN,
      ticketId: old[0]!.ticketId,
      ticketNo: "A001",
      windowId: "w1",
      itemCode: "SB-001",
      rating: 1,
      evaluatedAt: new Date(Date.parse(SEPT_30)).toISOString(),
      deadline: DEADLINE_15,
      provisional: false,
      state: "open",
      overdue: true,
    });
    expect(a1.history).toHaveLength(1);
    expect(a1.history[0]).toMatchObject({ state: "open", note: null, by: null });
    expect(Number.isNaN(Date.parse(a1.history[0]!.at))).toBe(false);

    const a2 = byTicket(settled, "A002");
    expect(a2).toMatchObject({ windowId: "w2", itemCode: null, rating: 2, state: "open", overdue: false, provisional: false });
    expect(a2.deadline > localDate(Date.parse(recentTs), TZ)).toBe(true);
  });

  it("counts the deadline on the hall's own number of working days, from the hall-local date", async () => {
    await post(FIVE, tok.fiveDevice, evaluation(FIVE, { ticketNo: "B001", windowId: "w3", rating: 1, ts: SEPT_30 }));
    // 00:30 on Tuesday 09-29 in the hall is still 09-28 in UTC: five working days after 09-29 are 09-30,
    // 10-08, 10-09, 10-10 (make-up day), 10-12 → 10-12 (counted from the UTC date it would be 10-10).
    await post(FIVE, tok.fiveDevice, evaluation(FIVE, { ticketNo: "B002", windowId: "w1", rating: 2, ts: "2026-09-29T00:30:00+08:00" }));
    const cases = await eventually(FIVE, (c) => c.length === 2, "two cases in the five-day hall");
    expect(byTicket(cases, "B001")).toMatchObject({ deadline: DEADLINE_5, provisional: false, overdue: true, windowId: "w3" });
    expect(byTicket(cases, "B002")).toMatchObject({ deadline: "2026-10-12", provisional: false, overdue: true, windowId: "w1" });
  });

  it("marks a deadline provisional when it reaches a year without official holiday data", async () => {
    // 60 working days from late 2026 end in 2027, for which chinese-days has no data yet.
    await post(SIXTY, tok.sixtyDevice, evaluation(SIXTY, { ticketNo: "C001", windowId: "w1", rating: 2, ts: new Date(Date.now() - 60_000).toISOString() }));
    const [c] = await eventually(SIXTY, (cases) => cases.length === 1, "a case in the sixty-day hall");
    expect(c!.deadline > "2026-12-31").toBe(true);
    expect(c!.provisional).toBe(true);
    expect(c!.overdue).toBe(false);
  });
});

describe("overdue cases", () => {
  it("lists an old open case as overdue, filters on it, and counts it on the wall", async () => {
    const overdue = await list(MAIN, "?overdue=true");
    expect(overdue.status).toBe(200);
    expect(overdue.body.cases.map((c) => c.ticketNo)).toEqual(["A001"]);
    const wall = await connectDisplay({ url: server.url, token: tok.display, hallId: MAIN });
    displays.push(wall);
    expect(wall.view?.consistency?.overdueFollowUps).toBe(1);
  });
});

describe("moving a case", () => {
  it("follows the state machine: the main line to reviewed; an illegal move is a 409 conflict on `to`", async () => {
    const cases = (await list(MAIN)).body.cases;
    const a2 = byTicket(cases, "A002");
    const skip = await move(MAIN, a2.id, { to: "reviewed" });
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatchObject({ code: "conflict", field: "to" });

    const contacted = await move(MAIN, a2.id, { to: "contacted", note: "已电话联系评价人，说明了材料要求" });
    expect(contacted.status, JSON.stringify(contacted.body)).toBe(200);
    expect(contacted.body.state).toBe("contacted");
    expect(contacted.body.history.map((h) => h.state)).toEqual(["open", "contacted"]);
    expect(contacted.body.history[1]).toMatchObject({ note: "已电话联系评价人，说明了材料要求" });
    expect(typeof contacted.body.history[1]!.by).toBe("string");
    // Moving back or moving twice to the same state is not a move the machine allows.
    expect((await move(MAIN, a2.id, { to: "open" })).status).toBe(409);
    expect((await move(MAIN, a2.id, { to: "contacted" })).status).toBe(409);

    expect((await move(MAIN, a2.id, { to: "rectified" })).body.state).toBe("rectified");
    const reviewed = await move(MAIN, a2.id, { to: "reviewed", note: "回访满意" }, admin.as(tok.hallAdmin));
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ state: "reviewed", overdue: false });
    expect(reviewed.body.history.map((h) => [h.state, h.note])).toEqual([
      ["open", null],
      ["contacted", "已电话联系评价人，说明了材料要求"],
      ["rectified", null],
      ["reviewed", "回访满意"],
    ]);
    // Closed: nothing more, not even an appeal.
    const after = await move(MAIN, a2.id, { to: "appealed" });
    expect(after.status).toBe(409);
    expect(after.body.error.code).toBe("conflict");
    expect(byTicket((await list(MAIN)).body.cases, "A002").state).toBe("reviewed");
  });

  it("refuses a note with a phone or ID number (400 on `note`) and leaves the case as it was", async () => {
    const a1 = byTicket((await list(MAIN)).body.cases, "A001");
    for (const note of ["已联系 13912345678", "身份证110101199003071234"]) {
      const res = await move(MAIN, a1.id, { to: "contacted", note });
      expect(res.status, note).toBe(400);
      expect(res.body.error).toMatchObject({ code: "bad_request", field: "note" });
    }
    const unknown = await move(MAIN, a1.id, { to: "closed" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.field).toBe("to");
    expect((await move(MAIN, 999_999, { to: "contacted" })).status).toBe(404);
    const still = byTicket((await list(MAIN)).body.cases, "A001");
    expect(still.state).toBe("open");
    expect(still.history).toHaveLength(1);
    expect(JSON.stringify(still)).not.toContain("13912345678");
  });

  it("decides an appeal; a closed overdue case stops counting on the wall", async () => {
    const wall = displays[0]!;
    const a1 = byTicket((await list(MAIN)).body.cases, "A001");
    expect((await move(MAIN, a1.id, { to: "appealed", note: "评价人误操作" })).body.state).toBe("appealed");
    expect((await move(MAIN, a1.id, { to: "reviewed" })).status).toBe(409);
    const upheld = await move(MAIN, a1.id, { to: "upheld" });
    expect(upheld.body).toMatchObject({ state: "upheld", overdue: false });
    expect((await list(MAIN, "?overdue=true")).body.cases).toEqual([]);
    await wall.waitFor((c) => c.view?.consistency?.overdueFollowUps === 0, 5000, "the overdue count back to 0");
  });
});

describe("filters and report", () => {
  it("filters by state and window; an unknown state is a 400", async () => {
    const recent = evaluation(MAIN, { ticketNo: "A004", windowId: "w1", rating: 1, ts: new Date(Date.now() - 5 * 60_000).toISOString() });
    await post(MAIN, tok.device, recent);
    await eventually(MAIN, (c) => c.some((x) => x.ticketNo === "A004"), "the case of A004");
    expect((await list(MAIN, "?state=open")).body.cases.map((c) => c.ticketNo)).toEqual(["A004"]);
    expect((await list(MAIN, "?state=reviewed")).body.cases.map((c) => c.ticketNo)).toEqual(["A002"]);
    expect((await list(MAIN, "?windowId=w1")).body.cases.map((c) => c.ticketNo).sort()).toEqual(["A001", "A004"]);
    expect((await list(MAIN, "?windowId=w1&state=upheld")).body.cases.map((c) => c.ticketNo)).toEqual(["A001"]);
    const bad = await list(MAIN, "?state=closed");
    expect(bad.status).toBe(400);
    expect((bad.body as unknown as ErrorBody).error.field).toBe("state");
  });

  it("reports the followed-up and on-time shares per month of the evaluation and per window", async () => {
    const res = await report(MAIN);
    expect(res.status).toBe(200);
    const month = (iso: string) => localDate(Date.parse(iso), TZ).slice(0, 7);
    const cases = (await list(MAIN)).body.cases;
    const recentMonth = month(byTicket(cases, "A002").evaluatedAt);
    // A001 (2026-09, w1): closed (appeal upheld) today, after its deadline → followed up, not on time.
    // A002 (w2): reviewed today, well before its deadline → followed up, on time. A004 (w1): still open.
    const sep = res.body.byMonth.find((r) => r.key === "2026-09");
    expect(sep).toEqual({ key: "2026-09", poor: 1, followedUp: 1, onTime: 0, followedUpShare: 1, onTimeShare: 0 });
    const recentRows = res.body.byMonth.filter((r) => r.key !== "2026-09");
    const poor = recentRows.reduce((s, r) => s + r.poor, 0);
    expect(poor).toBe(2);
    if (recentRows.length === 1) expect(recentRows[0]).toEqual({ key: recentMonth, poor: 2, followedUp: 1, onTime: 1, followedUpShare: 0.5, onTimeShare: 0.5 });
    expect(res.body.byMonth.map((r) => r.key)).toEqual([...res.body.byMonth.map((r) => r.key)].sort());
    expect(res.body.byWindow).toEqual([
      { key: "w1", poor: 2, followedUp: 1, onTime: 0, followedUpShare: 0.5, onTimeShare: 0 },
      { key: "w2", poor: 1, followedUp: 1, onTime: 1, followedUpShare: 1, onTimeShare: 1 },
    ]);
    const five = await report(FIVE, admin);
    expect(five.body.byMonth).toEqual([{ key: "2026-09", poor: 2, followedUp: 0, onTime: 0, followedUpShare: 0, onTimeShare: 0 }]);
    const empty = await report(OTHER, admin);
    expect(empty.body).toEqual({ byMonth: [], byWindow: [] });
  });
});

describe("who may see and move cases", () => {
  it("lets admins and the hall's managers in; refuses staff, display, device, another hall's manager and no token", async () => {
    const a4 = byTicket((await list(MAIN)).body.cases, "A004");
    const routes = [
      (api: Api) => list(MAIN, "", api),
      (api: Api) => report(MAIN, api),
      (api: Api) => move(MAIN, a4.id, { to: "appealed" }, api),
    ];
    for (const [name, token, status] of [
      ["staff", tok.staff, 403],
      ["display", tok.display, 403],
      ["device", tok.device, 403],
      ["other hall's manager", tok.otherManager, 403],
      ["none", null, 401],
    ] as const) {
      for (const [i, call] of routes.entries()) {
        const res = await call(admin.as(token));
        expect(res.status, `${name} on route ${i}`).toBe(status);
        expect((res.body as unknown as ErrorBody).error.code, `${name} on route ${i}`).toBe(status === 401 ? "unauthorized" : "forbidden");
      }
    }
    expect(byTicket((await list(MAIN)).body.cases, "A004").state).toBe("open");
    for (const token of [server.adminToken, tok.hallAdmin, tok.manager]) {
      expect((await list(MAIN, "", admin.as(token))).status).toBe(200);
      expect((await report(MAIN, admin.as(token))).status).toBe(200);
    }
    // A manager works the cases (not read-only); so does an admin.
    expect((await move(MAIN, a4.id, { to: "contacted" }, admin.as(tok.manager))).status).toBe(200);
    expect((await move(MAIN, a4.id, { to: "rectified" }, admin.as(tok.hallAdmin))).status).toBe(200);
    expect((await move(MAIN, a4.id, { to: "appealed" }, admin)).status).toBe(200);
    // Another hall's manager cannot reach this hall's case through their own hall either.
    expect((await move(OTHER, a4.id, { to: "upheld" }, admin.as(tok.otherManager))).status).toBe(404);
  });
});
