// Abuse limits (issue #7) against the real server process: oversized HTTP bodies (413) and socket frames
// (that socket closed), while the largest valid batch of the contract still passes; a socket flooding tiny
// messages is refused (`rate_limited`) and then disconnected while another device's acks keep their
// latency and a display keeps receiving; token guessing from one address is answered 429 for a while; and
// a queue gateway replaying a backlog as fast as it can is never refused.
import { performance } from "node:perf_hooks";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, ErrorBody, HallConfig, HallEvent, IngestClientToServer, IngestResult, IngestServerToClient } from "../../contract/index.js";
import { DEFAULT_MAX_INGEST_MESSAGE_BYTES, DEFAULT_MAX_SOCKET_MESSAGE_BYTES } from "../../server/adapters/limits.js";
import { Api } from "../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../helpers/display-client.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

type IngestSocket = Socket<IngestServerToClient, IngestClientToServer>;

const ACK_TIMEOUT_MS = 30_000;
const sockets: Socket[] = [];
const displays: DisplayClient[] = [];

function connectIngest(url: string, auth: Record<string, unknown>): IngestSocket {
  const socket: IngestSocket = io(`${url}/ingest`, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  sockets.push(socket);
  return socket;
}

function openIngest(url: string, auth: Record<string, unknown>): Promise<IngestSocket> {
  const socket = connectIngest(url, auth);
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err: Error & { data?: unknown }) => reject(Object.assign(new Error(`refused: ${err.message}`), { data: err.data })));
  });
}

/** A handshake's outcome: "connected" or the connect_error's code. */
function handshake(url: string, auth: Record<string, unknown>): Promise<{ code: string; retryAfterMs?: number }> {
  const socket = connectIngest(url, auth);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no handshake outcome within 10 s")), 10_000);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.disconnect();
      resolve({ code: "connected" });
    });
    socket.once("connect_error", (err: Error & { data?: { code?: string; retryAfterMs?: number } }) => {
      clearTimeout(timer);
      resolve({ code: err.data?.code ?? `? ${err.message}`, ...(err.data?.retryAfterMs !== undefined ? { retryAfterMs: err.data.retryAfterMs } : {}) });
    });
  });
}

const sendOne = async (socket: IngestSocket, event: unknown) => (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("event", event)) as Ack<IngestResult>;
const sendMany = async (socket: IngestSocket, events: unknown) => (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("events", events)) as Ack<{ results: IngestResult[] }>;

