// `event` and `events` on /ingest against the real server process and its storage (ingest-socket-fixture.ts):
// acks with the same statuses as HTTP (accepted, duplicate, rejected naming the field), the ack only after
// the commit, batch order and limits, and many events in flight from several sockets, each counted once.
import { describe, expect, it } from "vitest";
import type { Ack, HallEvent, IngestResult } from "../../contract/index.js";
import { EventFactory } from "../helpers/hall-fixture.js";
import {
  ACK_TIMEOUT_MS,
  admin,
  arrivals,
  base,
  freshHall,
  issued,
  liveLoad,
  openIngest,
  rowsOf,
  rowsWithPrefix,
  sendMany,
  sendOne,
  server,
  setUpIngestServer,
} from "./ingest-socket-fixture.js";

setUpIngestServer();

describe("/ingest event and events", () => {
  it("acks `event` as accepted only after the commit, and a repeated id as duplicate, counted once", async () => {
    const hallId = "ing-single";
    await freshHall(hallId);
    const socket = await openIngest({ token: server.adminToken, hallId });
    const f = new EventFactory(hallId, base, "single-");

    const e1 = issued(f, 3, "T-s1");
    let rowsAtAck: Promise<number> = Promise.resolve(-1);
    const first = await new Promise<Ack<IngestResult>>((resolve) => {
      socket.timeout(ACK_TIMEOUT_MS).emit("event", e1, (err: Error | null, reply: Ack<IngestResult>) => {
        // Read the storage in the ack callback itself (the query leaves now): the row must already be committed.
        rowsAtAck = rowsOf(hallId, e1.id);
        resolve(err ? { ok: false, error: { code: "internal", message: err.message } } : reply);
      });
    });
    expect(first).toEqual({ ok: true, data: { id: "single-1", status: "accepted" } });
    expect(await rowsAtAck).toBe(1);

    const again = await sendOne(socket, e1);
    expect(again).toEqual({ ok: true, data: { id: "single-1", status: "duplicate" } });
    // The same id with other content is still the same event: a duplicate, never a second row.
    const altered = await sendOne(socket, { ...e1, ticketId: "T-s1-other", ticketNo: "S1X" });
    expect(altered).toEqual({ ok: true, data: { id: "single-1", status: "duplicate" } });
    expect(await rowsOf(hallId, "single-1")).toBe(1);

    const e2 = issued(f, 4, "T-s2", "estate");
    expect(await sendOne(socket, e2)).toEqual({ ok: true, data: { id: "single-2", status: "accepted" } });
    const view = await liveLoad(hallId);
    expect(arrivals(view, "social")).toBe(1);
    expect(arrivals(view, "estate")).toBe(1);
  });

  it("rejects invalid input naming the field, exactly as HTTP does, and stores nothing of it", async () => {
    const hallId = "ing-invalid";
    await freshHall(hallId);
    const socket = await openIngest({ token: server.adminToken, hallId });
    const f = new EventFactory(hallId, base, "bad-");
    const valid = issued(f, 5, "T-b1");

    const cases: { input: unknown; id: string | null; field: string; error: string | RegExp }[] = [
      { input: { ...valid, id: "bad-ts", ts: "2026-02-30T10:00:00Z" }, id: "bad-ts", field: "ts", error: "ts: invalid ISO-8601 timestamp" },
      { input: { ...valid, id: "bad-ts2", ts: "yesterday" }, id: "bad-ts2", field: "ts", error: "ts: invalid ISO-8601 timestamp" },
      { input: { ...valid, id: "bad-future", ts: new Date(Date.now() + 60 * 60_000).toISOString() }, id: "bad-future", field: "ts", error: /^ts: .*future/ },
      { input: { ...valid, id: "bad-cat", categoryId: "nope" }, id: "bad-cat", field: "categoryId", error: /^categoryId: .*nope/ },
      { input: { ...valid, id: "bad-hall", hallId: "elsewhere" }, id: "bad-hall", field: "hallId", error: /^hallId: / },
      { input: { ...valid, id: "bad-extra", extra: 1 }, id: "bad-extra", field: "extra", error: "extra: unknown field" },
      { input: { ...valid, id: "bad-type", type: "ticket.teleported" }, id: "bad-type", field: "type", error: /^type: / },
      { input: { id: "bad-window", hallId, ts: f.at(6), type: "window.opened", windowId: "w9", staffId: "s1" }, id: "bad-window", field: "windowId", error: /^windowId: .*w9/ },
      { input: "not an event", id: null, field: "event", error: /^event: / },
    ];

    for (const c of cases) {
      const ack = await sendOne(socket, c.input);
      expect(ack.ok, JSON.stringify(c.input)).toBe(true);
      if (!ack.ok) continue;
      expect(ack.data.status, JSON.stringify(c.input)).toBe("rejected");
      expect(ack.data.id).toBe(c.id);
      expect(ack.data.field).toBe(c.field);
      if (typeof c.error === "string") expect(ack.data.error).toBe(c.error);
      else expect(ack.data.error).toMatch(c.error);
      if (c.id !== null) expect(await rowsOf(hallId, c.id)).toBe(0);
    }

    // The same inputs over HTTP give the same answers.
    const http = await admin.postEvents(hallId, cases.map((c) => c.input));
    expect(http.status).toBe(200);
    const overSocket = await sendMany(socket, cases.map((c) => c.input));
    expect(overSocket.ok).toBe(true);
    if (overSocket.ok) expect(overSocket.data.results).toEqual(http.body.results);
    expect(http.body.results.map((r) => r.status)).toEqual(cases.map(() => "rejected"));

    // Nothing of it counts in the figures.
    const view = await liveLoad(hallId);
    expect(arrivals(view, "social")).toBe(0);
  });

  it("answers `events` in input order with accepted, duplicate and rejected", async () => {
    const hallId = "ing-batch";
    await freshHall(hallId);
    const socket = await openIngest({ token: server.adminToken, hallId });
    const f = new EventFactory(hallId, base, "batch-");
    const a = issued(f, 1, "T-a"); // batch-1
    const b = issued(f, 2, "T-b", "estate"); // batch-2
    const c = issued(f, 3, "T-c"); // batch-3
    expect(await sendOne(socket, a)).toEqual({ ok: true, data: { id: "batch-1", status: "accepted" } });

    const reply = await sendMany(socket, [b, a, { ...c, ts: "nope" }, c, b, c]);
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.data.results.map((r) => [r.id, r.status])).toEqual([
      ["batch-2", "accepted"],
      ["batch-1", "duplicate"],
      ["batch-3", "rejected"],
      ["batch-3", "accepted"],
      ["batch-2", "duplicate"],
      ["batch-3", "duplicate"],
    ]);
    expect(reply.data.results[2]).toMatchObject({ error: "ts: invalid ISO-8601 timestamp", field: "ts" });
    for (const id of ["batch-1", "batch-2", "batch-3"]) expect(await rowsOf(hallId, id)).toBe(1);

    const view = await liveLoad(hallId);
    expect(arrivals(view, "social")).toBe(2);
    expect(arrivals(view, "estate")).toBe(1);

    // An empty batch is a valid batch with no results.
    expect(await sendMany(socket, [])).toEqual({ ok: true, data: { results: [] } });
  });

  it("refuses a non-array or a batch of more than 500 events as bad_request, storing none of it", async () => {
    const hallId = "ing-limits";
    await freshHall(hallId);
    const socket = await openIngest({ token: server.adminToken, hallId });

    for (const notArray of [{ 0: "x" }, "events", 42, null]) {
      const reply = await sendMany(socket, notArray);
      expect(reply.ok, JSON.stringify(notArray)).toBe(false);
      if (!reply.ok) {
        expect(reply.error.code).toBe("bad_request");
        expect(reply.error.message.length).toBeGreaterThan(0);
      }
    }

    const tooMany = new EventFactory(hallId, base, "over-");
    const over = Array.from({ length: 501 }, (_, i) => issued(tooMany, 1 + i / 1000, `T-o${i}`));
    const refused = await sendMany(socket, over);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe("bad_request");
      expect(refused.error.message).toMatch(/500/);
    }
    expect(await rowsWithPrefix(hallId, "over-")).toBe(0);

    const atLimit = new EventFactory(hallId, base, "max-");
    const max = Array.from({ length: 500 }, (_, i) => issued(atLimit, 1 + i / 1000, `T-m${i}`));
    const ok = await sendMany(socket, max);
    expect(ok.ok).toBe(true);
    if (ok.ok) {
      expect(ok.data.results).toHaveLength(500);
      expect(ok.data.results.every((r, i) => r.status === "accepted" && r.id === `max-${i + 1}`)).toBe(true);
    }
    expect(await rowsWithPrefix(hallId, "max-")).toBe(500);
    expect(arrivals(await liveLoad(hallId), "social")).toBe(500);

    // The socket is still usable after a refused batch.
    expect(socket.connected).toBe(true);
  });

  it("acks every one of 5 sockets × 200 concurrent events accepted exactly once, committed and counted", async () => {
    const hallId = "ing-load";
    await freshHall(hallId);
    const hallToken = await admin.createToken({ role: "device", hallId });
    expect(hallToken.status).toBe(201);
    const SOCKETS = 5;
    const PER_SOCKET = 200;
    const conns = await Promise.all(Array.from({ length: SOCKETS }, () => openIngest({ token: hallToken.body.token })));

    // Per socket: 100 single `event` emits and 10 `events` batches of 10, all in flight at once.
    const expected = { social: 0, estate: 0 };
    const plan = conns.map((_, s) => {
      const f = new EventFactory(hallId, base, `s${s}-`);
      return Array.from({ length: PER_SOCKET }, (_, i) => {
        const categoryId = (s + i) % 3 === 0 ? "estate" : "social";
        expected[categoryId] += 1;
        return issued(f, 10 + (s * PER_SOCKET + i) / 10_000, `T-${s}-${i}`, categoryId);
      });
    });

    const acks = new Map<string, IngestResult[]>();
    const notCommittedAtAck: string[] = [];
    const record = async (results: IngestResult[]) => {
      const reads: Promise<void>[] = [];
      for (const r of results) {
        if (r.id === null) throw new Error("result without id");
        const id = r.id;
        acks.set(id, [...(acks.get(id) ?? []), r]);
        // At the moment the ack arrives the row must be in the storage (each query leaves on arrival).
        if (r.status === "accepted")
          reads.push(
            rowsOf(hallId, id).then((n) => {
              if (n !== 1) notCommittedAtAck.push(id);
            }),
          );
      }
      await Promise.all(reads);
    };
    const inFlight: Promise<void>[] = [];
    conns.forEach((socket, s) => {
      const events = plan[s] as HallEvent[];
      for (let i = 0; i < 100; i++)
        inFlight.push(
          sendOne(socket, events[i]).then((ack) => {
            if (!ack.ok) throw new Error(`event ack not ok: ${JSON.stringify(ack)}`);
            return record([ack.data]);
          }),
        );
      for (let b = 0; b < 10; b++)
        inFlight.push(
          sendMany(socket, events.slice(100 + b * 10, 110 + b * 10)).then((ack) => {
            if (!ack.ok) throw new Error(`events ack not ok: ${JSON.stringify(ack)}`);
            expect(ack.data.results.map((r) => r.id)).toEqual(events.slice(100 + b * 10, 110 + b * 10).map((e) => e.id));
            return record(ack.data.results);
          }),
        );
    });
    await Promise.all(inFlight);

    const all = plan.flat();
    expect(acks.size).toBe(SOCKETS * PER_SOCKET);
    const notOnceAccepted = all.filter((e) => {
      const rs = acks.get(e.id) ?? [];
      return rs.length !== 1 || rs[0]?.status !== "accepted";
    });
    expect(notOnceAccepted.map((e) => e.id)).toEqual([]);
    expect(notCommittedAtAck).toEqual([]);
    expect(await rowsWithPrefix(hallId, "s")).toBe(SOCKETS * PER_SOCKET);

    const view = await liveLoad(hallId);
    expect(arrivals(view, "social")).toBe(expected.social);
    expect(arrivals(view, "estate")).toBe(expected.estate);
    expect(view.categories.find((c) => c.categoryId === "social")?.waitingNow).toBe(expected.social);

    // Everything again, concurrently and each event through another socket: all duplicates, nothing counted twice.
    const replies = await Promise.all(
      conns.map((socket, s) => {
        const events = plan[(s + 1) % SOCKETS] as HallEvent[];
        return Promise.all([sendMany(socket, events.slice(0, 100)), sendMany(socket, events.slice(100))]);
      }),
    );
    const statuses = replies.flat().flatMap((r) => (r.ok ? r.data.results.map((x) => x.status) : ["not ok"]));
    expect(statuses).toHaveLength(SOCKETS * PER_SOCKET);
    expect(new Set(statuses)).toEqual(new Set(["duplicate"]));
    expect(await rowsWithPrefix(hallId, "s")).toBe(SOCKETS * PER_SOCKET);
    const after = await liveLoad(hallId);
    expect(arrivals(after, "social")).toBe(expected.social);
    expect(arrivals(after, "estate")).toBe(expected.estate);
  });

  it("answers the same new event sent concurrently from two sockets once accepted and once duplicate", async () => {
    const hallId = "ing-race";
    await freshHall(hallId);
    const [one, two] = await Promise.all([openIngest({ token: server.adminToken, hallId }), openIngest({ token: server.adminToken, hallId })]);
    const f = new EventFactory(hallId, base, "race-");
    const events = Array.from({ length: 50 }, (_, i) => issued(f, 7 + i / 1000, `T-r${i}`));
    const [a, b] = await Promise.all([
      Promise.all(events.map((e) => sendOne(one, e))),
      Promise.all(events.map((e) => sendOne(two, e))),
    ]);
    events.forEach((e, i) => {
      const pair = [a[i], b[i]].map((ack) => (ack?.ok ? ack.data.status : "not ok")).sort();
      expect(pair, e.id).toEqual(["accepted", "duplicate"]);
    });
    expect(await rowsWithPrefix(hallId, "race-")).toBe(50);
    expect(arrivals(await liveLoad(hallId), "social")).toBe(50);
  });
});
