// The workload of the crash loop: the one hall it drives and a seeded, realistic stream of that hall's
// events (windows open, tickets issued → called → served → evaluated). Seeded so that a failing run can
// be replayed with the same stream via --seed.
import type { HallEvent } from "../../contract/index.js";
import { Rng } from "../../simulator/random.js";
import { testHall } from "../helpers/hall-fixture.js";

/** The hall the loop creates, streams into and counts rows of in the database file. */
export const HALL = "crash-hall";

/**
 * A hall's stream of about `total` events, all inside the last 20 minutes before `nowMs` (so inside the
 * 60-minute live view for a run of up to 40 minutes): the three windows open, then tickets are issued, called,
 * served and evaluated; some wait, some stay in service, a few are no-shows. Ids contain no long digit
 * runs (the personal-data check would quarantine them).
 */
export function crashStream(rng: Rng, hallId: string, nowMs: number, total: number): HallEvent[] {
  const prefix = `c${(rng.uint32() >>> 0).toString(36)}`;
  let n = 0;
  const ev = (tsMs: number, fields: Record<string, unknown>): HallEvent =>
    ({ id: `${prefix}-e${(n++).toString(36)}`, hallId, ts: new Date(Math.round(tsMs)).toISOString(), ...fields }) as HallEvent;
  const start = nowMs - 20 * 60_000;
  const end = nowMs - 60_000;
  const events: HallEvent[] = [];
  for (const w of testHall.windows) events.push(ev(start, { type: "window.opened", windowId: w.id, staffId: `s-${w.id}` }));
  const tickets = Math.max(1, Math.ceil((total - events.length) / 4.2));
  for (let i = 0; i < tickets; i++) {
    const issued = start + 30_000 + ((end - start - 6 * 60_000) * i) / tickets;
    const ticketId = `${prefix}-t${i.toString(36)}`;
    const categoryId = rng.chance(0.35) ? "estate" : "social";
    const windowId = categoryId === "estate" ? "w3" : rng.chance(0.5) ? "w1" : "w2";
    events.push(ev(issued, { type: "ticket.issued", ticketId, ticketNo: `A${i.toString(36).toUpperCase()}`, categoryId, channel: rng.chance(0.8) ? "kiosk" : "online" }));
    if (rng.chance(0.08)) continue; // still waiting
    const called = issued + rng.uniform(10_000, 4 * 60_000);
    events.push(ev(called, { type: "ticket.called", ticketId, windowId }));
    if (rng.chance(0.05)) {
      events.push(ev(called + 60_000, { type: "ticket.no_show", ticketId, windowId }));
      continue;
    }
    const started = called + rng.uniform(5_000, 40_000);
    events.push(ev(started, { type: "service.started", ticketId, windowId }));
    if (rng.chance(0.06)) continue; // still in service
    const completed = Math.min(end, started + rng.uniform(30_000, 5 * 60_000));
    events.push(ev(completed, { type: "service.completed", ticketId, windowId, outcome: rng.chance(0.15) ? "needs_materials" : "done" }));
    if (rng.chance(0.6)) events.push(ev(completed + 5_000, { type: "evaluation.submitted", ticketId, windowId, rating: rng.int(1, 5) }));
  }
  return events;
}
