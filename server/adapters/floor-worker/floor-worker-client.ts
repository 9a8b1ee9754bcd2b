// The main thread's side of the floor worker (floor-worker.ts): forwards what the live facts fold and
// prune, and asks for scans. If the worker fails, pending scans are rejected and every later one too;
// the live halls then compute the section on the event loop again (slower, never missing).
import type { Worker } from "node:worker_threads";
import type { HallConfig, HallEvent } from "../../../contract/index.js";
import type { FloorScan, FloorScanner } from "../../app/live-floor.js";
import type { WaitCorrection } from "../../domain/wait-estimate/recalibrate.js";
import { startModuleWorker } from "../worker-thread.js";
import type { FloorWorkerMessage, FloorWorkerReply } from "./floor-worker.js";

export class FloorWorkerClient implements FloorScanner {
  private readonly worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(scan: FloorScan): void; reject(err: Error): void }>();
  private failed: Error | null = null;

  constructor(onError: (message: string) => void) {
    this.worker = startModuleWorker(import.meta.url, new URL("./floor-worker", import.meta.url), null);
    this.worker.on("message", (r: FloorWorkerReply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if ("error" in r) p.reject(new Error(r.error));
      else p.resolve(r.scan);
    });
    this.worker.on("error", (err) => {
      this.fail(err);
      onError(`floor worker failed: ${err.message}`);
    });
    this.worker.on("exit", () => this.fail(new Error("floor worker exited")));
    this.worker.unref();
  }

  fold(hallId: string, events: readonly HallEvent[]): void {
    if (events.length > 0) this.post({ kind: "fold", hallId, events: [...events] });
  }

  pruneBefore(beforeMs: number): void {
    this.post({ kind: "prune", beforeMs });
  }

  scan(hallId: string, config: HallConfig, now: number, correction: WaitCorrection): Promise<FloorScan> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise<FloorScan>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ kind: "scan", id, hallId, config, now, correction });
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
    this.fail(new Error("floor worker stopped"));
  }

  private post(m: FloorWorkerMessage): void {
    if (!this.failed) this.worker.postMessage(m);
  }

  private fail(err: Error): void {
    this.failed ??= err;
    for (const p of this.pending.values()) p.reject(this.failed);
    this.pending.clear();
  }
}
