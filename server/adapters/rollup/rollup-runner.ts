// Keeps history rollups current: feeds the days marked in the event log to the rollup worker one at a
// time, oldest first.
// - Today changes with every event: it is recomputed at most every 30 s, or every 20× its last
//   recompute's time when that is longer — a day is rebuilt from the log whole, so on a very busy day each
//   recompute costs more (seconds at the benchmark's 1,000 events/s), and this keeps them under a
//   twentieth of the worker's core (issue #8).
// - A past day (late events, a rebuild) is recomputed as soon as the worker is free.
// - A day that has not begun in its hall's zone (the "next day" every event marks, for what runs past
//   midnight) waits, marked, until it has: computed before, it is empty and costs as much as today.
// - With `liveDays` (the floor worker), today is computed on the live facts' copy instead of from the log,
//   and once ended computed from the log like any past day (live-today.ts, computed-day.ts).
// The worker is started for the first job and closed when idle: soon after a recompute from the log, after
// minutes when it has only written today from the live facts (rollup-worker-thread.ts).
import { localDate } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { Clock } from "../../app/ports.js";
import type { LiveDaySource } from "./computed-day.js";
import { LiveToday, unfinishedDays } from "./live-today.js";
import type { RollupJob, RollupJobResult } from "./rollup-worker.js";
import { RollupWorkerThread } from "./rollup-worker-thread.js";
import type { ComputedDayAt, DirtyDay } from "./rollup-store.js";

export interface RollupStatus {
  pendingDays: number;
  running: string | null;
  completed: number;
  failed: number;
  /** Of `completed`, today's recomputes made on the live facts instead of the log (live-today.ts). */
  fromLiveFacts: number;
}

/** The rollup bookkeeping the runner needs (SQLite answers at once, PostgreSQL with a promise). */
export interface RollupQueue {
  /** Days marked and not recomputed; with `throughDay`, only those up to it. */
  pending(hallId: string, throughDay?: string): Promise<number>;
  eventSpan(hallId: string): { first: number; last: number } | null | Promise<{ first: number; last: number } | null>;
  markDays(hallId: string, days: readonly string[], now: number): void | Promise<void>;
  /** Marked days up to `throughDay`, oldest first. */
  dirtyDays(limit: number, throughDay: string): DirtyDay[] | Promise<DirtyDay[]>;
  /** The hall's days from `fromDay` on that are computed and not marked, with when each was last computed. */
  computedSince(hallId: string, fromDay: string): ComputedDayAt[] | Promise<ComputedDayAt[]>;
}

/** A worker idle this long after a recompute from the log is closed (default), and started again for the next job. */
export const ROLLUP_IDLE_RELEASE_MS = 10_000;
/**
 * A worker that has only written today from the live facts is closed after this long idle (default): longer
 * than the 30 s between a busy hall's todays, so that it is not started again for each (a quiet night
 * still frees it).
 */
export const ROLLUP_KEPT_IDLE_MS = 5 * 60_000;
/**
 * Marked days read per scheduling tick, oldest first. Days that may not run yet are among them — each
 * hall's today recomputed less than 30 s ago, a next day not begun in a hall's zone — so this must exceed
 * twice the halls: with 50 (before), the halls after the fiftieth in id order were never recomputed
 * while the first fifty kept marking their today.
 */
const DIRTY_DAYS_READ = 1_000;
/** The latest calendar date anywhere (UTC+14): no hall's day after it has begun. */
const LATEST_ZONE = "Pacific/Kiritimati";

/**
 * Each hall's today is recomputed at most once per this many times the last recomputes of every hall's
 * today took together: today's rollups keep the worker busy at most 1/20 of the time, however many halls
 * (a province node's sixty halls at 30 s each kept it busy a quarter of a core — issue #11).
 */
export const TODAY_COST_FACTOR = 20;
/** How many days back a start looks for days last computed before they ended (markUnfinished). */
const UNFINISHED_DAYS = 7;

export class RollupRunner {
  private readonly thread: RollupWorkerThread;
  private running = false;
  private busy: { hallId: string; day: string; live: boolean } | null = null;
  /** A dirtyDays read is in flight (PostgreSQL): the next tick waits for it. */
  private scheduling = false;
  private timer: NodeJS.Timeout | null = null;
  private completed = new Map<string, number>();
  private failed = new Map<string, number>();
  private fromLive = new Map<string, number>();
  /** When each day was last sent to the worker. */
  private readonly lastRun = new Map<string, number>();
  /** How long each hall's last recompute of its today took in the worker (ms), by hall. */
  private readonly todayCost = new Map<string, { day: string; ms: number }>();
  /** A day whose recompute failed is tried again after a minute, not in a tight loop. */
  private readonly retryAfter = new Map<string, number>();
  /** Today on the live facts (null: every day from the log). */
  private readonly live: LiveToday | null;
  /** This runner computes rollups since its last start or leadership gain (markUnfinished has run). */
  private leading = false;

