// The live state of every hall: facts of the last 48 hours in memory (rebuilt from the log on start),
// the live view computed from them, and the /display feed — coalesced updates, at most one per 250 ms
// per hall, published through each hall's UpdateFeed (seqs, and the buffer a reconnecting display
// catches up from). A hall that no display on this node shows is folded but not computed at its
// flushes: it is marked stale, and computed when something asks for it (a display connecting, the
// overview, the public page) — issue #11, a node computes the halls its screens show.
import { type DisplaySnapshot, type DisplayUpdate, type HallConfig, type HallEvent, type LoadView, type ScreenBand, LIVE_WINDOW_MINUTES, UPDATE_COALESCE_MS, parseIsoTimestamp, startOfLocalDay } from "../../contract/index.js";
import { summarizeHall } from "../domain/hall-summary.js";
import type { HallFacts } from "../domain/hall-facts.js";
import { rebalanceSuggestions } from "../domain/whatif/rebalance.js";
import type { DisplayFormKey } from "./display-forms.js";
import { CoalescedFlushes } from "./coalesced-flushes.js";
import { LiveFloorCache, type FloorScanner } from "./live-floor.js";
import { emptyLiveHall, type LiveHall } from "./live-hall.js";
import type { Broadcaster, LiveHallsOptions } from "./live-halls-options.js";
import { LiveHallReads } from "./live-hall-reads.js";

export type { Broadcaster, LiveHallsOptions } from "./live-halls-options.js";

export const LIVE_HORIZON_MS = 48 * 60 * 60 * 1000;
const WINDOW_TRANSITIONS: ReadonlySet<string> = new Set(["window.opened", "window.paused", "window.resumed", "window.closed"]);

export class LiveHalls {
  private readonly halls = new Map<string, LiveHall>();
  private broadcaster: Broadcaster | null = null;
  private readonly publishListeners: ((hallId: string) => void)[] = [];
  private readonly staleListeners: ((hallId: string) => void)[] = [];
  private heartbeat: NodeJS.Timeout | null = null;
  private pruner: NodeJS.Timeout | null = null;
  /** The floor section (idle windows, wait estimates): too slow for every flush, refreshed at most every 5 s. */
  private readonly floor: LiveFloorCache;
  /** Where the section's slow scan runs off the event loop; null: on it (none configured, or it failed). */
  private floorScanner: FloorScanner | null;
  /** When each hall's facts are read from the log: at start, once configured, again after a failure. */
  private readonly reads: LiveHallReads;
  /** Each hall's next flush: 250 ms after its last, in a turn of the event loop of its own. */
  private readonly flushes: CoalescedFlushes;
  private stopped = false;

  constructor(private readonly opts: LiveHallsOptions) {
    this.flushes = new CoalescedFlushes({
      coalesceMs: opts.coalesceMs ?? UPDATE_COALESCE_MS,
      now: () => opts.clock.now(),
      lastFlushAt: (hallId) => this.halls.get(hallId)?.lastFlushAt ?? 0,
      flush: (hallId) => this.flush(hallId),
    });
    this.floor = new LiveFloorCache(opts.floor);
    this.floorScanner = opts.floorScanner ?? null;
    this.reads = new LiveHallReads({
      ids: () => opts.directory.ids(),
      held: (hallId) => this.halls.get(hallId)?.loaded === true,
      read: (hallId) => this.readHall(hallId),
      onError: opts.onLoadError,
      retryMs: opts.loadRetryMs,
    });
    opts.directory.onChange((hallId) => {
      this.republish(hallId);
      this.reads.changed(hallId);
    });
  }

  /** Every hall's live state, read from the log (a few halls at a time: live-hall-reads.ts). */
  load(): Promise<void> {
    return this.reads.all();
  }

  /**
   * Reads a hall's last 48 hours from the log, folding each batch as it is read. Events folded meanwhile
   * are kept: folding is idempotent.
   */
  private async readHall(hallId: string): Promise<void> {
    const h = this.hall(hallId);
    let read = 0;
    await this.opts.log.foldEventsForFacts(hallId, this.opts.clock.now() - LIVE_HORIZON_MS, Number.MAX_SAFE_INTEGER, (batch) => {
      for (const e of batch) h.facts.add(e);
      this.floorScanner?.fold(hallId, batch);
      read += batch.length;
    });
    h.loaded = true;
    if (read > 0) this.flushes.schedule(hallId);
  }

