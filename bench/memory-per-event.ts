// Bytes of heap per event held, per part of a hall's live state (issue #8's memory, issue #11's memory per
// node): busy simulated halls' last 48 hours are folded as the server folds them — the live facts, the
// live view kept per fold (after one compute), the consistency facts, the book of estimates at issue (since
// session 21), and the floor worker's copy of the facts — and the heap is read after a full GC between the
// parts. Each event is parsed from its own JSON
// text, as events arrive from a socket or the log, and the same parsed event is folded into every part of
// the main thread, as the server does; the strings the parts keep of it are counted once the parsed events
// are dropped. The worker's copy folds events copied the way postMessage copies them.
//   node --expose-gc --import tsx bench/memory-per-event.ts [halls=5]
// Not part of `npm run bench`: it measures no speed and has no baseline; docs/performance.md quotes it.
import { deserialize, serialize } from "node:v8";
import { parseIsoTimestamp, startOfLocalDay, type HallEvent } from "../contract/index.js";
import { IssueEstimateBook, withFactsIds } from "../server/app/live-floor.js";
import { ConsistencyFacts } from "../server/domain/consistency/event-facts.js";
import { HallFacts } from "../server/domain/hall-facts.js";
import { LiveLoadState } from "../server/domain/live-load/live-load-state.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { BENCH_HALL, BUSY_SCALE } from "./datasets.js";
import { heapUsedAfterGc } from "./heap-after-gc.js";

const heapUsed = heapUsedAfterGc("bench/memory-per-event.ts");

const halls = Number(process.argv[2] ?? 5);
const dates = ["2026-11-25", "2026-11-26"];
/** Each hall's events as JSON texts: parsed again for each part, so that no part shares the strings of another. */
const texts: string[][] = [];
for (let h = 0; h < halls; h++) {
  const hallId = `mem-${h}`;
  const day = dates.flatMap(
    (date) => simulateHallDay({ hall: BENCH_HALL, hallId, date, seed: 10 + h, scale: BUSY_SCALE, params: demoSimParams, idPrefix: `${hallId}:${date}`, ticketIdPrefix: `${hallId}-${date}` }).events,
  );
  texts.push(day.map((e) => JSON.stringify(e)));
}
const n = texts.reduce((s, e) => s + e.length, 0);
const parsed = (text: string) => JSON.parse(text) as HallEvent;
/** The events as the floor worker receives them: batches copied by the structured clone of postMessage. */
const workerBatches = texts.map((day) => {
  const batches: Buffer[] = [];
  for (let i = 0; i < day.length; i += 100) batches.push(serialize(day.slice(i, i + 100).map(parsed)));
  return batches;
});

const before = heapUsed();
/** Held here until the parts have folded them, then dropped. */
const parsedEvents: { days: HallEvent[][] | null } = { days: texts.map((day) => day.map(parsed)) };
const events = parsedEvents.days ?? [];
const withEvents = heapUsed();
const facts = events.map((day) => {
  const f = new HallFacts();
  for (const e of day) f.add(e);
  return f;
});
const withFacts = heapUsed();
const now = Date.parse(`${dates[1]}T08:00:00Z`);
const views = facts.map((f) => {
  const view = new LiveLoadState(f);
  view.compute(BENCH_HALL, { hallId: "mem", from: now - 3_600_000, to: now, live: true, dayStart: startOfLocalDay(now, BENCH_HALL.timezone) });
  return view;
});
const withViews = heapUsed();
const consistency = events.map((day) => {
  const c = new ConsistencyFacts(BENCH_HALL.timezone);
  for (const e of day) if (e.type === "ticket.issued" || e.type === "service.completed") c.add(e);
  return c;
});
const withConsistency = heapUsed();
// The book of estimates at issue (IssueEstimateBook): one record per ticket, as the live floor records it
// from the floor worker's scan — its ids arrive as the message's copies, and are swapped for the facts' own.
const books = texts.map((day, h) => {
  const book = new IssueEstimateBook();
  const issued = (deserialize(serialize(day.map(parsed).filter((e) => e.type === "ticket.issued"))) as HallEvent[]).map((e) => ({ e, ts: parseIsoTimestamp(e.ts) as number }));
  const last = issued.at(-1)?.ts ?? 0;
  for (let i = 0; i < issued.length; i += 100) {
    const batch = issued.slice(i, i + 100).map(({ e, ts }, k) => ({
      ticketId: (e as { ticketId: string }).ticketId,
      categoryId: (e as { categoryId: string }).categoryId,
      issuedAt: ts,
      estimatedAt: ts + 1_000,
      p50Minutes: 4 + (k % 7) / 2,
      p80Minutes: 9 + (k % 11) / 2,
      basis: "measured" as const,
      modelP50Minutes: 3 + (k % 5) / 2,
      modelP80Minutes: 7 + (k % 9) / 2,
    }));
    book.record(withFactsIds(batch, facts[h] as HallFacts), last);
  }
  return book;
});
const withBook = heapUsed();
parsedEvents.days = null;
events.length = 0;
const mainThread = heapUsed();
const workerCopies = workerBatches.map((batches) => {
  const f = new HallFacts();
  for (const batch of batches) for (const e of deserialize(batch) as HallEvent[]) f.add(e);
  return f;
});
const withWorkerCopies = heapUsed();

const perEvent = (bytes: number) => `${Math.round(bytes / n)} B`;
process.stdout.write(
  [
    `${n} events: ${halls} busy halls (simulator scale ${BUSY_SCALE}, ${BENCH_HALL.windows.length} windows), ${dates.join(" and ")}`,
    `live facts: ${perEvent(withFacts - withEvents)} per event`,
    `live view kept per fold: ${perEvent(withViews - withFacts)} per event`,
    `consistency facts: ${perEvent(withConsistency - withViews)} per event`,
    `the book of estimates at issue (one record per ticket): ${perEvent(withBook - withConsistency)} per event`,
    `strings of the parsed events the parts keep (ids, names): ${perEvent(mainThread - before - (withBook - withEvents))} per event`,
    `main thread together: ${perEvent(mainThread - before)} per event`,
    `the floor worker's copy of the live facts (events copied as postMessage copies them): ${perEvent(withWorkerCopies - mainThread)} per event`,
    "",
  ].join("\n"),
);
// Kept alive until measured.
void [facts, views, consistency, books, workerCopies];
