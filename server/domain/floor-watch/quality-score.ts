// The 0–100 data-quality score of one device or window. It explains figures, it does not change them:
// it says how much of a subject's figures rest on events that contradict each other, are missing,
// arrived late or carry a wrong clock. Penalties are rates, so a busy window is not punished for volume.
import { ISSUE_KINDS, type IssueKind, type QualityIssue } from "./quality-types.js";

/**
 * Points off per 1% of the subject's events (seq gaps: per 1% missing). Impossible sequences corrupt
 * figures directly (handling times, waits of 0, utilization above 1); a missing event hides work; a late
 * event was wrong on the wall only until it arrived.
 */
export const RATE_WEIGHTS: Record<Exclude<IssueKind, "clock_skew">, number> = {
  completed_without_start: 5,
  call_before_issue: 5,
  service_on_closed_window: 5,
  seq_gap: 2,
  late_event: 1,
};
/** Flat points off for a skewed clock: every wait and handling time it stamps is shifted. */
export const SKEW_PENALTY = { overToleranceMs: 15, overFiveMinutes: 30 } as const;
export const TRUSTED_FROM = 90;
export const CHECK_FROM = 70;
export const MAX_EXAMPLES = 5;

export type QualityGrade = "trusted" | "check" | "distrust";

export interface SubjectQuality {
  id: string;
  /** Judged events of the subject in the period. */
  events: number;
  score: number;
  grade: QualityGrade;
  /** Issues per kind (seq_gap: gaps; `missing` holds the missing events). */
  counts: Record<IssueKind, number>;
  missing: number;
  /** The worst clock offset among its skewed clocks (ms), or null. */
  skewMs: number | null;
  /** Up to five event ids per kind, earliest first. */
  examples: Partial<Record<IssueKind, string[]>>;
}

export function subjectQuality(id: string, events: number, issues: readonly QualityIssue[]): SubjectQuality {
  const counts = Object.fromEntries(ISSUE_KINDS.map((k) => [k, 0])) as Record<IssueKind, number>;
  const examples: Partial<Record<IssueKind, string[]>> = {};
  let missing = 0;
  let skewMs: number | null = null;
  for (const i of [...issues].sort((a, b) => a.ts - b.ts || (a.eventId < b.eventId ? -1 : 1))) {
    counts[i.kind] += 1;
    const ex = (examples[i.kind] ??= []);
    if (ex.length < MAX_EXAMPLES) ex.push(i.eventId);
    if (i.kind === "seq_gap") missing += i.amount ?? 0;
    if (i.kind === "clock_skew" && (skewMs === null || Math.abs(i.amount ?? 0) > Math.abs(skewMs))) skewMs = i.amount ?? 0;
  }
  const base = Math.max(1, events + missing);
  let penalty = 0;
  for (const [kind, w] of Object.entries(RATE_WEIGHTS) as [keyof typeof RATE_WEIGHTS, number][]) {
    const units = kind === "seq_gap" ? missing : counts[kind];
    penalty += (w * 100 * units) / base;
  }
  if (skewMs !== null) penalty += Math.abs(skewMs) > 5 * 60_000 ? SKEW_PENALTY.overFiveMinutes : SKEW_PENALTY.overToleranceMs;
  const score = Math.max(0, Math.min(100, Math.round(100 - penalty)));
  const grade: QualityGrade = score >= TRUSTED_FROM ? "trusted" : score >= CHECK_FROM ? "check" : "distrust";
  return { id, events, score, grade, counts, missing, skewMs, examples };
}
