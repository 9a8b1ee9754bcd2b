// The live view kept per fold (issue #8). computeLoadView and computeTodaySeries visit every ticket and
// every service of the live facts at each flush, so a flush cost grew with the day's tickets; here each
// ticket's, service's and rating's contribution is added when its facts change and removed when they
// change again, and a flush reads sums: the waiting tickets, the buckets of the last hour and of the
// day, and one merged busy list per window. It gives exactly what the two reference functions give on
// the same facts (live-load-state.properties.test.ts compares them on random event histories).
import type { HallConfig, LoadView, TodaySeries } from "../../../contract/index.js";
import type { EvaluationFact, ServiceFact, WindowFacts } from "../facts.js";
import type { FactChanges } from "../fact-changes.js";
import type { HallFacts } from "../hall-facts.js";
import { assembleLoadView, countWaiting, newCategoryAccumulators, type CategoryAccumulator, type LoadViewRequest } from "../load-view.js";
import { compareStamps } from "../stamp.js";
import { waitingAt } from "../ticket-queue.js";
import { windowFigures, type WindowFigures } from "../window-figures.js";
import { openMsWithin, stateAt } from "../window-timeline.js";
import { BucketedSums, type TimedEntry } from "./bucketed-sums.js";
import { BusyUnion } from "./busy-union.js";
import {
  replaceEntry,
  replaceServices,
  servicesContribution,
  ticketContribution,
  type ServicesContribution,
  type TicketContribution,
} from "./contributions.js";
import { KeptDaySums } from "./kept-day-sums.js";
import { currentTicketAfter } from "./current-ticket.js";
import { KeptTodaySeries } from "./kept-today-series.js";

export interface LiveLoad {
  view: LoadView;
  today: TodaySeries;
}

interface CurrentAt {
  /** The `to` it was computed for; it holds for any later `to` while the window has no fact after it. */
  at: number;
  current: WindowFigures["currentTicket"];
}

export class LiveLoadState {
  /** Each ticket's first issue, by category. */
  private readonly arrivals = new BucketedSums();
  /** Each ticket's wait at its first call, by the category it was issued in. */
  private readonly waits = new BucketedSums();
  /** Each service episode's end, by window, with its handling time when it has a start. */
  private readonly served = new BucketedSums();
  /** Each window's services of today, the day's past buckets kept between computes. */
  private readonly servedToday = new KeptDaySums(this.served);
  /** Each ticket's latest rating at a window, by window; the poor ones (≤ 2) again apart. */
  private readonly ratings = new BucketedSums();
  private readonly poorRatings = new BucketedSums();
  private readonly busy = new Map<string, BusyUnion>();

  /**
   * What each ticket and service list changed since the last compute contributed before its first change
   * (HallFacts' watcher): nothing is remembered per ticket between computes (contributions.ts).
   */
  private readonly ticketsBefore = new Map<string, TicketContribution>();
  /** By window, then ticket. */
  private readonly servicesBefore = new Map<string, Map<string, ServicesContribution | null>>();
  /** Each window's latest rating of each ticket (a re-rating replaces it): the facts already held, by window and ticket. */
  private readonly latestRatings = new Map<string, Map<string, EvaluationFact>>();

  /**
   * Every ticket that may be waiting at the last `to` or later: those waiting then, those with a fact
   * after it, and those changed since. A ticket leaves once all its facts are at or before `to` and it is
   * not waiting: called after its last queue entry, or abandoned — neither undone by time passing.
   */
  private readonly candidates = new Set<string>();
  private readonly windowLatest = new Map<string, number>();
  /** Each window's latest service start (facts are only added; a prune rebuilds). */
  private readonly latestStart = new Map<string, ServiceFact>();
  private readonly currentCache = new Map<string, CurrentAt>();
  private lastTo = -Infinity;
  /**
   * Entries stamped before this are not kept: no compute reads before the day's start or the live hour's
   * (the earlier of the two when built). The facts hold 48 hours, the sums only what a flush can ask —
   * about half of a hall's live view by the afternoon (issue #11, a province node's heap). A request that
   * reaches further back (a clock stepped back) builds the sums again from the facts; the hourly prune
   * rebuilds them too, dropping yesterday's after midnight.
   */
  private keepFrom = -Infinity;
  /** Today's series, its slots kept between computes (reads the three sums below). */
  private readonly series: KeptTodaySeries;

