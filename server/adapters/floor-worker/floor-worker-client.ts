// The main thread's side of the floor worker (floor-worker.ts): forwards what the live facts fold and
// prune, and asks for scans. If the worker fails, pending scans are rejected and every later one too;
// the live halls then compute the section on the event loop again (slower, never missing).
// The thread starts a moment after the server (or at the first scan, at least 5 s in): started at once,
// its module loading competed with the server's own start for the same cores (+90 ms to healthy on two).
// What is folded meanwhile waits in a queue and is sent when it starts.
import type { MessagePort, Transferable, Worker } from "node:worker_threads";
import type { HallConfig, HallEvent } from "../../../contract/index.js";
import type { FloorScan, FloorScanner } from "../../app/live-floor.js";
import type { WaitCorrection } from "../../domain/wait-estimate/recalibrate.js";
import { startModuleWorker } from "../worker-thread.js";
import type { FloorWorkerMessage, FloorWorkerReply } from "./floor-worker.js";

const START_DELAY_MS = 2000;

export class FloorWorkerClient implements FloorScanner {
  private worker: Worker | null = null;
  private readonly queued: { m: FloorWorkerMessage; transfer: Transferable[] }[] = [];
  private readonly startTimer: NodeJS.Timeout;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(scan: FloorScan): void; reject(err: Error): void }>();
  private failed: Error | null = null;

  constructor(private readonly onError: (message: string) => void) {
    this.startTimer = setTimeout(() => this.start(), START_DELAY_MS);
    this.startTimer.unref();
  }

  private start(): Worker | null {
    if (this.worker || this.failed) return this.worker;
    clearTimeout(this.startTimer);
    const worker = startModuleWorker(import.meta.url, new URL("./floor-worker", import.meta.url), null);
    this.worker = worker;
    worker.on("message", (r: FloorWorkerReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if ("error" in r) p.reject(new Error(r.error));
      else p.resolve(r.scan);
    });
    worker.on("error", (err) => {
      this.fail(err);
      this.onError(`floor worker failed: ${err.message}`);
    });
    worker.on("exit", () => this.fail(new Error("floor worker exited")));
    worker.unref();
    for (const q of this.queued.splice(0)) worker.postMessage(q.m, q.transfer);
    return worker;
  }

  fold(hallId: string, events: readonly HallEvent[]): void {
    if (events.length > 0) this.post({ kind: "fold", hallId, events: [...events] });
  }

  pruneBefore(beforeMs: number): void {
    this.post({ kind: "prune", beforeMs });
  }

  scan(hallId: string, config: HallConfig, now: number, correction: WaitCorrection): Promise<FloorScan> {
    this.start();
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<FloorScan>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ kind: "scan", id, hallId, config, now, correction });
    });
  }

  /** False once the worker has failed or stopped: its copy of the facts is no longer kept. */
  get running(): boolean {
    return this.failed === null;
  }

  /**
   * Computes a day's history rollups on the worker's copy of the hall's facts and sends them on `port`
   * (a ComputedDay, ../rollup/computed-day.ts). A worker that has failed closes the port at once.
   */
  computeDay(request: { hallId: string; config: HallConfig; day: string; start: number; end: number; asOf: number }, port: MessagePort): void {
    this.start();
    if (this.failed) {
      port.close();
      return;
    }
    this.post({ kind: "day", ...request, port }, [port]);
  }

  async stop(): Promise<void> {
    clearTimeout(this.startTimer);
    const worker = this.worker;
    this.fail(new Error("floor worker stopped"));
    await worker?.terminate();
  }

  private post(m: FloorWorkerMessage, transfer: Transferable[] = []): void {
    if (this.failed) return;
    if (this.worker) this.worker.postMessage(m, transfer);
    else this.queued.push({ m, transfer });
  }

  private fail(err: Error): void {
    this.failed ??= err;
    // A day asked for and never sent to the thread: its receiver is told at once (the port closes).
    for (const q of this.queued.splice(0)) if (q.m.kind === "day") q.m.port.close();
    for (const p of this.pending.values()) p.reject(this.failed);
    this.pending.clear();
  }
}
