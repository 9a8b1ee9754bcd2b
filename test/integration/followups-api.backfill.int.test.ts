// A poor evaluation committed just before a crash, its case not yet written, gets its case when the server
// is back: the start opens the case of every poor evaluation of the last 120 days that has none, after the
// server is up (follow-up-service.ts `backfill`, read a day at a time), without touching the cases that
// exist — a case already moved keeps its state and none is opened twice.
import { describe, expect, it } from "vitest";
import { withLogDb } from "../helpers/log-db.js";
import { admin, byTicket, evaluation, eventually, list, MAIN, move, post, server, setUpFollowupsServer, tok } from "./followups-api-fixture.js";

setUpFollowupsServer();

describe("follow-up cases after a crash", () => {
  it("opens the missing case of a poor evaluation on start, once, and leaves the others as they were", async () => {
    const ts = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const lost = evaluation(MAIN, { ticketNo: "B001", windowId: "w1", rating: 1, ts: ts(90), itemCode: "SB-001" });
    const kept = evaluation(MAIN, { ticketNo: "B002", windowId: "w2", rating: 2, ts: ts(60) });
    expect(await post(MAIN, tok.device, [...lost, ...kept])).toEqual(Array(4).fill("accepted"));
    const before = await eventually(MAIN, (c) => c.length === 2, "two cases");
    const moved = await move(MAIN, byTicket(before, "B002").id, { to: "contacted", note: "已联系" });
    expect(moved.status).toBe(200);

    // The crash: B001's evaluation is in the log, its case never written.
    await server.stop();
    await withLogDb(server, (db) => db.run(`delete from "FollowUpCase" where "hallId" = ? and "ticketNo" = ?`, [MAIN, "B001"]), { write: true });
    await server.start();

    await eventually(MAIN, (c) => c.some((x) => x.ticketNo === "B001"), "B001's case again");
    await new Promise((r) => setTimeout(r, 300));
    const settled = (await list(MAIN, "", admin)).body.cases;
    expect(settled).toHaveLength(2);
    expect(byTicket(settled, "B001")).toMatchObject({ state: "open", rating: 1, windowId: "w1", itemCode: "SB-001", evaluatedAt: new Date(lost[1]!.ts).toISOString() });
    expect(byTicket(settled, "B002")).toMatchObject({ id: byTicket(before, "B002").id, state: "contacted" });

    // Another start finds nothing missing: still one case each.
    await server.restart();
    await new Promise((r) => setTimeout(r, 500));
    expect((await list(MAIN, "", admin)).body.cases.map((c) => c.ticketNo).sort()).toEqual(["B001", "B002"]);
  });
});