  constructor(private readonly facts: HallFacts) {
    facts.recordChanges({
      ticketChanging: (id, t) => this.ticketsBefore.set(id, ticketContribution(t, this.keepFrom)),
      servicesChanging: (windowId, ticketId, list) => {
        let before = this.servicesBefore.get(windowId);
        if (!before) {
          before = new Map();
          this.servicesBefore.set(windowId, before);
        }
        before.set(ticketId, servicesContribution(list, this.keepFrom));
      },
    });
    this.series = new KeptTodaySeries({ arrivals: this.arrivals, served: this.served, waits: this.waits });
  }

  /** What computeLoadView(facts, hall, req) and computeTodaySeries(facts, req.dayStart, req.to) give. */
  compute(hall: HallConfig, req: LoadViewRequest): LiveLoad {
    const { from, to, dayStart } = req;
    const changes = this.facts.takeChanges();
    const earliest = Math.min(from, dayStart);
    if (changes.all || earliest < this.keepFrom) {
      this.keepFrom = earliest;
      this.rebuild();
    } else this.apply(changes);
    // A clock stepped back: tickets dropped as settled at the later time may wait again at this one.
    if (to < this.lastTo) {
      for (const id of this.facts.tickets.keys()) this.candidates.add(id);
      this.currentCache.clear();
    }
    this.lastTo = to;

    const cats = this.categorySums(hall, from, to);
    const servedHour = this.served.byKey(from, to);
    const servedDay = this.servedToday.byKey(dayStart, to);
    const ratingsHour = this.ratings.byKey(from, to);
    const poorHour = this.poorRatings.byKey(from, to);
    const figuresOf = (windowId: string): WindowFigures => {
      const w = this.facts.windows.get(windowId);
      if (!w) return windowFigures(undefined, from, to, dayStart);
      const st = stateAt(w.transitions, to);
      const served = servedHour.get(windowId);
      const rated = ratingsHour.get(windowId);
      return {
        openMs: openMsWithin(w.transitions, from, to),
        busyMs: this.busy.get(windowId)?.lengthWithin(from, to) ?? 0,
        served: served?.count ?? 0,
        handleMsTotal: served?.valueSum ?? 0,
        handleCount: served?.valued ?? 0,
        servedToday: servedDay.get(windowId)?.count ?? 0,
        ratingSum: rated?.valueSum ?? 0,
        ratingCount: rated?.count ?? 0,
        poorRatings: poorHour.get(windowId)?.count ?? 0,
        state: st.state,
        stateSince: st.since,
        currentTicket: st.state === "closed" ? null : this.currentTicket(windowId, w, to),
      };
    };
    return { view: assembleLoadView(this.facts, hall, req, cats, figuresOf), today: this.series.compute(dayStart, to) };
  }

  /** Entries held in the sums (arrivals, waits, services, ratings): for the tests and the memory benchmark. */
  entriesHeld(): number {
    return this.arrivals.size + this.waits.size + this.served.size + this.ratings.size + this.poorRatings.size;
  }

  private categorySums(hall: HallConfig, from: number, to: number): Map<string, CategoryAccumulator> {
    const cats = newCategoryAccumulators(hall);
    for (const id of this.candidates) {
      const t = this.facts.tickets.get(id);
      if (!t) {
        this.candidates.delete(id);
        continue;
      }
      const waiting = waitingAt(t, to);
      if (waiting) countWaiting(cats, waiting);
      else if (t.lastTs <= to) this.candidates.delete(id);
    }
    for (const [categoryId, s] of this.arrivals.byKey(from, to)) {
      const acc = cats.get(categoryId);
      if (acc) acc.arrivals += s.count;
    }
    for (const [categoryId, s] of this.waits.byKey(from, to)) {
      const acc = cats.get(categoryId);
      if (!acc) continue;
      acc.called += s.count;
      acc.waitSum += s.valueSum;
      acc.waitMax = Math.max(acc.waitMax, s.max);
    }
    return cats;
  }

  /** The window's current ticket, recomputed only when the window changed or `to` may show other facts. */
  private currentTicket(windowId: string, w: WindowFacts, to: number): WindowFigures["currentTicket"] {
    const cached = this.currentCache.get(windowId);
    if (cached && cached.at <= to && (this.windowLatest.get(windowId) ?? -Infinity) <= cached.at) return cached.current;
    const current = currentTicketAfter(w, to, this.latestStart.get(windowId));
    this.currentCache.set(windowId, { at: to, current });
    return current;
  }

