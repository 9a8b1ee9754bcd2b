// Per-window figures over [from, to) and the window's state at `to` (docs/metrics.md, "Per window").
import type { CurrentTicket, WindowState } from "../../contract/index.js";
import type { EvaluationFact, TicketFacts, WindowFacts } from "./facts.js";
import { unionLengthWithin, type Interval } from "./intervals.js";
import { serviceEpisodes } from "./service-episodes.js";
import { compareStamps, type Stamp } from "./stamp.js";
import { openIntervals, stateAt } from "./window-timeline.js";

export interface WindowFigures {
  openMs: number;
  busyMs: number;
  served: number;
  handleMsTotal: number;
  handleCount: number;
  servedToday: number;
  ratingSum: number;
  ratingCount: number;
  /** Ratings ≤ 2 (差评) among them. */
  poorRatings: number;
  state: WindowState;
  stateSince: number | null;
  currentTicket: { ticketId: string; phase: CurrentTicket["phase"]; since: number } | null;
}

export function windowFigures(w: WindowFacts | undefined, from: number, to: number, dayStart: number): WindowFigures {
  const figures: WindowFigures = {
    openMs: 0,
    busyMs: 0,
    served: 0,
    handleMsTotal: 0,
    handleCount: 0,
    servedToday: 0,
    ratingSum: 0,
    ratingCount: 0,
    poorRatings: 0,
    state: "closed",
    stateSince: null,
    currentTicket: null,
  };
  if (!w) return figures;
  figures.openMs = unionLengthWithin(openIntervals(w.transitions), from, to);
  const st = stateAt(w.transitions, to);
  figures.state = st.state;
  figures.stateSince = st.since;

  const busy: Interval[] = [];
  // A ticket's services that ended (last fact a completion) before both `from` and the day's start add
  // nothing here: every episode of it ends by then and none is open. Skipping them keeps the live view's
  // cost to the services of the last hour and today instead of all 48 hours.
  const irrelevantBefore = Math.min(from, dayStart);
  for (const list of w.services.values()) {
    const last = list[list.length - 1];
    if (last === undefined || (last.kind === "completed" && last.ts < irrelevantBefore)) continue;
    for (const ep of serviceEpisodes(list)) {
      if (ep.start !== null) busy.push({ start: ep.start, end: ep.end ?? Infinity });
      if (ep.end === null) continue;
      if (ep.end >= from && ep.end < to) {
        figures.served += 1;
        if (ep.start !== null) {
          figures.handleMsTotal += Math.max(0, ep.end - ep.start);
          figures.handleCount += 1;
        }
      }
      if (ep.end >= dayStart && ep.end < to) figures.servedToday += 1;
    }
  }
  figures.busyMs = unionLengthWithin(busy, from, to);

  // One evaluation per ticket at this window: its latest, counted in the interval where it falls. This
  // keeps ratings additive over intervals (history sums 15-minute rollups); a re-rating moves the rating
  // to the later interval, as any late event may change a past interval's figures.
  for (const e of latestEvaluations(w)) {
    if (e.ts >= from && e.ts < to) {
      figures.ratingSum += e.rating;
      figures.ratingCount += 1;
      if (e.rating <= 2) figures.poorRatings += 1;
    }
  }
  if (st.state !== "closed") figures.currentTicket = currentTicketAt(w, to);
  return figures;
}

/**
 * The ticket most recently called to or started at this window by `to`, unless it has since been
 * completed, marked no-show or transferred away here.
 */
export function currentTicketAt(w: WindowFacts, to: number): WindowFigures["currentTicket"] {
  type Candidate = Stamp & { ticketId: string; phase: CurrentTicket["phase"] };
  const found: { latest: Candidate | null } = { latest: null };
  const consider = (s: Stamp, ticketId: string, phase: CurrentTicket["phase"]) => {
    if (s.ts <= to && (found.latest === null || compareStamps(s, found.latest) > 0)) found.latest = { ...s, ticketId, phase };
  };
  // Calls are sorted: the latest at or before `to` is found from the end. A ticket's services whose last
  // fact is older than the best found so far cannot beat it and are skipped (48 hours of services otherwise).
  for (let i = w.calls.length - 1; i >= 0; i--) {
    const c = w.calls[i] as (typeof w.calls)[number];
    if (c.ts <= to) {
      consider(c, c.ticketId, "called");
      break;
    }
  }
  for (const [ticketId, list] of w.services) {
    const last = list[list.length - 1];
    if (last === undefined || (found.latest !== null && last.ts < found.latest.ts)) continue;
    for (const f of list) if (f.kind === "started") consider(f, ticketId, "serving");
  }
  const cur = found.latest;
  if (cur === null) return null;
  const after = (s: Stamp) => s.ts <= to && compareStamps(s, cur) > 0;
  const services = w.services.get(cur.ticketId) ?? [];
  if (services.some((f) => f.kind === "completed" && after(f))) return null;
  if (w.leaves.some((l) => l.ticketId === cur.ticketId && after(l))) return null;
  // A call here after which the ticket was started keeps phase "serving" from the start's time.
  return { ticketId: cur.ticketId, phase: cur.phase, since: cur.ts };
}

/** Each ticket's latest evaluation at this window (evaluations are sorted, so the last one wins). */
export function latestEvaluations(w: WindowFacts): EvaluationFact[] {
  const latest = new Map<string, EvaluationFact>();
  for (const e of w.evaluations) latest.set(e.ticketId, e);
  return [...latest.values()];
}

/** The ticket's number as issued, for displays (tickets seen only through calls have no number). */
export function ticketNumber(t: TicketFacts | undefined): string | null {
  return t?.issues[0]?.ticketNo ?? null;
}