const waitFor = async (predicate: () => boolean, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function healthy(server: ServerProcess): Promise<void> {
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
}

/** Runs `jobs` with at most `limit` in flight. */
async function pool<T>(jobs: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await (jobs[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

afterAll(() => {
  for (const s of sockets) s.disconnect();
  for (const d of displays) d.close();
});

describe("with the default limits", () => {
  const server = new ServerProcess();
  let admin: Api;

  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    server.remove();
  });

  const issued = (hallId: string, id: string, tsMs: number, categoryId = "social"): HallEvent =>
    ({ id, hallId, ts: new Date(tsMs).toISOString(), type: "ticket.issued", ticketId: `T-${id}`, ticketNo: "A001", categoryId, channel: "kiosk" }) as HallEvent;

  describe("oversized messages", () => {
    // The largest valid event of the contract: every id at 64 characters, 50 requested materials of 100
    // CJK characters (limits.ts measures it at 15,671 bytes; 500 of them ≈ 7.8 MB).
    const LONG_HALL = `h${"x".repeat(63)}`;
    const LONG_WINDOW = `w${"x".repeat(63)}`;
    const maxEvent = (i: number): HallEvent =>
      ({
        id: `${String(i).padStart(6, "0")}${"e".repeat(58)}`,
        hallId: LONG_HALL,
        ts: new Date(Date.now() - 3_600_000 + i).toISOString().replace("Z", "+00:00"),
        deviceId: `d${"x".repeat(63)}`,
        seq: Number.MAX_SAFE_INTEGER - i,
        type: "service.completed",
        ticketId: `${String(i).padStart(6, "0")}${"t".repeat(58)}`,
        windowId: LONG_WINDOW,
        outcome: "needs_materials",
        requestedMaterials: Array.from({ length: 50 }, (_, k) => `${"材".repeat(99)}${String.fromCharCode(0x4e00 + k)}`),
      }) as HallEvent;

    beforeAll(async () => {
      const hall: HallConfig = {
        ...testHall,
        windows: [...testHall.windows, { id: LONG_WINDOW, name: "最长的窗口", department: "测试", categories: ["social"] }],
      };
      expect((await admin.putHall(LONG_HALL, hall)).status).toBe(201);
    });

    it("accepts a 500-event batch of maximal events over HTTP and a full batch over /ingest, and answers 413 over the limit while staying up", async () => {
      const batch = Array.from({ length: 500 }, (_, i) => maxEvent(i));
      const body = JSON.stringify(batch);
      expect(body.length).toBeGreaterThan(0);
      const bytes = Buffer.byteLength(body);
      expect(bytes).toBeGreaterThan(7_000_000);
      expect(bytes).toBeLessThan(DEFAULT_MAX_INGEST_MESSAGE_BYTES);

      const ok = await admin.postEvents(LONG_HALL, body);
      expect(ok.status).toBe(200);
      expect(ok.body.results).toHaveLength(500);
      expect(ok.body.results.filter((r) => r.status !== "accepted")).toEqual([]);

      // Over /ingest the frame limit is smaller (it applies before authentication): a full batch of 500
      // events with a few requested materials each — far larger than real ones — fits and is accepted.
      const socket = await openIngest(server.url, { token: server.adminToken, hallId: LONG_HALL });
      const realistic = batch.map((e, i) => ({
        ...e,
        id: `${String(i).padStart(6, "0")}${"s".repeat(58)}`,
        requestedMaterials: (e as { requestedMaterials: string[] }).requestedMaterials.slice(0, 3).map((m) => m.slice(0, 20)),
      }));
      const socketBytes = Buffer.byteLength(JSON.stringify(realistic));
      expect(socketBytes).toBeGreaterThan(256 * 1024);
      expect(socketBytes).toBeLessThan(DEFAULT_MAX_SOCKET_MESSAGE_BYTES);
      const ack = await sendMany(socket, realistic);
      expect(ack.ok).toBe(true);
      if (ack.ok) expect(ack.data.results.filter((r) => r.status !== "accepted")).toEqual([]);
      expect(socket.connected).toBe(true);

      // One byte class over the limit: 413 payload_too_large, nothing stored, the server carries on.
      const over = `[${JSON.stringify(maxEvent(9999))}${" ".repeat(DEFAULT_MAX_INGEST_MESSAGE_BYTES)}]`;
      const refused = await admin.request<ErrorBody>("POST", `/api/halls/${LONG_HALL}/events`, over);
      expect(refused.status).toBe(413);
      expect(refused.body.error.code).toBe("payload_too_large");
      await healthy(server);
    });

    it("answers 413 for other bodies over their (small) limits, but takes a big hall's configuration", async () => {
      const token = await admin.request<ErrorBody>("POST", "/api/tokens", { role: "display", hallId: "in-a", label: "x".repeat(20_000) });
      expect(token.status).toBe(413);
      expect(token.body.error.code).toBe("payload_too_large");

      // 200 windows, 100 categories, 2,000 item codes: ~120 KB, accepted.
      const categories = Array.from({ length: 100 }, (_, i) => ({
        id: `cat-${i}`,
        name: `类别${"政".repeat(18)}`,
        itemCodes: Array.from({ length: 20 }, (_, j) => `11330110002501779X${String(i * 100 + j).padStart(13, "0")}`),
      }));
      const windows = Array.from({ length: 200 }, (_, i) => ({
        id: `window-${i}`,
        name: `${i + 1}号窗口${"窗".repeat(6)}`,
        department: `部门${"门".repeat(18)}`,
        categories: Array.from({ length: 5 }, (_, j) => `cat-${(i + j) % 100}`),
      }));
      const big = { ...testHall, name: "大型政务服务中心", categories, windows };
      expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(100_000);
      const put = await admin.putHall("big-hall", big);
      expect(put.status).toBe(201);

      const tooBig = await admin.request<ErrorBody>("PUT", "/api/halls/big-hall", JSON.stringify(big) + " ".repeat(600 * 1024));
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.error.code).toBe("payload_too_large");
      await healthy(server);
    });

    it("closes a socket that sends a frame over maxHttpBufferSize; other sockets and the server carry on", async () => {
      const hallId = "in-a";
      expect((await admin.putHall(hallId, testHall)).status).toBe(201);
      const bystander = await openIngest(server.url, { token: server.adminToken, hallId });
      const offender = await openIngest(server.url, { token: server.adminToken, hallId });
      const closed = new Promise<string>((resolve) => offender.once("disconnect", (reason) => resolve(reason)));
      const lost = sendOne(offender, { junk: "x".repeat(DEFAULT_MAX_SOCKET_MESSAGE_BYTES + 1024) }).then(
        () => "acked",
        () => "no ack",
      );
      expect(await closed).toMatch(/transport (close|error)/);
      expect(await lost).toBe("no ack");

      expect(bystander.connected).toBe(true);
      const ack = await sendOne(bystander, issued(hallId, "bystander-1", Date.now() - 60_000));
      expect(ack).toEqual({ ok: true, data: { id: "bystander-1", status: "accepted" } });
      await healthy(server);
    });
  });

  it("throttles, then disconnects, a socket flooding tiny messages; another device's acks and a display are unaffected", async () => {
    const hallId = "flood";
    expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const victimToken = (await admin.createToken({ role: "device", hallId })).body.token;
    const flooderToken = (await admin.createToken({ role: "device", hallId })).body.token;
    const displayToken = (await admin.createToken({ role: "display", hallId })).body.token;
    const victim = await openIngest(server.url, { token: victimToken });
    const flooder = await openIngest(server.url, { token: flooderToken });
    const display = await connectDisplay({ url: server.url, token: displayToken, hallId });
    displays.push(display);

    let n = 0;
    const timedSend = async () => {
      n += 1;
      const started = performance.now();
      const ack = await sendOne(victim, issued(hallId, `v${n}`, Date.now() - 30 * 60_000 + n));
      expect(ack).toEqual({ ok: true, data: { id: `v${n}`, status: "accepted" } });
      return performance.now() - started;
    };
    // Baseline: the victim's latency with nobody flooding (after a short warm-up).
    for (let i = 0; i < 5; i++) await timedSend();
    const baseline: number[] = [];
    for (let i = 0; i < 30; i++) {
      baseline.push(await timedSend());
      await sleep(15);
    }

    // The flood: 30,000 tiny `event` emits with acks, as fast as the client can write them.
    const FLOOD = 30_000;
    const refusals: Ack<IngestResult>[] = [];
    let otherAcks = 0;
    let flooderReason: string | null = null;
    let emitted = 0;
    flooder.once("disconnect", (reason) => (flooderReason = reason));
    const updatesBefore = display.updates.length;
    const floodStarted = performance.now();
    const flooding = (async () => {
      for (let i = 0; i < FLOOD && flooder.connected; i += 500) {
        emitted += 500;
        for (let k = i; k < i + 500; k++)
          flooder.emit("event", { n: k }, (ack: Ack<IngestResult>) => {
            if (!ack.ok && ack.error.code === "rate_limited") refusals.push(ack);
            else otherAcks += 1;
          });
        await new Promise((r) => setImmediate(r));
      }
    })();
    // Meanwhile the victim goes on at its pace, as long as the flood lasts (at least 10 samples).
    let floodOver = false;
    void flooding.then(() => (floodOver = true));
    const underFlood: number[] = [];
    while (!floodOver || underFlood.length < 10) {
      underFlood.push(await timedSend());
      await sleep(15);
    }
    await flooding;
    await waitFor(() => flooderReason !== null, 15_000, "the flooder to be disconnected");
    const floodMs = performance.now() - floodStarted;

    expect(flooderReason).toBe("io server disconnect");
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals[0]?.ok === false && refusals[0].error.retryAfterMs).toBeGreaterThan(0);
    // The budget held: at most 1,000 handled per (1 s) window while the flood lasted, and most of it was never handled.
    expect(otherAcks).toBeLessThanOrEqual(1000 * (Math.ceil(floodMs / 1000) + 1));
    expect(otherAcks + refusals.length).toBeLessThan(FLOOD);

    const p50Base = median(baseline);
    const p50Flood = median(underFlood);
    console.log(`victim ack p50: ${p50Base.toFixed(1)} ms before, ${p50Flood.toFixed(1)} ms under the flood (${emitted} sent, ${refusals.length} refused, ${otherAcks} handled, disconnected after ${floodMs.toFixed(0)} ms)`);
    expect(p50Flood).toBeLessThanOrEqual(5 * p50Base + 50);

    // The display stayed connected and received the victim's events as updates.
    expect(display.connected).toBe(true);
    await display.waitFor((c) => c.updates.length > updatesBefore && (c.view?.categories.find((x) => x.categoryId === "social")?.waitingNow ?? 0) >= n, 10_000, "the victim's events on the wall");
    expect(victim.connected).toBe(true);
    await healthy(server);
  });

  it("never refuses one device replaying 20,000 events as fast as it can (HTTP and /ingest, batches of 500, several in flight)", async () => {
    const hallId = "replay";
    expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const deviceToken = (await admin.createToken({ role: "device", hallId })).body.token;
    const device = admin.as(deviceToken);
    const dayStart = Date.now() - 10 * 3_600_000;
    const events = Array.from({ length: 20_000 }, (_, i) => issued(hallId, `r${i}`, dayStart + i * 1500, i % 3 === 0 ? "estate" : "social"));
    const batches: HallEvent[][] = [];
    for (let i = 0; i < events.length; i += 500) batches.push(events.slice(i, i + 500));
    const overHttp = batches.filter((_, i) => i % 2 === 0);
    const overSocket = batches.filter((_, i) => i % 2 === 1);

    const gateways = await Promise.all([openIngest(server.url, { token: deviceToken }), openIngest(server.url, { token: deviceToken })]);
    const started = performance.now();
    const [http, socket] = await Promise.all([
      pool(overHttp.map((b) => () => device.postEvents(hallId, b)), 4),
      pool(overSocket.map((b, i) => () => sendMany(gateways[i % 2] as IngestSocket, b)), 8),
    ]);
    const ms = performance.now() - started;
    console.log(`replayed ${events.length} events in ${ms.toFixed(0)} ms (${Math.round((events.length / ms) * 1000)} events/s)`);

    expect(http.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(socket.filter((a) => !a.ok)).toEqual([]);
    const statuses = [...http.flatMap((r) => r.body.results), ...socket.flatMap((a) => (a.ok ? a.data.results : []))].map((r) => r.status);
    expect(statuses).toHaveLength(events.length);
    expect(statuses.filter((s) => s !== "accepted")).toEqual([]);
    expect(gateways.every((s) => s.connected)).toBe(true);
    await healthy(server);
  });
});

describe("token guessing (RATE_AUTH_FAILURES=20/4s)", () => {
  const WINDOW_MS = 4000;
  const server = new ServerProcess({ env: { RATE_AUTH_FAILURES: "20/4s" } });
  let admin: Api;

  beforeAll(async () => {
    await server.start();
    admin = new Api(server.url, server.adminToken);
  });
  afterAll(async () => {
    await server.stop();
    server.remove();
  });

  it("answers 429 after 20 failures from one address — also to a correct new token — until the window is over; tokens already used from there go on", async () => {
    const hallId = "guess";
    expect((await admin.putHall(hallId, testHall)).status).toBe(201);
    const display = (await admin.createToken({ role: "display", hallId })).body.token;
    const fresh = (await admin.createToken({ role: "device", hallId })).body.token;
    const wall = await connectDisplay({ url: server.url, token: display, hallId });
    displays.push(wall);

    // Guessing, over REST and handshakes alike.
    const started = performance.now();
    const answers: number[] = [];
    for (let i = 0; i < 15; i++) answers.push((await admin.as(`hp_guess-${i}-${"0".repeat(40)}`).request("GET", "/api/me")).status);
    const handshakes: string[] = [];
    for (let i = 0; i < 5; i++) handshakes.push((await handshake(server.url, { token: `hp_guess-socket-${i}` })).code);
    expect(answers).toEqual(Array(15).fill(401));
    expect(handshakes).toEqual(Array(5).fill("unauthorized"));

    // The 21st failure, and a correct token never used from here: 429 with Retry-After.
    const res = await fetch(`${server.url}/api/me`, { headers: { authorization: "Bearer hp_one-more-guess" } });
    expect(res.status).toBe(429);
    const body = (await res.json()) as ErrorBody;
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.retryAfterMs).toBeGreaterThan(0);
    expect(body.error.retryAfterMs).toBeLessThanOrEqual(WINDOW_MS);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    const correctButNew = await admin.as(fresh).request<ErrorBody>("GET", "/api/me");
    expect(correctButNew.status).toBe(429);
    expect(correctButNew.body.error.code).toBe("rate_limited");
    const socketRefusal = await handshake(server.url, { token: fresh });
    expect(socketRefusal.code).toBe("rate_limited");
    expect(socketRefusal.retryAfterMs).toBeGreaterThan(0);
    expect((await handshake(server.url, { token: "hp_guess-socket-x" })).code).toBe("rate_limited");

    // The admin, which authenticated from here before the guessing, is not locked out; the wall stays.
    expect((await admin.request("GET", "/api/me")).status).toBe(200);
    expect(wall.connected).toBe(true);
    expect(performance.now() - started).toBeLessThan(WINDOW_MS); // still inside the window: the 429s above were the block

    // After the window the correct new token works, over REST and socket.io; a wrong one gets 401 again.
    await sleep((body.error.retryAfterMs ?? WINDOW_MS) + 200);
    expect((await admin.as(fresh).request("GET", "/api/me")).status).toBe(200);
    expect((await handshake(server.url, { token: fresh })).code).toBe("connected");
    expect((await admin.as("hp_another-guess").request("GET", "/api/me")).status).toBe(401);
    await healthy(server);
  });
});
