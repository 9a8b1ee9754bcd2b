// Replays simulated hall days in real time, compressed by `speed`, stamping each event with real time
// (never in the future) and a run-specific id, one simulated weekday after another until aborted.
import { randomBytes } from "node:crypto";
import { parseIsoTimestamp, type HallConfig, type HallEvent, type IngestResult } from "../contract/index.js";
import { dayKindOf, hhmm } from "./day-profile.js";
import { generateHallDay } from "./generate-day.js";
import type { IngestClient } from "./ingest-client.js";
import { addDays, localDateOf, localMidnight, utcMidnight, zoneOffsetMinutes } from "./local-time.js";
import type { HallSimParams } from "./sim-params.js";

export type EventSink = Pick<IngestClient, "send">;

export interface LiveProgress {
  /** 0 for the first simulated day. */
  day: number;
  simDate: string;
  /** Simulated local time of the last event sent, "HH:MM:SS". */
  simTime: string;
  /** Events sent so far in this run. */
  sent: number;
  /** Events in the batch just acknowledged. */
  batch: number;
  /** How far the sender is behind the schedule, in ms (0 when on time). */
  lagMs: number;
}

export interface LiveRunOptions {
  client: EventSink;
  hall: HallConfig;
  hallId: string;
  /** Simulated seconds per real second (10 → a 9-hour hall day in 54 minutes). */
  speed: number;
  seed: number;
  signal?: AbortSignal;
  /** The simulated local time that maps to the moment runLive starts; default "09:00". Earlier events of
   *  that day are sent at once, stamped with their (past) mapped times, so the hall starts mid-day. */
  startAtLocal?: string;
  scale?: number;
  onProgress?(progress: LiveProgress): void;
  /** First simulated date; default today in the hall's time zone (moved to the next weekday when needed). */
  startDate?: string;
  /** Simulate weekdays only (weekends are empty halls); default true. */
  weekdaysOnly?: boolean;
  /** Stop after this many simulated days; default unlimited. */
  maxDays?: number;
  /** Real time between one simulated day's last event and the next day's first; default min(night / speed, 20 s). */
  nightGapMs?: number;
  /** "scheduled" (default): ts is the event's mapped real time, which is never after the send time;
   *  "send-time": ts is the moment of sending (strictly increasing by at least 1 ms). */
  timestamps?: "scheduled" | "send-time";
  /** On abort, complete services in progress and close open windows (default true). */
  closeOnAbort?: boolean;
  /** Distinguishes this run's event and ticket ids; default 8 random hex digits. */
  runId?: string;
  params?: HallSimParams;
}

