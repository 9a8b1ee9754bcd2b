// 1. Durable ingest: acknowledged events per second through /ingest of the real server (many devices,
// several batches in flight each, synchronous=FULL), against (a) plain better-sqlite3 inserting the same
// rows into the same table with group commit and synchronous=FULL, and (b) a plain socket.io server
// acking each batch without doing anything. Target: HallPulse ≥ 50% of the lower baseline.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { HallEvent } from "../contract/index.js";
import { parseIsoTimestamp } from "../contract/index.js";
import { openDatabase } from "../server/adapters/sqlite/open-database.js";
import { BENCH_HALL_ID, copyDb, emptyDataset } from "./datasets.js";
import { closeAll, connectDevices, ingestWorkload, runLoad, type LoadResult, type LoadShape } from "./load.js";
import { cpuMs } from "./machine.js";
import type { BenchContext, BenchResult, Row } from "./report.js";
import { BenchServer, startNoopServer } from "./server.js";
import { ratio } from "./stats.js";

export const INGEST_SHAPE: LoadShape = { devices: 16, inFlight: 4, batchSize: 100 };

export function tempDbFile(name: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-bench-"));
  return path.join(dir, `${name}.db`);
}

export function removeTemp(file: string): void {
  fs.rmSync(path.dirname(file), { recursive: true, force: true });
}

/** HallPulse /ingest on the given database file (copied first when `copyFrom`), streams sent as they are. */
export async function hallPulseIngest(dbFile: string, streams: HallEvent[][], shape: LoadShape): Promise<LoadResult & { serverCpuMs: number | null; startMs: number }> {
  const server = new BenchServer(dbFile, { LOG_LEVEL: "warn" });
  const startMs = await server.start();
  try {
    const api = server.api();
    const tokens: string[] = [];
    for (let i = 0; i < Math.min(shape.devices, 4); i++) tokens.push(await api.createToken("device", BENCH_HALL_ID));
    const sockets = await connectDevices(server.url, tokens, shape.devices);
    try {
      const cpu0 = cpuMs(server.pid);
      const r = await runLoad(sockets, streams, shape);
      const cpu1 = cpuMs(server.pid);
      return { ...r, serverCpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, startMs };
    } finally {
      closeAll(sockets);
    }
  } finally {
    await server.stop();
  }
}

/** Baseline (a): the same rows into the same Event table, groups of 2,000 per transaction, synchronous=FULL. */
export function plainSqliteIngest(dbFile: string, streams: HallEvent[][]): { events: number; ms: number; eventsPerSecond: number; groups: number } {
  const db = openDatabase(dbFile); // WAL, synchronous=FULL, checked, as the server's own connection
  const sync = db.pragma("synchronous", { simple: true });
  if (sync !== 2) throw new Error(`baseline database is not synchronous=FULL (${String(sync)})`);
  const insert = db.prepare(
    `insert into "Event" (hallId, eventId, type, tsMs, windowId, ticketId, deviceId, deviceSeq, receivedMs, payload)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (hallId, eventId) do nothing`,
  );
  // Interleave the devices' streams batch by batch, as they would arrive.
  const rows: HallEvent[] = [];
  const longest = Math.max(...streams.map((s) => s.length));
  for (let i = 0; i < longest; i += INGEST_SHAPE.batchSize) for (const s of streams) rows.push(...s.slice(i, i + INGEST_SHAPE.batchSize));
  const commit = db.transaction((group: HallEvent[]) => {
    const now = Date.now();
    for (const e of group) {
      const windowId = "windowId" in e ? e.windowId : "fromWindowId" in e ? e.fromWindowId : null;
      const ticketId = "ticketId" in e ? e.ticketId : null;
      insert.run(BENCH_HALL_ID, e.id, e.type, parseIsoTimestamp(e.ts), windowId, ticketId, e.deviceId ?? null, e.seq ?? null, now, JSON.stringify(e));
    }
  });
  const started = performance.now();
  let groups = 0;
  for (let i = 0; i < rows.length; i += 2000) {
    commit(rows.slice(i, i + 2000));
    groups++;
  }
  const ms = performance.now() - started;
  db.close();
  return { events: rows.length, ms, eventsPerSecond: (rows.length / ms) * 1000, groups };
}

/** Baseline (b): plain socket.io, same devices, same batches, an immediate ack of the same shape. */
export async function noopSocketIngest(streams: HallEvent[][], shape: LoadShape): Promise<LoadResult> {
  const noop = await startNoopServer();
  try {
    const sockets = await connectDevices(noop.url, ["none"], shape.devices);
    try {
      return await runLoad(sockets, streams, shape);
    } finally {
      closeAll(sockets);
    }
  } finally {
    await noop.stop();
  }
}

