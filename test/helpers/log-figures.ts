// Figures computed from the log alone: every event in the log folded by the pure domain, for comparing
// with what the server answers. The file-based functions read a SQLite file (the crash and storage-fault
// tests, which own theirs); the *Of variants read a ServerProcess's storage, SQLite or PostgreSQL
// (test/helpers/log-db.ts).
import Database from "better-sqlite3";
import { type HallConfig, type HallEvent, type LoadView, startOfLocalDay } from "../../contract/index.js";
import { HallFacts } from "../../server/domain/hall-facts.js";
import { computeLoadView } from "../../server/domain/load-view.js";
import { withLogDb } from "./log-db.js";
import type { ServerProcess } from "./server-process.js";

export function eventsInLog(dbFile: string, hallId: string): HallEvent[] {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare(`select payload from "Event" where hallId = ? order by seq`).pluck().all(hallId) as string[]).map(
      (p) => JSON.parse(p) as HallEvent,
    );
  } finally {
    db.close();
  }
}

/** The hall's events in commit order, from the server's storage (SQLite or PostgreSQL). */
export async function eventsInLogOf(server: ServerProcess, hallId: string): Promise<HallEvent[]> {
  const rows = await withLogDb(server, (db) => db.all<{ payload: string }>(`select "payload" from "Event" where "hallId" = ? order by "seq"`, [hallId]));
  return rows.map((r) => JSON.parse(r.payload) as HallEvent);
}

function fold(events: readonly HallEvent[], hallId: string, hall: HallConfig, from: number, to: number): LoadView {
  const facts = new HallFacts();
  for (const e of events) facts.add(e);
  return computeLoadView(facts, hall, { hallId, from, to, live: false, dayStart: startOfLocalDay(to, hall.timezone) });
}

export function figuresFromLog(dbFile: string, hallId: string, hall: HallConfig, from: number, to: number): LoadView {
  return fold(eventsInLog(dbFile, hallId), hallId, hall, from, to);
}

/** figuresFromLog from the server's storage (SQLite or PostgreSQL). */
export async function figuresFromLogOf(server: ServerProcess, hallId: string, hall: HallConfig, from: number, to: number): Promise<LoadView> {
  return fold(await eventsInLogOf(server, hallId), hallId, hall, from, to);
}
