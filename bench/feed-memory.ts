// What each hall's reconnect buffer of display updates holds at a steady state (issue #11's memory per
// hall): a busy simulated hall in LiveHalls with a moved clock, its live view published every few seconds
// from 13:00 local into an UpdateFeed — as a hall's heartbeat and flushes publish it — and the heap read
// after a full GC with the feed and after its reset. The feed holds at most 600 updates, none older than
// two minutes (UPDATE_KEEP_MS), and no more than a snapshot's worth of bytes (since session 21); without
// the time bound a hall publishing every 5 s held 50 minutes.
//   node --expose-gc --import tsx bench/feed-memory.ts [publications=600] [stepMs=5000]
// Not part of `npm run bench` (no speed, no baseline); docs/performance.md §8 quotes it.
import { startOfLocalDay, type HallEvent } from "../contract/index.js";
import { leanView, WALL_FORM } from "../server/app/display-forms.js";
import { HallDirectory } from "../server/app/hall-directory.js";
import { LiveHalls } from "../server/app/live-halls.js";
import { scriptedLog } from "../server/app/load-retry.test-support.js";
import { UpdateFeed } from "../server/app/update-feed.js";
import { demoSimParams } from "../simulator/demo-hall.js";
import { simulateHallDay } from "../simulator/generate-day.js";
import { memoryHalls } from "../test/helpers/memory-halls.js";
import { BENCH_HALL, BUSY_SCALE } from "./datasets.js";
import { heapUsedAfterGc } from "./heap-after-gc.js";

const heapUsed = heapUsedAfterGc("bench/feed-memory.ts");

const publications = Number(process.argv[2] ?? 600);
const stepMs = Number(process.argv[3] ?? 5000);
const HALL = "feed";
const date = "2026-11-26";
// Each event parsed from its own JSON, as events arrive from a socket or the log.
const events = simulateHallDay({ hall: BENCH_HALL, hallId: HALL, date, seed: 3, scale: BUSY_SCALE, params: demoSimParams, idPrefix: "f", ticketIdPrefix: "F" }).events.map(
  (e) => JSON.parse(JSON.stringify(e)) as HallEvent,
);
let now = startOfLocalDay(Date.parse(`${date}T12:00:00Z`), BENCH_HALL.timezone) + 13 * 3_600_000;
const directory = new HallDirectory(memoryHalls());
await directory.put(HALL, BENCH_HALL);
// No timers of its own fire here (coalescing and heartbeat far away): the script publishes.
const live = new LiveHalls({ clock: { now: () => now }, log: scriptedLog({ foldEventsForFacts: async () => undefined }), directory, bootEpoch: 1, coalesceMs: 1e9, heartbeatMs: 1e9 });
await live.load();
let next = 0;
const foldUpToNow = () => {
  const batch: HallEvent[] = [];
  for (; next < events.length && Date.parse((events[next] as HallEvent).ts) <= now; next++) batch.push(events[next] as HallEvent);
  if (batch.length > 0) live.fold(HALL, batch);
};
const viewNow = () => {
  const view = live.liveView(HALL);
  if (!view) throw new Error("the hall is not configured");
  return view;
};

foldUpToNow();
const feed = new UpdateFeed(1);
feed.publishFirst(viewNow());
let jsonBytes = 0;
let wallBytes = 0;
for (let i = 0; i < publications; i++) {
  now += stepMs;
  foldUpToNow();
  const forms = feed.publishNext(viewNow(), now);
  if (forms) {
    jsonBytes += JSON.stringify(forms.full).length;
    wallBytes += JSON.stringify(forms[WALL_FORM]).length;
  }
}
const withFeed = heapUsed();
const held = feed.heldCount;
feed.reset();
const without = heapUsed();
const lastView = viewNow();
live.stop();
process.stdout.write(
  [
    `${publications} publications ${stepMs} ms apart from 13:00 local of a busy hall (simulator scale ${BUSY_SCALE}, ${BENCH_HALL.windows.length} windows)`,
    `an update, on average: ${Math.round(jsonBytes / publications)} bytes of JSON in full, ${Math.round(wallBytes / publications)} in the walls' form; a snapshot (the last view): ${JSON.stringify(lastView).length} bytes, ${JSON.stringify(leanView(lastView)).length} as a wall takes it`,
    `the feed's heap: ${((withFeed - without) / 2 ** 20).toFixed(2)} MiB, ${held} updates held`,
    "",
  ].join("\n"),
);
