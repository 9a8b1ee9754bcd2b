// Unit tests of the ingest client against a fake socket (acks, lost acks, disconnects, error acks) and
// of postEvents against a node:http server.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import type { HallEvent, IngestResult } from "../contract/index.js";
import { demoHall } from "./demo-hall.js";
import { generateHallDay } from "./generate-day.js";
import { IngestClient, IngestError, postEvents, type IngestSocketLike } from "./ingest-client.js";

type Behaviour = "ack" | "timeout" | "drop" | { ok: false; error: { code: string; message: string } } | "silent-store";

/** A fake /ingest socket with a server behind it that dedups by event id, like the real one. */
class FakeSocket implements IngestSocketLike {
  connected = false;
  active = false;
  readonly stored = new Set<string>();
  readonly batches: string[][] = [];
  /** What to do with each successive emit; "ack" once the script runs out. */
  script: Behaviour[] = [];
  refuse: { message: string; data?: unknown } | null = null;
  inFlight = 0;
  maxSeenInFlight = 0;
  ackDelayMs = 1;
  private onConnectFns: (() => void)[] = [];
  private onDisconnectFns: ((reason: string) => void)[] = [];
  private onErrorFns: ((err: Error & { data?: unknown }) => void)[] = [];
  private pending = new Set<(err: Error) => void>();

  onConnect(fn: () => void) {
    this.onConnectFns.push(fn);
  }
  onDisconnect(fn: (reason: string) => void) {
    this.onDisconnectFns.push(fn);
  }
  onConnectError(fn: (err: Error & { data?: unknown }) => void) {
    this.onErrorFns.push(fn);
  }
  connect() {
    this.active = true;
    setTimeout(() => {
      if (!this.active) return;
      if (this.refuse) {
        this.active = false;
        const err = Object.assign(new Error(this.refuse.message), { data: this.refuse.data });
        for (const f of this.onErrorFns) f(err);
        return;
      }
      this.connected = true;
      for (const f of this.onConnectFns) f();
    }, 2);
  }
  disconnect() {
    const was = this.connected;
    this.active = false;
    this.connected = false;
    this.failPending("socket has been disconnected");
    if (was) for (const f of this.onDisconnectFns) f("io client disconnect");
  }
  /** The connection drops; socket.io reconnects by itself shortly after. */
  drop() {
    this.connected = false;
    this.failPending("socket has been disconnected");
    for (const f of this.onDisconnectFns) f("transport close");
    setTimeout(() => {
      if (!this.active) return;
      this.connected = true;
      for (const f of this.onConnectFns) f();
    }, 5);
  }
  private failPending(message: string) {
    for (const reject of this.pending) reject(new Error(message));
    this.pending.clear();
  }
  private store(batch: readonly HallEvent[]): IngestResult[] {
    return batch.map((e) => {
      if (this.stored.has(e.id)) return { id: e.id, status: "duplicate" };
      if (e.id.endsWith(":bad")) return { id: e.id, status: "rejected", error: "ts: invalid", field: "ts" };
      this.stored.add(e.id);
      return { id: e.id, status: "accepted" };
    });
  }
  emitEvents(batch: readonly HallEvent[], timeoutMs: number): Promise<unknown> {
    this.batches.push(batch.map((e) => e.id));
    const behaviour = this.script.shift() ?? "ack";
    this.inFlight++;
    this.maxSeenInFlight = Math.max(this.maxSeenInFlight, this.inFlight);
    return new Promise<unknown>((resolve, reject) => {
      const settle = (f: () => void) => {
        this.inFlight--;
        this.pending.delete(fail);
        f();
      };
      const fail = (err: Error) => settle(() => reject(err));
      this.pending.add(fail);
      if (behaviour === "timeout" || behaviour === "silent-store") {
        if (behaviour === "silent-store") this.store(batch); // stored, but the ack is lost
        setTimeout(() => fail(new Error("operation has timed out")), timeoutMs);
      } else if (behaviour === "drop") {
        this.store(batch);
        setTimeout(() => this.drop(), 1);
      } else if (behaviour === "ack") {
        setTimeout(() => settle(() => resolve({ ok: true, data: { results: this.store(batch) } })), this.ackDelayMs);
      } else {
        setTimeout(() => settle(() => resolve(behaviour)), 1);
      }
    });
  }
}

const events = generateHallDay({ hall: demoHall, hallId: "demo-county", date: "2026-11-24", seed: 1 });
let clients: IngestClient[] = [];
function client(fake: FakeSocket, extra: Partial<ConstructorParameters<typeof IngestClient>[0]> = {}) {
  const c = new IngestClient({ url: "http://x", token: "t", ackTimeoutMs: 30, retryBaseMs: 1, retryMaxMs: 5, createSocket: () => fake, ...extra });
  clients.push(c);
  return c;
}
afterEach(() => {
  for (const c of clients) c.close();
  clients = [];
});

