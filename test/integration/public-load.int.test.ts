// The public endpoint under a crowd (issue #10): many anonymous clients polling
// GET /api/public/halls/:hallId while a device ingests over /ingest. The public view is served from
// memory (rebuilt at most once a second per published live view), so ingest must stay about as fast
// as without the crowd.
//
// Measured as a ratio against the same run without public load, never as an absolute time (the test
// machine is shared): rounds alternate without and with the crowd, and the ack latency of one event at
// a time is compared, each round with the crowd against the quiet round just before it. Bounds, generous
// on purpose for a 2-core machine shared with other work, met in the median of the ROUNDS pairs — the
// CI runs two test streams at once, and a stall of the other stream's (a browser starting) spoiled one
// round's p95 and with it the pooled p95 (109.5 against 6 × 17.1 ms, 2026-11-27); a crowd that slowed
// the ingest would slow every round:
//   median with the crowd ≤ 4 × the median without (floored at 2 ms),
//   p95 with the crowd    ≤ 6 × the p95 without (floored at 5 ms).
// The crowd: CLIENTS clients each polling every POLL_MS — 200 phones polling every 500 ms is 400
// requests per second, 20 times what 200 phones at the page's 10 s refresh send (no proxy cache in
// front); the device sends 100 events per round, one every 20 ms after each ack, so each round lasts
// about two seconds under the crowd.
import { Worker } from "node:worker_threads";
import { io, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ack, IngestResult } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { machineLock } from "../helpers/machine-lock.js";
import { ServerProcess } from "../helpers/server-process.js";

const CLIENTS = 200;
const POLL_MS = 500;
const ROUNDS = 5;
const EVENTS_PER_ROUND = 100;
/** A device's pace between events (a busy hall sends a few per second; this is 50 per second). */
const EVENT_GAP_MS = 20;
const HALL = "pub-load";

const server = new ServerProcess({ env: { RATE_PUBLIC: "off" } });
let device: Socket;
let seq = 0;

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

/** Sends events one at a time, each after the previous ack; the ack latencies in ms. */
async function ingestRound(): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < EVENTS_PER_ROUND; i++) {
    seq += 1;
    const event = { id: `load-${seq}`, hallId: HALL, type: "ticket.issued", ts: new Date().toISOString(), ticketId: `lt-${seq}`, ticketNo: `L${seq % 1000}`, categoryId: seq % 2 ? "social" : "estate", channel: "kiosk" };
    const t0 = performance.now();
    const ack = (await device.timeout(10_000).emitWithAck("event", event)) as Ack<IngestResult>;
    out.push(performance.now() - t0);
    expect(ack.ok && ack.data.status).toBe("accepted");
    await new Promise((r) => setTimeout(r, EVENT_GAP_MS));
  }
  return out;
}

/**
 * The crowd's code, run in a worker thread so that its fetch loops do not share the event loop that
 * times the device's acks: CLIENTS pollers until told to stop, then the answers counted by status.
 */
const CROWD_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { url, clients, pollMs } = workerData;
let running = true;
const counts = {};
parentPort.on("message", () => { running = false; });
async function client(offset) {
  await new Promise((r) => setTimeout(r, offset));
  while (running) {
    const started = Date.now();
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      counts[res.status] = (counts[res.status] || 0) + 1;
    } catch {
      counts[0] = (counts[0] || 0) + 1;
    }
    await new Promise((r) => setTimeout(r, Math.max(0, pollMs - (Date.now() - started))));
  }
}
Promise.all(Array.from({ length: clients }, (_, i) => client((i * pollMs) / clients))).then(() => parentPort.postMessage(counts));
`;

function crowd() {
  const worker = new Worker(CROWD_SOURCE, { eval: true, workerData: { url: `${server.url}/api/public/halls/${HALL}`, clients: CLIENTS, pollMs: POLL_MS } });
  return {
    stop: () =>
      new Promise<Record<string, number>>((resolve, reject) => {
        worker.once("message", (counts: Record<string, number>) => {
          void worker.terminate();
          resolve(counts);
        });
        worker.once("error", reject);
        worker.postMessage("stop");
      }),
  };
}

beforeAll(async () => {
  await server.start();
  const admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, { ...testHall, public: { enabled: true } })).status).toBe(201);
  const token = (await admin.createToken({ role: "device", hallId: HALL })).body.token;
  device = io(`${server.url}/ingest`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token, hallId: HALL } });
  await new Promise<void>((resolve, reject) => {
    device.once("connect", () => resolve());
    device.once("connect_error", reject);
  });
  await ingestRound(); // warm-up: JIT, prepared statements, the hall's live state
});

afterAll(async () => {
  device?.disconnect();
  await server.stop();
  server.remove();
});

describe("public endpoint load", () => {
  it(`keeps ingest ack latency within its bound while ${CLIENTS} clients poll every ${POLL_MS} ms`, async () => {
    // One crowd on the machine at a time: this file runs in both CI streams (SQLite and PostgreSQL).
    const release = await machineLock("public-load");
    try {
      await measure();
    } finally {
      release();
    }
  }, 420_000);
});

async function measure(): Promise<void> {
  const rounds: { quiet: number[]; loaded: number[] }[] = [];
  let served = 0;
  let failed = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const quiet = await ingestRound();
    const c = crowd();
    await new Promise((res) => setTimeout(res, POLL_MS)); // every client has started
    rounds.push({ quiet, loaded: await ingestRound() });
    const counts = await c.stop();
    served += counts["200"] ?? 0;
    failed += Object.entries(counts).filter(([status]) => status !== "200").reduce((sum, [, n]) => sum + n, 0);
  }
  // Per pair of rounds: how many times the quiet figure (floored) the figure with the crowd was.
  const ratios = rounds.map(({ quiet, loaded }) => ({
    p50: percentile(loaded, 50) / Math.max(percentile(quiet, 50), 2),
    p95: percentile(loaded, 95) / Math.max(percentile(quiet, 95), 5),
  }));
  const median = (xs: number[]) => percentile(xs, 50);
  const figures = {
    quietP50: percentile(rounds.flatMap((r) => r.quiet), 50),
    quietP95: percentile(rounds.flatMap((r) => r.quiet), 95),
    loadedP50: percentile(rounds.flatMap((r) => r.loaded), 50),
    loadedP95: percentile(rounds.flatMap((r) => r.loaded), 95),
    p50Ratios: ratios.map((r) => Math.round(r.p50 * 100) / 100),
    p95Ratios: ratios.map((r) => Math.round(r.p95 * 100) / 100),
    served,
    failed,
  };
  console.info("public load", JSON.stringify(figures));
  // The crowd was real, and every request was answered.
  expect(served).toBeGreaterThan(CLIENTS * ROUNDS * 2);
  expect(failed).toBe(0);
  expect(median(ratios.map((r) => r.p50))).toBeLessThanOrEqual(4);
  expect(median(ratios.map((r) => r.p95))).toBeLessThanOrEqual(6);
}