export async function benchIngest(ctx: BenchContext): Promise<BenchResult> {
  const started = performance.now();
  const total = ctx.quick ? 30_000 : 150_000;
  const shape = INGEST_SHAPE;
  const tag = `bi${Date.now().toString(36)}`;
  ctx.log(`workload: ${total} events, ${shape.devices} devices × ${shape.inFlight} batches of ${shape.batchSize} in flight`);
  const streams = ingestWorkload(total, shape.devices, tag);
  const warm = ingestWorkload(3_000, shape.devices, `${tag}w`);
  const empty = await emptyDataset();

  // Each contender gets a warm-up with other ids first, then the measured workload.
  ctx.log("baseline (b): plain socket.io no-op acks");
  await noopSocketIngest(warm, shape);
  const noop = await noopSocketIngest(streams, shape);

  ctx.log("baseline (a): plain better-sqlite3, group commit, synchronous=FULL");
  const sqliteFile = tempDbFile("plain-sqlite");
  copyDb(empty, sqliteFile);
  plainSqliteIngest(sqliteFile, warm);
  const sqlite = plainSqliteIngest(sqliteFile, streams);
  removeTemp(sqliteFile);

  ctx.log("HallPulse /ingest");
  const hpFile = tempDbFile("hallpulse");
  copyDb(empty, hpFile);
  // Warm-up on the same server process would need a second start; instead the first 3,000 events are
  // sent as a warm-up stream before the measured streams, through the same sockets, on one server.
  const hp = await (async () => {
    const server = new BenchServer(hpFile, { LOG_LEVEL: "warn" });
    await server.start();
    try {
      const api = server.api();
      const tokens: string[] = [];
      for (let i = 0; i < 4; i++) tokens.push(await api.createToken("device", BENCH_HALL_ID));
      const sockets = await connectDevices(server.url, tokens, shape.devices);
      try {
        await runLoad(sockets, warm, shape);
        const cpu0 = cpuMs(server.pid);
        const r = await runLoad(sockets, streams, shape);
        const cpu1 = cpuMs(server.pid);
        return { ...r, serverCpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
      } finally {
        closeAll(sockets);
      }
    } finally {
      await server.stop();
    }
  })();
  removeTemp(hpFile);

  const lower = Math.min(sqlite.eventsPerSecond, noop.eventsPerSecond);
  const lowerName = sqlite.eventsPerSecond <= noop.eventsPerSecond ? "plain SQLite" : "plain socket.io";
  const accepted = hp.statuses.accepted ?? 0;
  const rows: Row[] = [
    {
      bench: "ingest",
      figure: "acked events/s, HallPulse /ingest",
      value: hp.eventsPerSecond,
      unit: "ev/s",
      baseline: { name: `lower of the two (${lowerName})`, value: lower },
      ratio: ratio(hp.eventsPerSecond, lower),
      target: "≥ 0.5× the lower baseline",
      met: hp.eventsPerSecond >= 0.5 * lower && accepted === hp.events,
      note: accepted === hp.events ? undefined : `only ${accepted} of ${hp.events} accepted`,
    },
    { bench: "ingest", figure: "baseline (a) plain better-sqlite3, FULL, 2,000/commit", value: sqlite.eventsPerSecond, unit: "ev/s" },
    { bench: "ingest", figure: "baseline (b) plain socket.io no-op ack", value: noop.eventsPerSecond, unit: "ev/s" },
    {
      bench: "ingest",
      figure: "ack latency p50 (batch of 100)",
      value: hp.ackMs.p50,
      unit: "ms",
      baseline: { name: "socket.io no-op", value: noop.ackMs.p50 },
      ratio: ratio(hp.ackMs.p50, noop.ackMs.p50),
    },
    {
      bench: "ingest",
      figure: "ack latency p99 (batch of 100)",
      value: hp.ackMs.p99,
      unit: "ms",
      baseline: { name: "socket.io no-op", value: noop.ackMs.p99 },
      ratio: ratio(hp.ackMs.p99, noop.ackMs.p99),
    },
  ];
  return {
    name: "ingest",
    rows,
    details: { shape, events: total, hallPulse: hp, plainSqlite: sqlite, noopSocketIo: noop, serverCpuMsPerEvent: hp.serverCpuMs === null ? null : hp.serverCpuMs / hp.events },
    ms: performance.now() - started,
  };
}
