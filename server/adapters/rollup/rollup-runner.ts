// Keeps history rollups current: feeds the days marked in the event log to the rollup worker one at a
// time, oldest first. Today's buckets change with every event, so today is recomputed at most every
// 30 s; past days (late events, a rebuild) as soon as the worker is free.
import type { Worker } from "node:worker_threads";
import { localDate } from "../../../contract/index.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { Clock } from "../../app/ports.js";
import type { RollupJob, RollupJobResult } from "./rollup-worker.js";
import type { RollupStore } from "./rollup-store.js";
import { startModuleWorker } from "../worker-thread.js";

export interface RollupStatus {
  pendingDays: number;
  running: string | null;
  completed: number;
  failed: number;
}

export class RollupRunner {
  private worker: Worker | null = null;
  private busy: { hallId: string; day: string } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private completed = new Map<string, number>();
  private failed = new Map<string, number>();
  private readonly lastToday = new Map<string, number>();
  /** A day whose recompute failed is tried again after a minute, not in a tight loop. */
  private readonly retryAfter = new Map<string, number>();

  constructor(
    private readonly opts: {
      file: string;
      store: RollupStore;
      directory: HallDirectory;
      clock: Clock;
      onError(message: string): void;
      todayEveryMs?: number;
    },
  ) {}

  start(): void {
    this.worker = startModuleWorker(import.meta.url, new URL("./rollup-worker", import.meta.url), { file: this.opts.file });
    this.worker.on("message", (r: RollupJobResult) => this.finished(r));
    this.worker.on("error", (err) => this.opts.onError(`rollup worker failed: ${err.message}`));
    this.worker.unref();
    this.timer = setInterval(() => this.next(), 250);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.worker?.terminate();
    this.worker = null;
  }

  status(hallId: string): RollupStatus {
    return {
      pendingDays: this.opts.store.pending(hallId),
      running: this.busy?.hallId === hallId ? this.busy.day : null,
      completed: this.completed.get(hallId) ?? 0,
      failed: this.failed.get(hallId) ?? 0,
    };
  }

  /** Marks every day from the hall's first event to today for recomputation from the log. */
  rebuild(hallId: string): number {
    const hall = this.opts.directory.get(hallId);
    const span = this.opts.store.eventSpan(hallId);
    if (!hall || !span) return 0;
    const days: string[] = [];
    const end = Math.max(span.last, this.opts.clock.now());
    for (let t = span.first; ; t += 86_400_000) {
      const d = localDate(Math.min(t, end), hall.timezone);
      if (days.at(-1) !== d) days.push(d);
      if (t >= end) break;
    }
    this.opts.store.markDays(hallId, days, this.opts.clock.now());
    return days.length;
  }

  private next(): void {
    if (!this.worker || this.busy) return;
    const now = this.opts.clock.now();
    for (const d of this.opts.store.dirtyDays(50)) {
      const config = this.opts.directory.get(d.hallId);
      if (!config) continue;
      const isToday = d.day >= localDate(now, config.timezone);
      const key = `${d.hallId}\u0000${d.day}`;
      if ((this.retryAfter.get(key) ?? 0) > now) continue;
      if (isToday && now - (this.lastToday.get(key) ?? 0) < (this.opts.todayEveryMs ?? 30_000)) continue;
      if (isToday) this.lastToday.set(key, now);
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
    this.next();
  }
}
