// The rollup worker thread's life, for the runner: started for the first job, closed after
// `idleReleaseMs` with nothing to do once it has recomputed a day from the log — each such recompute
// builds a fresh fact store, and an idle thread keeps the heap of its last one (100–170 MiB after today's
// recomputes at the benchmark's 1,000 events/s, issue #8) — and terminated if it has not exited
// CLOSE_GRACE_MS after being asked to close. A worker that has only written days computed elsewhere
// (today on the live facts, every ~30 s on a busy hall) keeps a small heap: it stays up until idle for
// `keptIdleMs`. Closed after 10 s as well, it was started again for every today — a new thread, its
// modules loaded and its database opened every 30 s, each start +20–40 MiB of RSS for a few seconds
// (issue #8's 90-second run, 2026-11-27).
import { once } from "node:events";
import type { Transferable, Worker } from "node:worker_threads";
import { startModuleWorker } from "../worker-thread.js";
import type { RollupJob, RollupJobResult, RollupMessage } from "./rollup-worker.js";

/** A closing worker that has not exited after this long is terminated. */
const CLOSE_GRACE_MS = 5_000;

export class RollupWorkerThread {
  private worker: Worker | null = null;
  /** Since when the worker has had no job (null: busy, or no worker). */
  private idleSince: number | null = null;
  /** The worker being closed: no job is sent until it has exited. */
  private closingExit: Promise<void> | null = null;
  /** The worker up has recomputed a day from the log since it started (its heap may be large). */
  private heavy = false;
  private starts = 0;
  /** Closing workers that did not exit within CLOSE_GRACE_MS and were terminated. */
  private forced = 0;

  constructor(
    private readonly opts: {
      /** The worker module (a sibling of the runner or of the PostgreSQL adapter) and what it opens. */
      url: URL;
      data: unknown;
      idleReleaseMs: number;
      /** How long a worker that has only written days computed elsewhere may stay idle. */
      keptIdleMs: number;
      onResult(r: RollupJobResult): void;
      /** The thread died on its own (an uncaught error) with or without a job. */
      onDied(): void;
      onError(message: string): void;
    },
  ) {}

  /** A worker is being closed: nothing is sent until it has exited. */
  get closing(): boolean {
    return this.closingExit !== null;
  }

  /** Whether a worker thread is up (closing included), how many were started, how many had to be terminated. */
  state(): { up: boolean; starts: number; forced: number } {
    return { up: this.worker !== null || this.closingExit !== null, starts: this.starts, forced: this.forced };
  }

  send(job: RollupJob, transfer: Transferable[] = []): void {
    this.idleSince = null;
    const worker = this.ensure();
    if (job.computed === undefined) this.heavy = true;
    worker.postMessage(job satisfies RollupMessage, transfer);
  }

  /** The job sent last has been answered. */
  idleFrom(now: number): void {
    this.idleSince = now;
  }

  /**
   * Closes the worker once it has been idle for `idleReleaseMs` after a recompute from the log (so that its
   * heap goes back to the system), or for `keptIdleMs` when it has only written days computed elsewhere.
   */
  releaseIfIdle(now: number): void {
    const worker = this.worker;
    if (!worker) return;
    this.idleSince ??= now;
    if (now - this.idleSince < (this.heavy ? this.opts.idleReleaseMs : this.opts.keptIdleMs)) return;
    this.worker = null;
    this.idleSince = null;
    const grace = setTimeout(() => {
      this.forced += 1;
      void worker.terminate();
    }, CLOSE_GRACE_MS);
    grace.unref();
    this.closingExit = once(worker, "exit").then(
      () => undefined,
      () => undefined,
    ).finally(() => {
      clearTimeout(grace);
      this.closingExit = null;
    });
    worker.postMessage({ close: true } satisfies RollupMessage);
  }

  async stop(): Promise<void> {
    await this.closingExit;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const worker = startModuleWorker(import.meta.url, this.opts.url, this.opts.data);
    this.starts += 1;
    this.heavy = false;
    worker.on("message", (r: RollupJobResult) => this.opts.onResult(r));
    worker.on("error", (err) => this.opts.onError(`rollup worker failed: ${err.message}`));
    worker.on("exit", () => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.opts.onDied();
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