describe("IngestClient", () => {
  it("sends in batches of at most 500 and returns results in input order", async () => {
    const fake = new FakeSocket();
    const c = client(fake);
    await c.connect();
    const results = await c.send(events);
    expect(results.map((r) => r.id)).toEqual(events.map((e) => e.id));
    expect(results.every((r) => r.status === "accepted")).toBe(true);
    expect(fake.batches.every((b) => b.length <= 500)).toBe(true);
    expect(fake.batches.length).toBe(Math.ceil(events.length / 500));
    expect(c.stats).toMatchObject({ sent: events.length, accepted: events.length, duplicate: 0, rejected: 0, retries: 0 });
  });

  it("keeps at most maxInFlight batches waiting for acks", async () => {
    const fake = new FakeSocket();
    fake.ackDelayMs = 10;
    const c = client(fake, { maxInFlight: 2 });
    await c.send(events);
    expect(fake.maxSeenInFlight).toBe(2);
  });

  it("resends a batch whose ack timed out, with the same ids, and counts the server's duplicates", async () => {
    const fake = new FakeSocket();
    fake.script = ["silent-store"];
    const c = client(fake);
    const batch = events.slice(0, 10);
    const results = await c.send(batch);
    expect(fake.batches).toHaveLength(2);
    expect(fake.batches[1]).toEqual(fake.batches[0]);
    expect(results.every((r) => r.status === "duplicate")).toBe(true);
    expect(c.stats).toMatchObject({ sent: 10, accepted: 0, duplicate: 10, retries: 1, retriedEvents: 10, timeouts: 1 });
    expect(fake.stored.size).toBe(10);
  });

  it("resends after a disconnect once the socket is back", async () => {
    const fake = new FakeSocket();
    fake.script = ["drop"];
    const c = client(fake);
    const results = await c.send(events.slice(0, 20));
    expect(results).toHaveLength(20);
    expect(c.stats.retries).toBe(1);
    expect(c.stats.disconnects).toBe(1);
    expect(fake.stored.size).toBe(20);
  });

  it("retries retryable error acks and fails on permanent ones", async () => {
    const fake = new FakeSocket();
    fake.script = [{ ok: false, error: { code: "storage_unavailable", message: "disk" } }, { ok: false, error: { code: "not_ready", message: "starting" } }];
    const c = client(fake);
    const results = await c.send(events.slice(0, 5));
    expect(results.every((r) => r.status === "accepted")).toBe(true);
    expect(c.stats.retries).toBe(2);
    expect(c.stats.errorAcks).toEqual({ storage_unavailable: 1, not_ready: 1 });

    fake.script = [{ ok: false, error: { code: "forbidden", message: "wrong hall" } }];
    await expect(c.send(events.slice(5, 10))).rejects.toMatchObject({ name: "IngestError", code: "forbidden" });
  });

  it("splits a batch the server finds too large", async () => {
    const fake = new FakeSocket();
    fake.script = [{ ok: false, error: { code: "payload_too_large", message: "too big" } }];
    const c = client(fake);
    const results = await c.send(events.slice(0, 300));
    expect(results.map((r) => r.id)).toEqual(events.slice(0, 300).map((e) => e.id));
    expect(fake.batches.map((b) => b.length)).toEqual([300, 150, 150]);
  });

  it("counts rejected results without resending them", async () => {
    const fake = new FakeSocket();
    const c = client(fake);
    const bad = { ...(events[0] as HallEvent), id: "x:bad" };
    const results = await c.send([bad, events[1] as HallEvent]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "accepted"]);
    expect(c.stats.rejected).toBe(1);
    expect(c.stats.rejections[0]).toMatchObject({ id: "x:bad", field: "ts" });
    expect(fake.batches).toHaveLength(1);
  });

  it("gives up after maxRetries when asked to", async () => {
    const fake = new FakeSocket();
    fake.script = ["timeout", "timeout", "timeout"];
    const c = client(fake, { maxRetries: 2 });
    await expect(c.send(events.slice(0, 3))).rejects.toMatchObject({ code: "retries_exhausted" });
  });

  it("rejects connect() when the server refuses the token, and later sends too", async () => {
    const fake = new FakeSocket();
    fake.refuse = { message: "unauthorized", data: { code: "unauthorized" } };
    const c = client(fake);
    await expect(c.connect()).rejects.toMatchObject({ code: "unauthorized" });
    await expect(c.send(events.slice(0, 1))).rejects.toBeInstanceOf(IngestError);
  });

  it("fails pending sends on close()", async () => {
    const fake = new FakeSocket();
    fake.script = ["timeout", "timeout", "timeout", "timeout"];
    const c = client(fake, { ackTimeoutMs: 1000 });
    const pending = c.send(events.slice(0, 3));
    setTimeout(() => c.close(), 10);
    await expect(pending).rejects.toMatchObject({ code: "closed" });
    await expect(c.send(events.slice(0, 1))).rejects.toMatchObject({ code: "closed" });
  });
});

describe("postEvents", () => {
  it("posts batches of ≤ 500 with the bearer token, retries a 503 and throws on 401", async () => {
    const seen: { auth: string | undefined; count: number; path: string }[] = [];
    let failNext = 1;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        if (req.headers.authorization !== "Bearer good") {
          res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "unauthorized", message: "bad token" } }));
          return;
        }
        if (failNext-- > 0) {
          res.writeHead(503, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: "storage_unavailable", message: "busy" } }));
          return;
        }
        const batch = JSON.parse(body) as HallEvent[];
        seen.push({ auth: req.headers.authorization, count: batch.length, path: req.url ?? "" });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ results: batch.map((e) => ({ id: e.id, status: "accepted" })) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const some = events.slice(0, 1200);
      const results = await postEvents(url, "good", "demo-county", some, { retryBaseMs: 1 });
      expect(results.map((r) => r.id)).toEqual(some.map((e) => e.id));
      expect(seen.map((s) => s.count)).toEqual([500, 500, 200]);
      expect(seen.every((s) => s.path === "/api/halls/demo-county/events")).toBe(true);
      await expect(postEvents(url, "bad", "demo-county", some.slice(0, 2))).rejects.toMatchObject({ code: "unauthorized", status: 401 });
    } finally {
      server.close();
    }
  });
});
