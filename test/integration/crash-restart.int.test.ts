// Nothing acknowledged is lost: devices send events with acks and retries while the server process is
// killed with SIGKILL at random moments and restarted. Afterwards every acknowledged event is in the
// database exactly once, the file passes integrity_check, and the server's figures equal the figures
// computed from the log alone.
import Database from "better-sqlite3";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, HallEvent, IngestResult } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { figuresFromLog } from "../helpers/log-figures.js";
import { ServerProcess } from "../helpers/server-process.js";

const HALL = "crash-hall";
const KILLS = 3;

/** A realistic stream for the test hall: windows open, tickets issued, called, served, evaluated. */
function streamOfEvents(f: EventFactory, tickets: number): HallEvent[] {
  const events: HallEvent[] = [];
  for (const w of ["w1", "w2", "w3"]) events.push(f.make(0, { type: "window.opened", windowId: w, staffId: `s-${w}` }));
  for (let i = 0; i < tickets; i++) {
    const t = i * 0.2;
    const ticketId = `t${i}`;
    const categoryId = i % 3 === 0 ? "estate" : "social";
    const windowId = categoryId === "estate" ? "w3" : i % 2 === 0 ? "w1" : "w2";
    events.push(f.make(t, { type: "ticket.issued", ticketId, ticketNo: `A${String(i).padStart(3, "0")}`, categoryId, channel: "kiosk" }));
    if (i % 7 === 6) continue; // some stay waiting
    events.push(f.make(t + 0.5, { type: "ticket.called", ticketId, windowId }));
    events.push(f.make(t + 0.6, { type: "service.started", ticketId, windowId }));
    if (i % 11 === 10) continue; // some still in service
    events.push(f.make(t + 1.5, { type: "service.completed", ticketId, windowId, outcome: i % 5 === 0 ? "needs_materials" : "done" }));
    if (i % 2 === 0) events.push(f.make(t + 1.6, { type: "evaluation.submitted", ticketId, windowId, rating: (i % 5) + 1 }));
  }
  return events;
}

/** Sends batches until each is acknowledged, retrying the same ids through disconnects and restarts. */
async function sendAll(socket: Socket, batches: HallEvent[][], acked: Map<string, IngestResult["status"]>): Promise<void> {
  for (const batch of batches) {
    for (;;) {
      try {
        const reply = (await socket.timeout(1500).emitWithAck("events", batch)) as Ack<{ results: IngestResult[] }>;
        if (!reply.ok) throw new Error(reply.error.message);
        for (const r of reply.data.results) if (r.id !== null) acked.set(r.id, r.status);
        await new Promise((r) => setTimeout(r, 15)); // a device's pace, so that kills land mid-stream
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

describe("SIGKILL during ingest", () => {
  const server = new ServerProcess();
  const base = Date.now() - 3 * 60 * 60 * 1000;
  let deviceToken = "";

  beforeAll(async () => {
    await server.start();
    const admin = new Api(server.url, server.adminToken);
    expect((await admin.putHall(HALL, testHall)).status).toBe(201);
    deviceToken = (await admin.createToken({ role: "device", hallId: HALL })).body.token;
  });
  afterAll(async () => {
    await server.stop();
    server.remove();
  });

  it("loses no acknowledged event, doubles none, and shows the same figures after restart", async () => {
    const events = streamOfEvents(new EventFactory(HALL, base, "ev"), 600);
    const devices = 4;
    const perDevice: HallEvent[][][] = Array.from({ length: devices }, () => []);
    for (let i = 0; i < events.length; i += 25) perDevice[(i / 25) % devices]?.push(events.slice(i, i + 25));
    const acked = new Map<string, IngestResult["status"]>();
    const sockets = perDevice.map(() =>
      io(`${server.url}/ingest`, { auth: { token: deviceToken }, transports: ["websocket"], reconnectionDelay: 50, reconnectionDelayMax: 200 }),
    );

    const sending = Promise.all(sockets.map((s, i) => sendAll(s, perDevice[i] as HallEvent[][], acked)));
    let kills = 0;
    const ackedAtKill: number[] = [];
    while (kills < KILLS) {
      // Kill at random moments spread over the stream (between 10% and 90% acknowledged).
      const threshold = events.length * (0.1 + (0.8 * (kills + Math.random())) / KILLS);
      while (acked.size < threshold) await new Promise((r) => setTimeout(r, 5));
      ackedAtKill.push(acked.size);
      await server.kill();
      kills += 1;
      await server.start();
    }
    await sending;
    expect(ackedAtKill.every((n) => n < events.length)).toBe(true);
    for (const s of sockets) s.disconnect();

    // Every event was eventually acknowledged (accepted first time, or duplicate when its first ack was lost).
    expect(acked.size).toBe(events.length);
    expect([...acked.values()].every((s) => s === "accepted" || s === "duplicate")).toBe(true);

    await server.stop();
    const db = new Database(server.dbFile, { readonly: true });
    const counts = new Map(
      (db.prepare(`select eventId, count(*) as n from "Event" where hallId = ? group by eventId`).all(HALL) as { eventId: string; n: number }[]).map(
        (r) => [r.eventId, r.n],
      ),
    );
    const integrity = db.prepare("pragma integrity_check").pluck().get();
    db.close();
    const lost = [...acked.keys()].filter((id) => !counts.has(id));
    const doubled = [...counts.values()].filter((n) => n !== 1);
    console.info(`crash test: kills=${kills} acked=${acked.size} lost=${lost.length} doubled=${doubled.length}`);
    expect(integrity).toBe("ok");
    expect(lost).toEqual([]);
    expect(doubled).toEqual([]);
    expect(counts.size).toBe(events.length);

    // Figures after the last restart equal those computed from the log alone.
    await server.start();
    const from = base - 10 * 60_000;
    const to = base + 3 * 60 * 60_000;
    const api = new Api(server.url, server.adminToken);
    const served = await api.load(HALL, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    expect(served.status).toBe(200);
    expect(served.body).toEqual(figuresFromLog(server.dbFile, HALL, testHall, from, to));
    expect(served.body.categories.find((c) => c.categoryId === "social")?.arrivals).toBe(400);
  });
});