  private apply(changes: FactChanges): void {
    for (const id of changes.tickets) {
      const before = this.ticketsBefore.get(id);
      if (before === undefined) throw new Error(`live view: ticket ${id} changed unannounced`);
      const now = ticketContribution(this.facts.tickets.get(id), this.keepFrom);
      replaceEntry(this.arrivals, before.arrival, now.arrival);
      replaceEntry(this.waits, before.wait, now.wait);
      this.candidates.add(id);
    }
    for (const [windowId, tickets] of changes.services) {
      const lists = this.facts.windows.get(windowId)?.services;
      for (const ticketId of tickets) {
        const before = this.servicesBefore.get(windowId)?.get(ticketId);
        if (before === undefined) throw new Error(`live view: services of ${ticketId} at ${windowId} changed unannounced`);
        const list = lists?.get(ticketId) ?? [];
        this.noteLatestStart(list);
        replaceServices(this.served, this.busyOf, before, servicesContribution(list, this.keepFrom));
      }
    }
    this.ticketsBefore.clear();
    this.servicesBefore.clear();
    for (const e of changes.evaluations) this.updateRating(e);
    for (const [windowId, ts] of changes.windows) {
      this.noteWindowFact(windowId, ts);
      this.currentCache.delete(windowId);
    }
  }

  /** Everything from the facts again: at the first compute, and after the facts were pruned. */
  private rebuild(): void {
    for (const sums of [this.arrivals, this.waits, this.served, this.ratings, this.poorRatings]) sums.clear();
    this.busy.clear();
    this.ticketsBefore.clear();
    this.servicesBefore.clear();
    this.latestRatings.clear();
    this.candidates.clear();
    this.windowLatest.clear();
    this.latestStart.clear();
    this.currentCache.clear();
    for (const [id, t] of this.facts.tickets) {
      const c = ticketContribution(t, this.keepFrom);
      replaceEntry(this.arrivals, null, c.arrival);
      replaceEntry(this.waits, null, c.wait);
      this.candidates.add(id);
    }
    for (const [windowId, w] of this.facts.windows) {
      for (const list of w.services.values()) {
        this.noteLatestStart(list);
        replaceServices(this.served, this.busyOf, null, servicesContribution(list, this.keepFrom));
      }
      for (const e of w.evaluations) this.updateRating(e);
      for (const list of [w.transitions, w.calls, w.leaves, w.evaluations]) {
        const last = list[list.length - 1];
        if (last) this.noteWindowFact(windowId, last.ts);
      }
      for (const list of w.services.values()) {
        const last = list[list.length - 1];
        if (last) this.noteWindowFact(windowId, last.ts);
      }
    }
  }

  private readonly busyOf = (windowId: string): BusyUnion => {
    let busy = this.busy.get(windowId);
    if (!busy) {
      busy = new BusyUnion();
      this.busy.set(windowId, busy);
    }
    return busy;
  };

  private noteWindowFact(windowId: string, ts: number): void {
    const prev = this.windowLatest.get(windowId);
    if (prev === undefined || ts > prev) this.windowLatest.set(windowId, ts);
  }

  private noteLatestStart(list: readonly ServiceFact[]): void {
    for (const f of list) {
      if (f.kind !== "started") continue;
      const latest = this.latestStart.get(f.windowId);
      if (latest === undefined || compareStamps(f, latest) > 0) this.latestStart.set(f.windowId, f);
    }
  }

  /** A ticket's rating at a window is its latest evaluation there (a re-rating replaces it). */
  private updateRating(e: EvaluationFact): void {
    // A rating before keepFrom is never read; a later re-rating has a later stamp, so also a later time.
    if (e.ts < this.keepFrom) return;
    let byTicket = this.latestRatings.get(e.windowId);
    if (!byTicket) {
      byTicket = new Map();
      this.latestRatings.set(e.windowId, byTicket);
    }
    const old = byTicket.get(e.ticketId);
    if (old && compareStamps(e, old) <= 0) return;
    if (old) {
      this.ratings.remove(ratingEntry(old));
      if (old.rating <= 2) this.poorRatings.remove(poorEntry(old));
    }
    this.ratings.add(ratingEntry(e));
    if (e.rating <= 2) this.poorRatings.add(poorEntry(e));
    byTicket.set(e.ticketId, e);
  }
}

const ratingEntry = (e: EvaluationFact): TimedEntry => ({ ts: e.ts, key: e.windowId, value: e.rating });
const poorEntry = (e: EvaluationFact): TimedEntry => ({ ts: e.ts, key: e.windowId, value: null });