export interface LiveRunSummary {
  runId: string;
  /** Simulated days replayed to the end. */
  days: number;
  /** Replayed events sent (the closing events are counted in `closing`). */
  sent: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Closing events sent after the abort. accepted/duplicate/rejected count both kinds. */
  closing: number;
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

function hhmmss(msSinceMidnight: number): string {
  return new Date(Math.max(0, msSinceMidnight)).toISOString().slice(11, 19);
}

/** Runs until `signal` aborts (or maxDays days are done); resolves with what was sent. */
export async function runLive(opts: LiveRunOptions): Promise<LiveRunSummary> {
  const { hall, hallId, signal } = opts;
  if (!(opts.speed > 0)) throw new Error(`speed must be > 0, got ${opts.speed}`);
  const speed = opts.speed;
  const runId = opts.runId ?? randomBytes(4).toString("hex");
  const tag = `lv-${runId}`;
  const mode = opts.timestamps ?? "scheduled";
  const weekdaysOnly = opts.weekdaysOnly ?? true;
  const maxDays = opts.maxDays ?? Infinity;
  const summary: LiveRunSummary = { runId, days: 0, sent: 0, accepted: 0, duplicate: 0, rejected: 0, closing: 0 };
  const tally = (results: IngestResult[]) => {
    for (const r of results) summary[r.status]++;
  };

  // What the server has been told, to close the hall cleanly on abort.
  const windowOpen = new Map<string, boolean>();
  const inService = new Map<string, string>(); // windowId → ticketId
  const track = (e: HallEvent) => {
    if (e.type === "window.opened" || e.type === "window.resumed" || e.type === "window.paused") windowOpen.set(e.windowId, true);
    else if (e.type === "window.closed") windowOpen.set(e.windowId, false);
    else if (e.type === "service.started") inService.set(e.windowId, e.ticketId);
    else if (e.type === "service.completed" && inService.get(e.windowId) === e.ticketId) inService.delete(e.windowId);
  };

  const realStart = Date.now();
  let simDate = opts.startDate ?? localDateOf(realStart, zoneOffsetMinutes(hall.timezone, realStart));
  let anchor = { simMs: hhmm(opts.startAtLocal ?? "09:00") * 60_000, realMs: realStart };
  let lastTs = 0;
  let prevDayEnd: { simAbs: number; realMs: number } | null = null;

  for (let day = 0; day < maxDays && !signal?.aborted; day++) {
    let guard = 0;
    while (weekdaysOnly && dayKindOf(simDate) !== "weekday" && guard++ < 7) simDate = addDays(simDate, 1);
    const offset = zoneOffsetMinutes(hall.timezone, utcMidnight(simDate) + 12 * 3_600_000);
    const events = generateHallDay({
      hall,
      hallId,
      date: simDate,
      seed: opts.seed,
      ...(opts.scale !== undefined ? { scale: opts.scale } : {}),
      utcOffsetMinutes: offset,
      idPrefix: tag,
      ticketIdPrefix: `${tag}-${simDate}`,
      ...(opts.params ? { params: opts.params } : {}),
    });
    const midnight = localMidnight(simDate, offset);
    const simMs = events.map((e) => (parseIsoTimestamp(e.ts) as number) - midnight);
    if (prevDayEnd && simMs.length > 0) {
      const nightSim = midnight + (simMs[0] as number) - prevDayEnd.simAbs;
      const gap = opts.nightGapMs ?? Math.min(nightSim / speed, 20_000);
      anchor = { simMs: simMs[0] as number, realMs: prevDayEnd.realMs + gap };
    }
    const dayAnchor = anchor;
    const realOf = (s: number) => dayAnchor.realMs + (s - dayAnchor.simMs) / speed;

    let i = 0;
    while (i < events.length && !signal?.aborted) {
      const wait = realOf(simMs[i] as number) - Date.now();
      if (wait > 0) {
        await abortableSleep(Math.min(wait, 60_000), signal);
        continue;
      }
      const now = Date.now();
      const batch: HallEvent[] = [];
      while (i < events.length && batch.length < 500) {
        const due = realOf(simMs[i] as number);
        if (due > now) break;
        const ts = mode === "send-time" ? Math.max(now, lastTs + 1) : Math.max(Math.min(Math.floor(due), now), lastTs);
        lastTs = ts;
        const event = { ...(events[i] as HallEvent), ts: new Date(ts).toISOString() } as HallEvent;
        track(event);
        batch.push(event);
        i++;
      }
      summary.sent += batch.length;
      try {
        tally(await opts.client.send(batch));
      } catch (err) {
        if (signal?.aborted) break; // the caller closed the client while stopping
        throw err;
      }
      const last = simMs[i - 1] as number;
      opts.onProgress?.({ day, simDate, simTime: hhmmss(last), sent: summary.sent, batch: batch.length, lagMs: Math.max(0, Date.now() - realOf(last)) });
    }
    if (i < events.length) break; // aborted mid-day
    summary.days++;
    const lastSim = simMs[simMs.length - 1];
    if (lastSim !== undefined) prevDayEnd = { simAbs: midnight + lastSim, realMs: realOf(lastSim) };
    simDate = addDays(simDate, 1);
  }

  if (signal?.aborted && (opts.closeOnAbort ?? true)) {
    const ts = new Date(Math.max(Date.now(), lastTs + 1)).toISOString();
    const closing: HallEvent[] = [];
    let n = 0;
    for (const [windowId, ticketId] of inService) {
      closing.push({ id: `${tag}:close:${++n}`, hallId, ts, type: "service.completed", ticketId, windowId, outcome: "done" });
    }
    for (const [windowId, open] of windowOpen) {
      if (open) closing.push({ id: `${tag}:close:${++n}`, hallId, ts, type: "window.closed", windowId });
    }
    if (closing.length > 0) {
      summary.closing = closing.length;
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), 5_000)));
      try {
        const results = await Promise.race([opts.client.send(closing), giveUp]);
        if (results) tally(results);
      } catch {
        // The client may already be closed; the server then simply keeps the windows open.
      } finally {
        clearTimeout(timer);
      }
    }
  }
  return summary;
}