  start(broadcaster: Broadcaster): void {
    this.broadcaster = broadcaster;
    // The heartbeat publishes a hall only when nothing was published for a whole period and no coalesced
    // flush is pending, so it never adds a second update inside a 250 ms slot.
    const heartbeatMs = this.opts.heartbeatMs ?? 5000;
    this.heartbeat = setInterval(() => {
      const now = this.opts.clock.now();
      for (const [hallId, h] of this.halls) if (now - h.lastFlushAt >= heartbeatMs - 50) this.flushes.soon(hallId);
    }, Math.min(250, heartbeatMs));
    this.pruner = setInterval(() => this.prune(), 60 * 60 * 1000);
    this.heartbeat.unref();
    this.pruner.unref();
  }

  stop(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.pruner) clearInterval(this.pruner);
    this.stopped = true;
    this.flushes.stop();
    this.reads.stop();
  }

  /** The hall's live facts (read-only use: staff console, call.next). */
  facts(hallId: string): HallFacts {
    return this.hall(hallId).facts;
  }

  /** Called after each publication of a hall (at most every 250 ms, and every heartbeat). */
  onPublish(listener: (hallId: string) => void): void {
    this.publishListeners.push(listener);
  }

  /**
   * Called where a publication was due but no display on this node showed the hall (so none was
   * computed): for readers that do not need the hall's view (consoles) or take it at their own pace (the
   * overview, through `snapshot`, which computes it then).
   */
  onStale(listener: (hallId: string) => void): void {
    this.staleListeners.push(listener);
  }

  /** Changes whenever the hall's live facts do; null until they are all held (loaded from the log). */
  factsVersion(hallId: string): number | null {
    const h = this.halls.get(hallId);
    return h?.loaded ? h.facts.version : null;
  }

  eventCount(hallId: string): number {
    return this.halls.get(hallId)?.facts.eventCount ?? 0;
  }

  /** Something besides events changed the live view (e.g. consistency findings): publish soon. */
  touch(hallId: string): void {
    if (this.halls.has(hallId)) this.flushes.schedule(hallId);
  }

  /** Folds committed events and schedules a coalesced update (at most one per 250 ms per hall). */
  fold(hallId: string, events: readonly HallEvent[]): void {
    const h = this.hall(hallId);
    // Events from before the live horizon (a backfill, a device replaying old days) change no live figure
    // and would only sit in memory until the hourly prune; a window's state change is kept whatever its
    // age, because the live state starts from each window's last one (as a restart's load does).
    const horizon = this.opts.clock.now() - LIVE_HORIZON_MS;
    const folded: HallEvent[] = [];
    for (const e of events) {
      if (!WINDOW_TRANSITIONS.has(e.type) && (parseIsoTimestamp(e.ts) ?? horizon) < horizon) continue;
      if (h.facts.add(e)) folded.push(e);
    }
    if (folded.length === 0) return;
    this.floorScanner?.fold(hallId, folded);
    this.flushes.schedule(hallId);
  }

  /** The live view now: the last 60 minutes up to now. */
  liveView(hallId: string): LoadView | null {
    const config = this.opts.directory.get(hallId);
    if (!config) return null;
    const now = this.opts.clock.now();
    return this.compute(hallId, config, this.hall(hallId), now);
  }

  /** A waiting ticket's own wait band from the last floor section (undefined: not seen waiting there). */
  ticketBand(hallId: string, ticketId: string): ScreenBand | null | undefined {
    return this.floor.ticketBand(hallId, ticketId);
  }

  /** Whether reading the hall's view computes it (nothing published yet, or flushes skipped since). */
  mustCompute(hallId: string): boolean {
    const h = this.halls.get(hallId);
    return !h?.feed.published || h.stale;
  }

  /** The last published view with its seq (published now if none yet), as a /display snapshot. */
  snapshot(hallId: string): DisplaySnapshot | null {
    const config = this.opts.directory.get(hallId);
    if (!config) return null;
    const h = this.hall(hallId);
    // First publication for this hall, or the first since nobody watched it: the caller sends the
    // snapshot itself, so it is not broadcast too.
    if (!h.feed.published || h.stale) this.flush(hallId, false);
    const published = h.feed.published;
    if (!published) return null;
    return { seq: published.seq, hall: summarizeHall(hallId, config), view: published.view };
  }

  /** The updates after `lastSeq` in the display's form, or null when they are no longer all buffered (send a snapshot). */
  missedSince(hallId: string, lastSeq: number, form: DisplayFormKey = "full"): DisplayUpdate[] | null {
    const h = this.halls.get(hallId);
    // Publications were skipped while nobody here watched: the catch-up ends with the current state.
    if (h?.stale) this.flush(hallId, false);
    return h?.feed.missedSince(lastSeq, form) ?? null;
  }

  /**
   * The floor section: recomputed here when due, except for a coalesced flush (`defer`), which serves the
   * cached one and refreshes it right after publishing (see LiveFloorCache.peek).
   */
  private floorFor(hallId: string, h: LiveHall, facts: HallFacts, config: HallConfig, now: number, view: LoadView, defer: boolean) {
    const cached = defer ? this.floor.peek(hallId, now) : null;
    if (!cached) return this.floor.get(hallId, facts, config, now, view);
    if (cached.due && !h.floorRefresh) {
      h.floorRefresh = true;
      // Publish a new section with the next coalesced update, only when it changed (a quiet hall stays quiet).
      const done = (changed: boolean) => {
        h.floorRefresh = false;
        if (changed && !this.stopped) this.flushes.schedule(hallId);
      };
      const scanner = this.floorScanner;
      if (scanner)
        void this.floor.refreshWith(scanner, hallId, h.facts, config, now, view).then(done, (err: unknown) => {
          this.floorScanner = null;
          this.opts.onFloorScannerError?.(err);
          done(false);
        });
      else
        setImmediate(() => {
          const current = this.opts.directory.get(hallId);
          if (!current || this.stopped) return done(false);
          const before = JSON.stringify(cached.floor);
          done(JSON.stringify(this.floor.get(hallId, h.facts, current, this.opts.clock.now(), h.feed.published?.view)) !== before);
        });
    }
    return cached.floor;
  }

  private compute(hallId: string, config: HallConfig, h: LiveHall, now: number, deferFloor = false): LoadView {
    const facts = h.facts;
    const dayStart = startOfLocalDay(now, config.timezone);
    const { view, today } = h.load.compute(config, { hallId, from: now - LIVE_WINDOW_MINUTES * 60_000, to: now, live: true, dayStart });
    const consistency = this.opts.consistency?.(hallId);
    const rebalance = view.imbalance.imbalanced ? rebalanceSuggestions(view, config).map((s) => ({ ...s, predicted: null })) : [];
    const floor = this.floorFor(hallId, h, facts, config, now, view, deferFloor);
    const heartbeats = this.opts.heartbeats?.(hallId, now);
    return { ...view, today, ...(consistency ? { consistency } : {}), rebalance, floor, ...(heartbeats ? { heartbeats } : {}) };
  }

  /**
   * The hall's live state. A hall not loaded at start is new (no events can be logged for a hall nobody
   * configured): it starts empty, and readHall fills in anything logged before this node heard of it.
   */
  private hall(hallId: string): LiveHall {
    let h = this.halls.get(hallId);
    if (!h) {
      h = emptyLiveHall(this.opts.bootEpoch);
      this.halls.set(hallId, h);
    }
    return h;
  }

  /**
   * Computes and publishes the hall's view. `broadcast` false: for a caller that sends it itself (a
   * snapshot, a catch-up), so neither displays nor listeners hear of it. A coalesced flush of a hall that
   * no display on this node shows computes nothing: the hall is marked stale until read.
   */
  private flush(hallId: string, broadcast = true): void {
    const config = this.opts.directory.get(hallId);
    const h = this.halls.get(hallId);
    if (!config || !h) return;
    const now = this.opts.clock.now();
    h.lastFlushAt = now;
    if (broadcast && this.broadcaster && !this.broadcaster.watched(hallId)) {
      h.stale = true;
      for (const l of this.staleListeners) l(hallId);
      return;
    }
    h.stale = false;
    const view = this.compute(hallId, config, h, now, true);
    const forms = h.feed.publishNext(view, now);
    if (!forms) {
      const seq = h.feed.publishFirst(view);
      if (broadcast) {
        this.broadcaster?.snapshot(hallId, { seq, hall: summarizeHall(hallId, config), view });
        for (const l of this.publishListeners) l(hallId);
      }
      return;
    }
    if (!broadcast) return;
    this.broadcaster?.update(hallId, forms);
    for (const l of this.publishListeners) l(hallId);
  }

  /** A configuration change: everyone starts over from a fresh snapshot. */
  private republish(hallId: string): void {
    const h = this.hall(hallId);
    h.feed.reset();
    this.floor.forget(hallId);
    this.flush(hallId);
  }

  private prune(): void {
    const cut = this.opts.clock.now() - LIVE_HORIZON_MS;
    for (const h of this.halls.values()) h.facts.pruneBefore(cut);
    this.floorScanner?.pruneBefore(cut);
  }
}
