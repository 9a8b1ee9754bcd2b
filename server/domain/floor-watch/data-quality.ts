// Device data quality over [from, to): every issue once, then a score per device and per window.
// Judging is on event time (order-independent); the only use of arrival is the grace period: an
// impossible sequence or a seq gap is held back (counted in `pending`) until the event that shows it
// was received `graceMs` ago, so a late start, issue, opening or missing event can still arrive and
// clear it. A past day rebuilt after its last late event is therefore final.
import { parseIsoTimestamp } from "../../../contract/index.js";
import { HallFacts } from "../hall-facts.js";
import { DEFAULT_LATE_AFTER_MS, DEFAULT_SKEW_TOLERANCE_MS, seqGaps, timingIssues } from "./device-timing.js";
import { subjectQuality, type SubjectQuality } from "./quality-score.js";
import { ISSUE_KINDS, windowOf, type EventMeta, type QualityIssue, type ReceivedEvent } from "./quality-types.js";
import { impossibleSequences } from "./sequence-checks.js";

export const DEFAULT_GRACE_MS = 10 * 60_000;

export interface DataQualityOptions {
  /** The judged period: events with ts in [from, to). Earlier events given are context only. */
  from: number;
  to: number;
  /** Server time of the judgement (live: now; rollup: its run time). */
  asOf: number;
  graceMs?: number;
  lateAfterMs?: number;
  skewToleranceMs?: number;
}

export interface DataQualityReport {
  issues: QualityIssue[];
  /** Issues still inside the grace period (not in `issues`, not scored). */
  pending: number;
  devices: SubjectQuality[];
  windows: SubjectQuality[];
}

export function dataQuality(received: readonly ReceivedEvent[], opts: DataQualityOptions): DataQualityReport {
  const facts = new HallFacts();
  const meta = new Map<string, EventMeta>();
  for (const { event, receivedMs } of received) {
    if (!facts.add(event)) continue;
    const ts = parseIsoTimestamp(event.ts) as number;
    meta.set(event.id, { eventId: event.id, ts, receivedMs, deviceId: event.deviceId ?? null, windowId: windowOf(event), seq: event.seq ?? null });
  }
  const inPeriod = (m: EventMeta | undefined): m is EventMeta => m !== undefined && m.ts >= opts.from && m.ts < opts.to;
  const settled = (m: EventMeta) => m.receivedMs + (opts.graceMs ?? DEFAULT_GRACE_MS) <= opts.asOf;
  const judged = [...meta.values()].filter(inPeriod);

  const issues: QualityIssue[] = [];
  let pending = 0;
  const holdOrKeep = (issue: QualityIssue, shownBy: EventMeta) => {
    if (settled(shownBy)) issues.push(issue);
    else pending += 1;
  };
  for (const f of impossibleSequences(facts)) {
    const m = meta.get(f.eventId);
    if (!inPeriod(m)) continue;
    holdOrKeep({ ...f, windowId: m.windowId, deviceId: m.deviceId, ts: m.ts }, m);
  }
  for (const gap of seqGaps(judged)) holdOrKeep(gap, meta.get(gap.eventId) as EventMeta);
  issues.push(
    ...timingIssues(judged, { skewToleranceMs: opts.skewToleranceMs ?? DEFAULT_SKEW_TOLERANCE_MS, lateAfterMs: opts.lateAfterMs ?? DEFAULT_LATE_AFTER_MS }),
  );
  const kindOrder = (k: QualityIssue["kind"]) => ISSUE_KINDS.indexOf(k);
  issues.sort((a, b) => a.ts - b.ts || kindOrder(a.kind) - kindOrder(b.kind) || (a.eventId < b.eventId ? -1 : 1));

  return { issues, pending, devices: subjects(judged, issues, (x) => x.deviceId), windows: subjects(judged, issues, (x) => x.windowId) };
}

/** One SubjectQuality per device (or window) that sent judged events or has issues, by id. */
function subjects(judged: readonly EventMeta[], issues: readonly QualityIssue[], key: (x: { deviceId: string | null; windowId: string | null }) => string | null): SubjectQuality[] {
  const events = new Map<string, number>();
  for (const m of judged) {
    const k = key(m);
    if (k !== null) events.set(k, (events.get(k) ?? 0) + 1);
  }
  const ids = new Set([...events.keys(), ...issues.map(key).filter((k): k is string => k !== null)]);
  return [...ids].sort().map((id) => subjectQuality(id, events.get(id) ?? 0, issues.filter((i) => key(i) === id)));
}
