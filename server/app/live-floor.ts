// The live view's floor section (issue #9): idle-while-waiting windows, wait estimates per category and
// early warnings, mapped to the contract's shapes and cached per hall. estimateWaits (60–75 ms on a busy
// hall, several hundred on a very busy one) and floorAlerts (~30 ms) are too slow for every 250 ms flush,
// so a hall's section is recomputed at most every 5 s and otherwise served from the cache: GET …/load and
// a hall's first publication recompute it when due (`get`); a coalesced flush serves the cached one and
// has it refreshed right after publishing (`peek`, then `refreshWith` — the scan on the floor worker,
// issue #8). The early warnings (live-warnings.ts) are slower still and change slowly: they are recomputed
// with the section at most every 30 s. `now` always comes from the injected clock.
import type { FloorIdle, FloorTicketWait, FloorWait, FloorWarning, HallConfig, HallEvent, LiveFloor, LoadView, ScreenBand } from "../../contract/index.js";
import type { HallFacts } from "../domain/hall-facts.js";
import { DEFAULT_IDLE_THRESHOLD_MS, floorAlerts } from "../domain/floor-watch/index.js";
import { issueEstimates, type CalibrationInput, type IssueEstimate } from "../domain/wait-estimate/calibration.js";
import { estimateWaits, type WaitEstimates } from "../domain/wait-estimate/estimate-waits.js";
import { recalibrate, type WaitCorrection } from "../domain/wait-estimate/recalibrate.js";
import { screenBand } from "../domain/wait-estimate/screen-band.js";
import { LiveWarnings, type LiveWarningOptions } from "./live-warnings.js";

/** How long a computed floor section is served before it is recomputed. */
export const FLOOR_REFRESH_MS = 5000;
/**
 * The heartbeat publishes a quiet hall once ~5 s (less its 50 ms tolerance) passed since the last flush;
 * the same tolerance here lets that heartbeat refresh the section instead of leaving it for the next one.
 */
const REFRESH_TOLERANCE_MS = 50;

interface Cached {
  at: number;
  floor: LiveFloor;
  book: IssueEstimateBook;
  tickets: TicketBands;
}

const iso = (ms: number) => new Date(ms).toISOString();
const oneDecimal = (x: number) => Math.round(x * 10) / 10;

/** The idle threshold: the hall's `targets.idleMinutes` when configured, else the domain default (5 min). */
export function idleThresholdMs(config: HallConfig): number {
  const minutes = config.targets.idleMinutes;
  return minutes === undefined ? DEFAULT_IDLE_THRESHOLD_MS : minutes * 60_000;
}

/**
 * The correction is learned from the last 24 hours' tickets: a minute's more of them moves it by little,
 * and learning it walks every record — 15–65 ms on the event loop with the ~20,000 tickets of the
 * benchmark's 90 seconds at 1,000 events/s (1 ms at a busy hall's 2,500), every 5 s. So it is learned again
 * at most once a minute (issue #8).
 */
export const CORRECTION_EVERY_MS = 60_000;

/**
 * The estimate each ticket was given when first seen waiting, per hall (in memory: the live facts' 48 h).
 * The bands are corrected by what these records show about the model (recalibrate.ts: the hall's own last
 * 24 hours), and the same records are the per-day calibration the admin page will publish.
 */
export class IssueEstimateBook {
  private readonly records = new Map<string, IssueEstimate>();
  /** The correction last learned, and when. */
  private learned: { at: number; correction: WaitCorrection } | null = null;

  /** What the records teach about the model at `now` (recalibrate.ts), learned again when a minute old. */
  correction(facts: HallFacts, now: number): WaitCorrection {
    const learned = this.learned;
    if (learned !== null && now >= learned.at && now - learned.at < CORRECTION_EVERY_MS) return learned.correction;
    const correction = recalibrate(this.history(facts), now);
    this.learned = { at: now, correction };
    return correction;
  }

  history(facts: HallFacts): CalibrationInput[] {
    return [...this.records.values()].map((estimate) => ({ estimate, firstCalledAt: facts.tickets.get(estimate.ticketId)?.calls[0]?.ts ?? null }));
  }

  record(estimates: readonly IssueEstimate[], now: number): void {
    for (const e of estimates) this.records.set(e.ticketId, e);
    for (const [id, e] of this.records) if (e.issuedAt < now - 48 * 3_600_000) this.records.delete(id);
  }

  has(ticketId: string): boolean {
    return this.records.has(ticketId);
  }
}

/**
 * The floor section at `now` (uncached); `book` keeps the estimates at issue and supplies the correction.
 * `warnings` come from LiveWarnings, which runs on its own slower cadence.
 */
