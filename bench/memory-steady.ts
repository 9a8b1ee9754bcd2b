// Whether a hall's live state stops growing once its horizons are full (issue #8's memory): a busy hall's
// consecutive simulated days are folded hour by hour into what the server keeps per event — the live facts
// and the live view kept per fold (computed every hour, as flushes would), the floor worker's own copy of
// the facts, the consistency facts — each pruned by the server's own rule (LiveHalls: every hour, the last
// 48 hours, LIVE_HORIZON_MS; the consistency checks: every evaluation, consistencyKeptFrom), and the main
// thread's heap is read after a full GC at the end of every day. Section 2's 90-second run offers 1,000
// events/s, ~16 busy days in 90 s, all of it inside the horizons; this shows the curve at a busy hall's
// own rate over ten weeks: what grows is what the horizons hold, then it stops.
//   node --expose-gc --import tsx bench/memory-steady.ts [days=70]
// Not part of `npm run bench` (no speed, no baseline); docs/performance.md quotes it.
import { localDate, startOfLocalDay, type HallEvent } from "../contract/index.js";
import { consistencyKeptFrom } from "../server/app/consistency-service.js";
import { LIVE_HORIZON_MS } from "../server/app/live-halls.js";
import { ConsistencyFacts } from "../server/domain/consistency/event-facts.js";
import { HallFacts } from "../server/domain/hall-facts.js";
import { LiveLoadState } from "../server/domain/live-load/live-load-state.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { BENCH_HALL, BUSY_SCALE } from "./datasets.js";
import { heapUsedAfterGc } from "./heap-after-gc.js";

const heapUsed = heapUsedAfterGc("bench/memory-steady.ts");
const heapMiB = (): number => heapUsed() / 2 ** 20;

const HOUR = 3_600_000;
const days = Number(process.argv[2] ?? 70);
const first = Date.parse("2026-08-01T00:00:00Z");
const hall = BENCH_HALL;
const facts = new HallFacts();
const workerCopy = new HallFacts();
const view = new LiveLoadState(facts);
const consistency = new ConsistencyFacts(hall.timezone);

const before = heapMiB();
const rows: { day: number; date: string; events: number; held: number; heap: number }[] = [];
let folded = 0;
for (let d = 0; d < days; d++) {
  const date = new Date(first + d * 24 * HOUR).toISOString().slice(0, 10);
  // Each event parsed from its own JSON, as events arrive from a socket or the log.
  const events = simulateHallDay({ hall, hallId: "steady", date, seed: 100 + d, scale: BUSY_SCALE, params: demoSimParams, idPrefix: `steady:${date}`, ticketIdPrefix: `steady-${date}` }).events.map(
    (e) => JSON.parse(JSON.stringify(e)) as HallEvent,
  );
  const dayStart = startOfLocalDay(Date.parse(`${date}T12:00:00Z`), hall.timezone);
  let next = 0;
  for (let hour = 1; hour <= 24; hour++) {
    const now = dayStart + hour * HOUR;
    for (; next < events.length && Date.parse((events[next] as HallEvent).ts) < now; next++) {
      const e = events[next] as HallEvent;
      facts.add(e);
      workerCopy.add(e);
      if (e.type === "ticket.issued" || e.type === "service.completed") consistency.add(e);
      folded++;
    }
    view.compute(hall, { hallId: "steady", from: now - HOUR, to: now, live: true, dayStart });
    facts.pruneBefore(now - LIVE_HORIZON_MS);
    workerCopy.pruneBefore(now - LIVE_HORIZON_MS);
    const kept = consistencyKeptFrom(localDate(now, hall.timezone));
    consistency.pruneBefore(kept.visits, kept.outcomes);
  }
  rows.push({ day: d + 1, date, events: events.length, held: facts.eventCount, heap: heapMiB() - before });
}

const at = (day: number) => rows[day - 1];
const last = at(days);
const weekBefore = days > 7 ? at(days - 7) : undefined;
process.stdout.write(
  [
    `${folded} events over ${days} days of one busy hall (simulator scale ${BUSY_SCALE}, ${hall.windows.length} windows, ~${Math.round(folded / days)} a day, weekends quiet); heap after GC above the start, at the end of each day:`,
    ...rows.map((r) => `  day ${r.day} (${r.date}): ${r.heap.toFixed(1)} MiB, ${r.held} events in the live facts`),
    "the live facts' 48 hours are full from day 3; the consistency facts' 61 days (consistencyKeptFrom) from day 62",
    last && weekBefore ? `day ${days} against day ${days - 7} (the same weekday a week before): ${last.heap.toFixed(1)} / ${weekBefore.heap.toFixed(1)} MiB = ${(last.heap / weekBefore.heap).toFixed(3)}×` : "",
    "",
  ].join("\n"),
);
void [facts, workerCopy, view, consistency];
