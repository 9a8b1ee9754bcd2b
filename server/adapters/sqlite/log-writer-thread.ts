// The server side of the writer worker: hands groups of rows to log-writer-worker.ts and resolves each
// request when the worker reports its commit. If the worker dies, every request in flight is rejected
// (never reported as committed) and the next request starts a new worker.
import type { Worker } from "node:worker_threads";
import type { AppendOutcome } from "../../app/ports.js";
import { startModuleWorker } from "../worker-thread.js";
import type { WriteRow } from "./log-writer.js";
import type { WriteReply, WriteRequest } from "./log-writer-worker.js";

interface InFlight {
  resolve(outcomes: AppendOutcome[][]): void;
  reject(err: Error): void;
}

export class WriterThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly inFlight = new Map<number, InFlight>();
  private closed = false;

  constructor(private readonly file: string) {}

  commit(groups: WriteRow[][]): Promise<AppendOutcome[][]> {
    if (this.closed) return Promise.reject(new Error("the event log is closed"));
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.inFlight.set(id, { resolve, reject });
      worker.postMessage({ id, groups } satisfies WriteRequest);
    });
  }

  /** Resolves once every request in flight was answered, then stops the worker. */
  async close(): Promise<void> {
    this.closed = true;
    while (this.inFlight.size > 0) await new Promise((r) => setTimeout(r, 5));
    await this.worker?.terminate();
    this.worker = null;
  }

  private start(): Worker {
    const worker = startModuleWorker(import.meta.url, new URL("./log-writer-worker", import.meta.url), { file: this.file });
    worker.on("message", (reply: WriteReply) => {
      const pending = this.inFlight.get(reply.id);
      if (!pending) return;
      this.inFlight.delete(reply.id);
      if ("outcomes" in reply) pending.resolve(reply.outcomes);
      else pending.reject(Object.assign(new Error(reply.error), { code: reply.code }));
    });
    const fail = (err: Error) => {
      if (this.worker === worker) this.worker = null;
      const pending = [...this.inFlight.values()];
      this.inFlight.clear();
      for (const p of pending) p.reject(err);
    };
    worker.on("error", (err) => fail(err));
    worker.on("exit", (code) => fail(new Error(`the writer worker exited (code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
