// Clock skew, late events and gaps in `seq`, from event time against the server's receive time.
// Skew and lateness are told apart per clock: most events of a healthy device arrive within a second, so
// the 90th percentile of (ts − received) over its events is its clock's offset (a device 3 minutes behind
// shows −3 min on every event, which is skew, not 500 late events). An event is late when it arrived
// more than `lateAfterMs` after its own time on that corrected clock (buffered offline, replayed).
import { nearestRank } from "../history/percentiles.js";
import type { EventMeta, QualityIssue } from "./quality-types.js";

export const DEFAULT_SKEW_TOLERANCE_MS = 60_000;
export const DEFAULT_LATE_AFTER_MS = 2 * 60_000;

/** Events without a deviceId are taken as one clock per window (staff console, untagged terminal) or the hall's. */
export function clockKey(m: EventMeta): string {
  return m.deviceId ?? (m.windowId !== null ? `window:${m.windowId}` : "hall");
}

function groupBy<T>(items: readonly T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(it);
    else out.set(k, [it]);
  }
  return out;
}

/** Each clock's offset (ms, device − server): the 90th percentile of ts − received. */
export function clockOffsets(events: readonly EventMeta[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, list] of groupBy(events, clockKey)) {
    const d = list.map((m) => m.ts - m.receivedMs).sort((a, b) => a - b);
    out.set(key, nearestRank(d, 90) ?? 0);
  }
  return out;
}

export interface TimingOptions {
  skewToleranceMs: number;
  lateAfterMs: number;
}

/** One clock_skew issue per clock off by more than the tolerance, and one late_event per late event. */
export function timingIssues(events: readonly EventMeta[], opts: TimingOptions): QualityIssue[] {
  const offsets = clockOffsets(events);
  const out: QualityIssue[] = [];
  for (const [key, list] of groupBy(events, clockKey)) {
    const offset = offsets.get(key) ?? 0;
    if (Math.abs(offset) > opts.skewToleranceMs) {
      // Shown by the event whose offset is the estimate (earliest such), on its window when the clock has one.
      const sample = [...list].sort((a, b) => a.ts - b.ts || (a.eventId < b.eventId ? -1 : 1)).find((m) => m.ts - m.receivedMs === offset) as EventMeta;
      const windows = new Set(list.map((m) => m.windowId));
      const windowId = windows.size === 1 ? (list[0] as EventMeta).windowId : null;
      out.push({ kind: "clock_skew", eventId: sample.eventId, windowId, deviceId: sample.deviceId, ts: sample.ts, amount: offset });
    }
    for (const m of list) {
      const lateness = m.receivedMs - m.ts + offset;
      if (lateness > opts.lateAfterMs) out.push({ kind: "late_event", eventId: m.eventId, windowId: m.windowId, deviceId: m.deviceId, ts: m.ts, amount: lateness });
    }
  }
  return out;
}

/**
 * Gaps in each device's `seq`: consecutive distinct values a < b with b − a > 1 miss b − a − 1 events
 * (lost, or quarantined — either way missing from the figures). When the event with the higher seq is
 * earlier in event time, the device restarted its counter: that is a new run, not a gap.
 */
export function seqGaps(events: readonly EventMeta[]): QualityIssue[] {
  const out: QualityIssue[] = [];
  for (const list of groupBy(events, (m) => (m.seq === null ? null : m.deviceId)).values()) {
    const sorted = [...list].sort((a, b) => (a.seq as number) - (b.seq as number) || a.ts - b.ts || (a.eventId < b.eventId ? -1 : 1));
    for (let i = 1; i < sorted.length; i += 1) {
      const a = sorted[i - 1] as EventMeta;
      const b = sorted[i] as EventMeta;
      const missing = (b.seq as number) - (a.seq as number) - 1;
      if (missing > 0 && b.ts >= a.ts) out.push({ kind: "seq_gap", eventId: b.eventId, relatedEventId: a.eventId, windowId: null, deviceId: b.deviceId, ts: b.ts, amount: missing });
    }
  }
  return out;
}