  constructor(
    private readonly opts: {
      /** The worker module (a sibling of this file or of the PostgreSQL adapter) and what it opens. */
      worker: { url: URL; data: unknown };
      store: RollupQueue;
      /** In a cluster only the leader node recomputes (absent: always). */
      canRun?: () => boolean;
      directory: HallDirectory;
      clock: Clock;
      onError(message: string): void;
      /** Today is recomputed at most this often (default 30 s: it changes with every event). */
      todayEveryMs?: number;
      /** A past day marked again soon after its recompute waits this long (default 5 s). */
      pastEveryMs?: number;
      /** The worker is closed after this long without a job once it has recomputed from the log (default ROLLUP_IDLE_RELEASE_MS). */
      idleReleaseMs?: number;
      /** …and after this long when it has only written days computed on the live facts (default ROLLUP_KEPT_IDLE_MS). */
      keptIdleMs?: number;
      /** Where today is computed on the live facts (absent: from the log, as every past day). */
      liveDays?: LiveDaySource;
    },
  ) {
    this.live = opts.liveDays ? new LiveToday(opts.liveDays) : null;
    this.thread = new RollupWorkerThread({
      ...opts.worker,
      idleReleaseMs: opts.idleReleaseMs ?? ROLLUP_IDLE_RELEASE_MS,
      keptIdleMs: opts.keptIdleMs ?? ROLLUP_KEPT_IDLE_MS,
      onResult: (r) => this.finished(r),
      // Died on its own (an uncaught error): its job, if any, is failed and retried by a new worker.
      onDied: () => {
        const job = this.busy;
        if (job) this.finished({ ok: false, hallId: job.hallId, day: job.day, error: "the rollup worker exited" });
      },
      onError: (message) => this.opts.onError(message),
    });
  }

  start(): void {
    this.running = true;
    this.timer = setInterval(() => void this.next().catch((err: Error) => this.opts.onError(`rollup scheduling failed: ${err.message}`)), 250);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearInterval(this.timer);
    await this.thread.stop();
  }

  /** Whether a worker thread is up (closing included), how many were started, how many had to be terminated. */
  workerState(): { up: boolean; starts: number; forced: number } {
    return this.thread.state();
  }

  async status(hallId: string): Promise<RollupStatus> {
    return {
      pendingDays: await this.opts.store.pending(hallId, this.todayOf(hallId)),
      running: this.busy?.hallId === hallId ? this.busy.day : null,
      completed: this.completed.get(hallId) ?? 0,
      failed: this.failed.get(hallId) ?? 0,
      fromLiveFacts: this.fromLive.get(hallId) ?? 0,
    };
  }

  /** The hall's local date now (undefined for a hall not known here). */
  private todayOf(hallId: string): string | undefined {
    const hall = this.opts.directory.get(hallId);
    return hall ? localDate(this.opts.clock.now(), hall.timezone) : undefined;
  }

  /** Marks every day from the hall's first event to today for recomputation from the log. */
  async rebuild(hallId: string): Promise<number> {
    const hall = this.opts.directory.get(hallId);
    const span = await this.opts.store.eventSpan(hallId);
    if (!hall || !span) return 0;
    const days: string[] = [];
    const end = Math.max(span.last, this.opts.clock.now());
    for (let t = span.first; ; t += 86_400_000) {
      const d = localDate(Math.min(t, end), hall.timezone);
      if (days.at(-1) !== d) days.push(d);
      if (t >= end) break;
    }
    await this.opts.store.markDays(hallId, days, this.opts.clock.now());
    return days.length;
  }