export function computeFloor(
  facts: HallFacts,
  config: HallConfig,
  now: number,
  book: IssueEstimateBook = new IssueEstimateBook(),
  onRecorded: (estimates: readonly IssueEstimate[]) => void = () => {},
  warnings: FloorWarning[] = [],
): LiveFloor {
  return computeFloorParts(facts, config, now, book, onRecorded, warnings).floor;
}

/** Each waiting ticket's own band (its remaining wait), by ticket id; null when unknown. */
export type TicketBands = ReadonlyMap<string, ScreenBand | null>;

/**
 * The slow part of the floor section — the idle-while-waiting windows and the Monte Carlo wait estimates,
 * each a pass over the day's facts — as plain data, so that it can run on the floor worker's replica of
 * the facts (adapters/floor-worker) instead of the event loop. `correction` comes from the caller's book.
 */
export interface FloorScan {
  idle: FloorIdle[];
  estimates: WaitEstimates;
}

export function scanFloor(facts: HallFacts, config: HallConfig, now: number, correction: WaitCorrection): FloorScan {
  // Only idle_while_waiting is live: no device heartbeat source is wired yet (no sightings are passed, so
  // floorAlerts reports no heartbeat_lost), and the contract has no place for a device id in `idle`.
  const idle = floorAlerts(facts, config, { now, idleThresholdMs: idleThresholdMs(config) })
    .filter((a) => a.kind === "idle_while_waiting")
    .map((a): FloorIdle => ({ windowId: a.windowId, since: iso(a.since), idleMinutes: oneDecimal(a.idleMinutes), lastActivityAt: iso(a.lastActivityAt) }));
  return { idle, estimates: estimateWaits(facts, config, now, { correction }) };
}

/** The floor section and the per-ticket bands it was computed with (for a citizen's ticket lookup). */
export function computeFloorParts(
  facts: HallFacts,
  config: HallConfig,
  now: number,
  book: IssueEstimateBook,
  onRecorded: (estimates: readonly IssueEstimate[]) => void,
  warnings: FloorWarning[],
): { floor: LiveFloor; tickets: TicketBands } {
  return assembleFloor(facts, now, book, onRecorded, warnings, scanFloor(facts, config, now, book.correction(facts, now)));
}

/**
 * The estimates with the ids the live facts already hold: a scan's arrive as copies made by the floor
 * worker's message, and the book keeps one record per ticket for 48 hours — the copies were ~70 of its
 * ~310 bytes a ticket (issue #8, `bench/memory-per-event.ts`). Equal strings, so nothing else changes.
 */
export function withFactsIds(estimates: IssueEstimate[], facts: HallFacts): IssueEstimate[] {
  for (const e of estimates) {
    const issue = facts.tickets.get(e.ticketId)?.issues[0];
    if (issue === undefined) continue;
    e.ticketId = issue.ticketId;
    if (e.categoryId === issue.categoryId) e.categoryId = issue.categoryId;
  }
  return estimates;
}

/** The section from a scan: estimates at issue recorded in the book, bands for screens, warnings added. */
export function assembleFloor(
  facts: HallFacts,
  now: number,
  book: IssueEstimateBook,
  onRecorded: (estimates: readonly IssueEstimate[]) => void,
  warnings: FloorWarning[],
  scan: FloorScan,
): { floor: LiveFloor; tickets: TicketBands } {
  const { idle, estimates } = scan;
  // Per-ticket estimates: in the section by printed number (queue screens), and by ticket id for the
  // public ticket lookup.
  const issuedAt = (ticketId: string) => facts.tickets.get(ticketId)?.issues[0]?.ts ?? null;
  const recorded = withFactsIds(issueEstimates(estimates, (id) => book.has(id), issuedAt), facts);
  book.record(recorded, now);
  onRecorded(recorded);
  const waits = estimates.categories.map(
    (c): FloorWait => ({ categoryId: c.categoryId, waiting: c.waiting, p50Minutes: c.p50Minutes, p80Minutes: c.p80Minutes, basis: c.basis, band: screenBand(c.p50Minutes, c.p80Minutes) }),
  );
  const tickets = new Map(estimates.tickets.map((t) => [t.ticketId, screenBand(t.p50Minutes, t.p80Minutes)] as const));
  // Each waiting ticket for a queue screen, by its printed number only.
  const ticketWaits = estimates.tickets.map(
    (t): FloorTicketWait => ({ ticketNo: t.ticketNo, categoryId: t.categoryId, ahead: t.ahead, p50Minutes: t.p50Minutes, p80Minutes: t.p80Minutes, basis: t.basis, band: tickets.get(t.ticketId) ?? null }),
  );
  return { floor: { idle, waits, warnings, tickets: ticketWaits }, tickets };
}

/** Runs floor scans off the event loop, on its own copy of each hall's live facts (adapters/floor-worker). */
export interface FloorScanner {
  /** The same committed events the live facts folded (after the live horizon's filter). */
  fold(hallId: string, events: readonly HallEvent[]): void;
  pruneBefore(beforeMs: number): void;
  scan(hallId: string, config: HallConfig, now: number, correction: WaitCorrection): Promise<FloorScan>;
}

