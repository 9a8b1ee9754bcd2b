// Figures computed from the log alone: every event in the SQLite file folded by the pure domain, for
// comparing with what the server answers.
import Database from "better-sqlite3";
import { type HallConfig, type HallEvent, type LoadView, startOfLocalDay } from "../../contract/index.js";
import { HallFacts } from "../../server/domain/hall-facts.js";
import { computeLoadView } from "../../server/domain/load-view.js";

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

export function figuresFromLog(dbFile: string, hallId: string, hall: HallConfig, from: number, to: number): LoadView {
  const facts = new HallFacts();
  for (const e of eventsInLog(dbFile, hallId)) facts.add(e);
  return computeLoadView(facts, hall, { hallId, from, to, live: false, dayStart: startOfLocalDay(to, hall.timezone) });
}
