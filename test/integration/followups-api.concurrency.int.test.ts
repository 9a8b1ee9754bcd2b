// 好差评 follow-up cases moved by two people at once, over HTTP against the real server process: the same
// move sent together by two managers happens once; the other gets a 409 and leaves no trace in the history.
import { describe, expect, it } from "vitest";
import { admin, byTicket, evaluation, eventually, list, MAIN, move, post, setUpFollowupsServer, tok } from "./followups-api-fixture.js";

setUpFollowupsServer();

describe("two managers at once", () => {
  it("moves a case once: of the same move sent by two managers together, one succeeds and the other is a 409", async () => {
    await post(MAIN, tok.device, evaluation(MAIN, { ticketNo: "A005", windowId: "w3", rating: 2, ts: new Date(Date.now() - 2 * 60_000).toISOString() }));
    const a5 = byTicket(await eventually(MAIN, (c) => c.some((x) => x.ticketNo === "A005"), "the case of A005"), "A005");
    const other = admin.as(tok.hallAdmin);
    const results = await Promise.all([move(MAIN, a5.id, { to: "contacted", note: "甲" }), move(MAIN, a5.id, { to: "contacted", note: "乙" }, other)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.status === 409)!;
    expect(loser.body.error).toMatchObject({ code: "conflict", field: "to" });
    const now = byTicket((await list(MAIN)).body.cases, "A005");
    expect(now.state).toBe("contacted");
    expect(now.history.map((h) => h.state)).toEqual(["open", "contacted"]);
    expect(now.history[1]!.note).toBe(results.find((r) => r.status === 200)!.body.history[1]!.note);
  });
});