  private async next(): Promise<void> {
    if (!this.running || this.busy || this.scheduling || this.thread.closing) return;
    if (!(this.opts.canRun?.() ?? true)) {
      this.leading = false;
      this.live?.forget();
      this.thread.releaseIfIdle(this.opts.clock.now());
      return;
    }
    this.scheduling = true;
    let dirty: DirtyDay[];
    try {
      if (this.live && !this.leading) await this.markUnfinished();
      this.leading = true;
      dirty = await this.opts.store.dirtyDays(DIRTY_DAYS_READ, localDate(this.opts.clock.now(), LATEST_ZONE));
      if (this.live) await this.markAgain(dirty);
    } finally {
      this.scheduling = false;
    }
    if (!this.running || this.busy || this.thread.closing) return;
    const now = this.opts.clock.now();
    const todaysCost = this.todaysCost(now);
    for (const d of dirty) {
      const config = this.opts.directory.get(d.hallId);
      if (!config) continue;
      const today = localDate(now, config.timezone);
      if (d.day > today) continue;
      const isToday = d.day === today;
      const key = `${d.hallId}\u0000${d.day}`;
      if ((this.retryAfter.get(key) ?? 0) > now) continue;
      // Today: at most every 30 s (todayEveryMs), or 20× what every hall's today took last. A past day is
      // computed at once when first marked, then at most every 5 s while late events keep marking it (a
      // backfill or a replay of old events marks the same days again and again; recomputing each at every
      // batch took a whole core).
      const every = isToday ? Math.max(this.opts.todayEveryMs ?? 30_000, TODAY_COST_FACTOR * todaysCost) : (this.opts.pastEveryMs ?? 5_000);
      if (now - (this.lastRun.get(key) ?? -Infinity) < every) continue;
      this.lastRun.set(key, now);
      const job: RollupJob = { hallId: d.hallId, day: d.day, dirtyGen: d.dirtyGen, config, now };
      const live = isToday && (this.live?.holds(d.hallId) ?? false);
      this.busy = { hallId: d.hallId, day: d.day, live };
      if (live) void this.sendLive(job);
      else this.thread.send(job);
      return;
    }
    this.thread.releaseIfIdle(now);
  }

  /**
   * Today on the live facts, once every event committed before its mark was read is folded into them: a
   * commit is visible in the log a moment before the live facts fold it, and the recompute clears the mark.
   */
  private async sendLive(job: RollupJob): Promise<void> {
    // A failed wait (the follower's read) only risks a figure the next mark corrects (live-today.ts).
    await this.live?.folded().catch(() => undefined);
    if (!this.running || this.busy?.hallId !== job.hallId || this.busy.day !== job.day) return;
    const computed = this.live?.ask(job.hallId, job.config, job.day, job.now) ?? null;
    this.busy.live = computed !== null;
    this.thread.send({ ...job, ...(computed ? { computed } : {}) }, computed ? [computed] : []);
  }

  /**
   * At start (or on becoming the leader): marks each hall's recent days last computed before they ended —
   * a node that stopped before its day did left that day's figures from the live facts, which only the
   * log's give finally (live-today.ts). After a normal midnight every such day was computed again from the
   * log after its end, so this marks nothing.
   */
  private async markUnfinished(): Promise<void> {
    const now = this.opts.clock.now();
    for (const hallId of this.opts.directory.ids()) {
      const config = this.opts.directory.get(hallId);
      if (!config) continue;
      const computed = await this.opts.store.computedSince(hallId, localDate(now - UNFINISHED_DAYS * 86_400_000, config.timezone));
      const days = unfinishedDays(computed, now, config.timezone);
      if (days.length > 0) await this.opts.store.markDays(hallId, days, now);
    }
  }

  /** Marks the days the live facts' computations owe the log (live-today.ts); they run from the next tick. */
  private async markAgain(dirty: readonly DirtyDay[]): Promise<void> {
    const marked = new Set(dirty.map((d) => `${d.hallId}\u0000${d.day}`));
    const now = this.opts.clock.now();
    for (const m of this.live?.marksDue(now, (hallId, day) => marked.has(`${hallId}\u0000${day}`)) ?? []) await this.opts.store.markDays(m.hallId, [m.day], now);
  }

  /** What the last recomputes of each hall's today took together (halls whose today is still that day). */
  private todaysCost(now: number): number {
    let total = 0;
    for (const [hallId, cost] of this.todayCost) {
      const config = this.opts.directory.get(hallId);
      if (config && cost.day === localDate(now, config.timezone)) total += cost.ms;
    }
    return total;
  }

  private finished(r: RollupJobResult): void {
    if (r.ok && this.busy?.live) this.fromLive.set(r.hallId, (this.fromLive.get(r.hallId) ?? 0) + 1);
    this.busy = null;
    this.thread.idleFrom(this.opts.clock.now());
    const config = this.opts.directory.get(r.hallId);
    if (r.ok && config && r.day === localDate(this.opts.clock.now(), config.timezone)) this.todayCost.set(r.hallId, { day: r.day, ms: r.ms });
    const counter = r.ok ? this.completed : this.failed;
    counter.set(r.hallId, (counter.get(r.hallId) ?? 0) + 1);
    if (!r.ok) {
      this.retryAfter.set(`${r.hallId}\u0000${r.day}`, this.opts.clock.now() + 60_000);
      this.opts.onError(`rollup of ${r.hallId} ${r.day} failed: ${r.error}`);
    }
    void this.next().catch((err: Error) => this.opts.onError(`rollup scheduling failed: ${err.message}`));
  }
}
