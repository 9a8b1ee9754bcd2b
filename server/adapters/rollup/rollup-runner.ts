// Keeps history rollups current: feeds the days marked in the event log to the rollup worker one at a
// time, oldest first. Today's buckets change with every event, so today is recomputed at most every
// 30 s; past days (late events, a rebuild) as soon as the worker is free.
import type { Worker } from "node:worker_threads";
import { localDate } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { Clock } from "../../app/ports.js";
import type { RollupJob, RollupJobResult } from "./rollup-worker.js";
import type { DirtyDay } from "./rollup-store.js";
import { startModuleWorker } from "../worker-thread.js";

export interface RollupStatus {
  pendingDays: number;
  running: string | null;
  completed: number;
  failed: number;
}

/** The rollup bookkeeping the runner needs (SQLite answers at once, PostgreSQL with a promise). */
export interface RollupQueue {
  pending(hallId: string): Promise<number>;
  eventSpan(hallId: string): { first: number; last: number } | null | Promise<{ first: number; last: number } | null>;
  markDays(hallId: string, days: readonly string[], now: number): void | Promise<void>;
  dirtyDays(limit: number): DirtyDay[] | Promise<DirtyDay[]>;
}

export class RollupRunner {
  private worker: Worker | null = null;
  private busy: { hallId: string; day: string } | null = null;
  /** A dirtyDays read is in flight (PostgreSQL): the next tick waits for it. */
  private scheduling = false;
  private timer: NodeJS.Timeout | null = null;
  private completed = new Map<string, number>();
  private failed = new Map<string, number>();
  /** When each day was last sent to the worker. */
  private readonly lastRun = new Map<string, number>();
  /** A day whose recompute failed is tried again after a minute, not in a tight loop. */
  private readonly retryAfter = new Map<string, number>();

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
    },
  ) {}

  start(): void {
    this.worker = startModuleWorker(import.meta.url, this.opts.worker.url, this.opts.worker.data);
    this.worker.on("message", (r: RollupJobResult) => this.finished(r));
    this.worker.on("error", (err) => this.opts.onError(`rollup worker failed: ${err.message}`));
    this.worker.unref();
    this.timer = setInterval(() => void this.next().catch((err: Error) => this.opts.onError(`rollup scheduling failed: ${err.message}`)), 250);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.worker?.terminate();
    this.worker = null;
  }

  async status(hallId: string): Promise<RollupStatus> {
    return {
      pendingDays: await this.opts.store.pending(hallId),
      running: this.busy?.hallId === hallId ? this.busy.day : null,
      completed: this.completed.get(hallId) ?? 0,
      failed: this.failed.get(hallId) ?? 0,
    };
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
    if (!this.worker || this.busy || this.scheduling || !(this.opts.canRun?.() ?? true)) return;
    this.scheduling = true;
    let dirty: DirtyDay[];
    try {
      dirty = await this.opts.store.dirtyDays(50);
    } finally {
      this.scheduling = false;
    }
    if (!this.worker || this.busy) return;
    const now = this.opts.clock.now();
    for (const d of dirty) {
      const config = this.opts.directory.get(d.hallId);
      if (!config) continue;
      const isToday = d.day >= localDate(now, config.timezone);
      const key = `${d.hallId}\u0000${d.day}`;
      if ((this.retryAfter.get(key) ?? 0) > now) continue;
      // Today changes with every event: at most every 30 s (todayEveryMs). A past day is computed at once when first
      // marked, then at most every 5 s while late events keep marking it (a backfill or a replay of old
      // events marks the same days again and again; recomputing each at every batch took a whole core).
      const every = isToday ? (this.opts.todayEveryMs ?? 30_000) : (this.opts.pastEveryMs ?? 5_000);
      if (now - (this.lastRun.get(key) ?? -Infinity) < every) continue;
      this.lastRun.set(key, now);
      this.busy = { hallId: d.hallId, day: d.day };
      const job: RollupJob = { hallId: d.hallId, day: d.day, dirtyGen: d.dirtyGen, config };
      this.worker.postMessage(job);
      return;
    }
  }

  private finished(r: RollupJobResult): void {
    this.busy = null;
    const counter = r.ok ? this.completed : this.failed;
    counter.set(r.hallId, (counter.get(r.hallId) ?? 0) + 1);
    if (!r.ok) {
      this.retryAfter.set(`${r.hallId}\u0000${r.day}`, this.opts.clock.now() + 60_000);
      this.opts.onError(`rollup of ${r.hallId} ${r.day} failed: ${r.error}`);
    }
    void this.next().catch((err: Error) => this.opts.onError(`rollup scheduling failed: ${err.message}`));
  }
}
