// The /display feed across broken connections against the real server process, its real storage and real
// socket.io clients: catch-up by lastSeq without repeats, resync, a restart with increasing seq, and token
// revocation disconnecting at once. The handshake and live updates are in display-feed.updates.int.test.ts.
import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import type { LoadView } from "../../contract/index.js";
import { DisplayClient } from "../helpers/display-client.js";
import { stableFigures as stable } from "../helpers/stable-figures.js";
import { admin, cat, display, displayOpts, expectConsistent, f, HALL, ingest, ingestSocket, liveLoad, server, setUpDisplayFeed, track, watcher, win } from "./display-feed-fixture.js";

setUpDisplayFeed();

describe("/display catch-up", () => {
  it("sends a reconnecting client only the updates it missed (or a snapshot), never one twice", async () => {
    const socket = await ingestSocket();
    const c = await display();
    const lastSeq = c.seq as number;
    c.disconnect();
    await c.waitFor((x) => !x.connected, 2000, "disconnected");

    // While it is away: three tickets, each in its own update (the watcher sees each one arrive).
    const waitingBefore = cat(c.view, "social")?.waitingNow as number;
    for (let i = 1; i <= 3; i++) {
      await ingest(socket, [f.make(18 + i / 100, { type: "ticket.issued", ticketId: `tk-d${i}`, ticketNo: `D00${i}`, categoryId: "social", channel: "kiosk" })]);
      await watcher.waitFor((x) => cat(x.view, "social")?.waitingNow === waitingBefore + i, 2000, `watcher sees ${i} waiting`);
    }
    const missedTarget = watcher.seq as number;
    expect(missedTarget).toBeGreaterThan(lastSeq);

    c.reconnect();
    await c.waitFor((x) => x.connections === 2 && (x.seq as number) >= missedTarget, 3000, "caught up");
    const after = c.received.filter((m) => m.connection === 2);
    expect(after.length).toBeGreaterThan(0);
    const updates = after.filter((m) => m.kind === "update");
    expect(updates.filter((u) => u.message.seq <= lastSeq).map((u) => u.message.seq), "updates at or below lastSeq").toEqual([]);
    if (after[0]?.kind === "update") {
      // Only the missed updates: the first follows lastSeq, each follows the one before.
      expect(after[0].message.baseSeq).toBe(lastSeq);
      updates.slice(1).forEach((u, i) => expect(u.message.baseSeq).toBe((updates[i] as { message: { seq: number } }).message.seq));
    } else {
      expect(after[0]?.kind).toBe("snapshot");
    }
    expect(after.every((m) => m.outcome === "applied")).toBe(true);
    expect(c.duplicatesApplied).toBe(0);
    expect(c.viewAt(missedTarget)).toEqual(watcher.viewAt(missedTarget));
    expect(cat(c.view, "social")?.waitingNow).toBe(cat(watcher.view, "social")?.waitingNow);

    // Reconnecting again with nothing missed sends nothing old either.
    const heldSeq = c.seq as number;
    c.disconnect();
    await c.waitFor((x) => !x.connected, 2000, "disconnected");
    c.reconnect();
    await c.waitFor((x) => x.connections === 3, 3000, "connected again");
    await new Promise((r) => setTimeout(r, 300));
    const third = c.received.filter((m) => m.connection === 3);
    expect(third.filter((m) => m.kind === "update" && m.message.seq <= heldSeq)).toEqual([]);
    expect(third.filter((m) => m.kind === "snapshot" && m.message.seq < heldSeq)).toEqual([]);
    expect(c.duplicatesApplied).toBe(0);
    await expectConsistent(c);
    c.close();
  });

  it("answers resync with the missed updates or a snapshot and acks the seq", async () => {
    const socket = await ingestSocket();
    const c = await display();
    const s0 = c.seq as number;
    const estate0 = cat(c.view, "estate")?.arrivals as number;
    await ingest(socket, [f.make(19, { type: "ticket.issued", ticketId: "tk-e1", ticketNo: "E001", categoryId: "estate", channel: "kiosk" })]);
    await c.waitFor((x) => cat(x.view, "estate")?.arrivals === estate0 + 1, 2000, "the first update");
    await ingest(socket, [f.make(19.5, { type: "ticket.issued", ticketId: "tk-e2", ticketNo: "E002", categoryId: "estate", channel: "kiosk" })]);
    await c.waitFor((x) => cat(x.view, "estate")?.arrivals === estate0 + 2, 2000, "the second update");

    // From an earlier seq: the updates after it, chained from s0, ending at the acked seq.
    const mark = c.received.length;
    const heldAtMark = c.seq as number;
    const ack = await c.resync(s0);
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data.seq).toBeGreaterThanOrEqual(heldAtMark);
    await c.waitFor((x) => (x.seq as number) >= ack.data.seq, 2000, "the acked seq");
    const after = c.received.slice(mark);
    const snapshotReply = after.find((m) => m.kind === "snapshot");
    if (snapshotReply) expect(snapshotReply.message.seq).toBe(ack.data.seq);
    else {
      // Replayed: the updates up to what the client already held (a heartbeat may add newer ones).
      const replayed = after.filter((m) => m.message.seq <= heldAtMark);
      expect(replayed.length).toBeGreaterThanOrEqual(2);
      expect(replayed[0]?.kind === "update" && replayed[0].message.baseSeq).toBe(s0);
      replayed.slice(1).forEach((m, i) => expect(m.kind === "update" && m.message.baseSeq).toBe((replayed[i] as { message: { seq: number } }).message.seq));
      expect(replayed.at(-1)?.message.seq).toBe(heldAtMark);
      // The client had applied them already: ignored, never applied twice.
      expect(replayed.map((m) => m.outcome)).toEqual(replayed.map(() => "stale"));
      expect(after.filter((m) => m.message.seq > heldAtMark).every((m) => m.outcome === "applied")).toBe(true);
    }
    expect(c.duplicatesApplied).toBe(0);

    // With null: a snapshot whose seq is the acked one.
    const mark2 = c.received.length;
    const ack2 = await c.resync(null);
    expect(ack2.ok).toBe(true);
    if (!ack2.ok) return;
    await c.waitFor((x) => x.received.slice(mark2).some((m) => m.kind === "snapshot"), 2000, "a snapshot");
    const snap = c.received.slice(mark2).find((m) => m.kind === "snapshot");
    expect(snap?.message.seq).toBe(ack2.data.seq);
    expect(snap?.message.view).toEqual(c.viewAt(ack2.data.seq));

    // With the held seq: nothing to send, the ack names that seq (or a newer one when a heartbeat came).
    const held = c.seq as number;
    const mark3 = c.received.length;
    const ack3 = await c.resync(held);
    expect(ack3).toMatchObject({ ok: true });
    if (ack3.ok) expect(ack3.data.seq).toBeGreaterThanOrEqual(held);
    expect(c.received.slice(mark3).filter((m) => m.message.seq <= held)).toEqual([]);
    c.close();
  });

  it("after a restart, a client with its old lastSeq gets a fresh snapshot with a greater seq and the same figures", async () => {
    const c = await display({ reconnection: true });
    // Let everything settle so that the held view holds every event.
    await expectConsistent(c);
    const oldSeq = c.seq as number;
    const before = stable(c.view as LoadView);
    const loadBefore = stable(await liveLoad());
    expect(before).toEqual(loadBefore);
    const watcherBefore = watcher.seq as number;

    await server.restart();

    await c.waitFor((x) => x.connections === 2 && x.snapshots.some((s) => s.connection === 2), 10_000, "a snapshot after the restart");
    const after = c.received.filter((m) => m.connection === 2);
    expect(after[0]?.kind).toBe("snapshot");
    expect(after.filter((m) => m.kind === "update" && m.message.seq <= oldSeq)).toEqual([]);
    const snap = after[0]?.message as { seq: number; view: LoadView };
    expect(snap.seq).toBeGreaterThan(oldSeq);
    expect(stable(snap.view)).toEqual(before);
    expect(stable(await liveLoad())).toEqual(loadBefore);

    // The watcher came back the same way, and the feed goes on from the new seq.
    await watcher.waitFor((x) => x.connections >= 2 && (x.seq as number) > watcherBefore, 10_000, "watcher back");
    const socket = await ingestSocket();
    const held = c.seq as number;
    await ingest(socket, [f.make(20, { type: "window.opened", windowId: "w2", staffId: "staff-2" })]);
    await c.waitFor((x) => win(x.view, "w2")?.state === "open", 1500, "w2 open");
    const u = c.updates.find((m) => m.message.view.windows?.some((w) => w.windowId === "w2" && w.state === "open"));
    expect(u?.message.seq).toBeGreaterThan(held);
    expect(c.gaps).toBe(0);
    expect(c.duplicatesApplied).toBe(0);
    await expectConsistent(c);
    await expectConsistent(watcher);
    c.close();
  });
});

describe("/display token revocation", () => {
  it("disconnects a display at once when its token is revoked and refuses it afterwards", async () => {
    const created = await admin.createToken({ role: "display", hallId: HALL });
    expect(created.status).toBe(201);
    const c = await display({ token: created.body.token, reconnection: true });
    expect(c.connected).toBe(true);

    const revokedAt = performance.now();
    const del = await admin.request("DELETE", `/api/tokens/${created.body.id}`);
    expect(del.status).toBe(204);
    await c.waitFor((x) => x.disconnects.length > 0, 1000, "a disconnect");
    expect(c.disconnects[0]?.reason).toBe("io server disconnect");
    expect((c.disconnects[0]?.at as number) - revokedAt).toBeLessThan(1000);

    const since = performance.now();
    c.reconnect();
    const refused = await c.refusal(3000, since);
    expect(refused.code).toBe("unauthorized");
    expect(c.connected).toBe(false);

    const fresh = track(new DisplayClient(displayOpts({ token: created.body.token })));
    const r = await fresh.refusal(3000);
    expect(r.code).toBe("unauthorized");

    // Other displays of the hall are untouched.
    expect(watcher.connected).toBe(true);
    await expectConsistent(watcher);
  });
});