/** What the floor section reports outside the live view, and the early warnings' history source. */
export interface LiveFloorOptions extends LiveWarningOptions {
  /** How long a computed section is served before it is recomputed (default 5 s). */
  refreshMs?: number;
  /**
   * The estimates given to newly seen waiting tickets, once each, right after they were made: persisted
   * so that the per-day calibration survives restarts (called synchronously; must not throw).
   */
  onEstimates?: (hallId: string, estimates: readonly IssueEstimate[]) => void;
}

/** Per-hall cache of the floor section. */
export class LiveFloorCache {
  private readonly halls = new Map<string, Cached>();
  private readonly refreshMs: number;
  private readonly warnings: LiveWarnings;

  constructor(private readonly opts: LiveFloorOptions = {}) {
    this.refreshMs = opts.refreshMs ?? FLOOR_REFRESH_MS;
    // A fresh history landing (read in the background) makes the section stale too, so that the next
    // flush carries the warnings computed from it rather than waiting out the 5 s.
    this.warnings = new LiveWarnings({
      ...opts,
      onHistoryRead: (hallId) => {
        const cached = this.halls.get(hallId);
        if (cached) cached.at = Number.NEGATIVE_INFINITY;
        opts.onHistoryRead?.(hallId);
      },
    });
  }

  /**
   * The cached section, recomputed first when it is `refreshMs` old (or the clock went back). `view` is
   * the live view being built (window states, cold windows): without it the section carries the warnings
   * last computed, or none.
   */
  get(hallId: string, facts: HallFacts, config: HallConfig, now: number, view?: LoadView): LiveFloor {
    const cached = this.halls.get(hallId);
    if (cached && now >= cached.at && now - cached.at < this.refreshMs - REFRESH_TOLERANCE_MS) return cached.floor;
    const book = cached?.book ?? new IssueEstimateBook();
    const warnings = view ? this.warnings.get(hallId, facts, config, view, now) : (cached?.floor.warnings ?? []);
    const { floor, tickets } = computeFloorParts(facts, config, now, book, (estimates) => {
      if (estimates.length > 0) this.opts.onEstimates?.(hallId, estimates);
    }, warnings);
    this.halls.set(hallId, { at: now, floor, book, tickets });
    return floor;
  }

  /**
   * The cached section without recomputing it, and whether it is due (what `get` would recompute); null
   * when the hall has none yet. The coalesced flush serves this and refreshes right after publishing:
   * on a busy hall the section takes a few hundred milliseconds, which inside a flush delayed that
   * update, and every event waiting for it, by as much.
   */
  peek(hallId: string, now: number): { floor: LiveFloor; due: boolean } | null {
    const cached = this.halls.get(hallId);
    if (!cached) return null;
    return { floor: cached.floor, due: !(now >= cached.at && now - cached.at < this.refreshMs - REFRESH_TOLERANCE_MS) };
  }

  /**
   * Recomputes the section with the scan on `scanner` (off the event loop); the warnings and the book's
   * bookkeeping stay here. Resolves with whether the section changed. A hall forgotten meanwhile (its
   * configuration changed) keeps what `get` computes next instead.
   */
  async refreshWith(scanner: FloorScanner, hallId: string, facts: HallFacts, config: HallConfig, now: number, view: LoadView): Promise<boolean> {
    const cached = this.halls.get(hallId);
    const book = cached?.book ?? new IssueEstimateBook();
    const warnings = this.warnings.get(hallId, facts, config, view, now);
    const scan = await scanner.scan(hallId, config, now, book.correction(facts, now));
    if (this.halls.get(hallId) !== cached) return false;
    const { floor, tickets } = assembleFloor(facts, now, book, (estimates) => {
      if (estimates.length > 0) this.opts.onEstimates?.(hallId, estimates);
    }, warnings, scan);
    this.halls.set(hallId, { at: now, floor, book, tickets });
    return JSON.stringify(floor) !== JSON.stringify(cached?.floor ?? null);
  }

  /**
   * A waiting ticket's own band from the last computed section (at most `refreshMs` old): undefined when
   * that section did not see the ticket waiting (e.g. issued since), null when its wait is unknown.
   */
  ticketBand(hallId: string, ticketId: string): ScreenBand | null | undefined {
    return this.halls.get(hallId)?.tickets.get(ticketId);
  }

  /** Resolves once the hall's early-warning history read in flight (if any) has landed (tests). */
  whenHistoryRead(hallId: string): Promise<void> {
    return this.warnings.whenRead(hallId);
  }

  /** Drops a hall's section (configuration change: windows, categories or the threshold may differ). */
  forget(hallId: string): void {
    this.halls.delete(hallId);
    this.warnings.forget(hallId);
  }
}
