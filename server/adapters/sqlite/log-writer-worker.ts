// Writer worker: commits the event log's groups on its own connection, so that the commit and its fsync
// (synchronous=FULL) never hold the server's event loop. Messages that arrive while a commit runs are
// committed together in the next transaction (group commit). Each reply names the request it answers.
import { parentPort, workerData } from "node:worker_threads";
import type { AppendOutcome } from "../../app/ports.js";
import { LogWriter, type WriteRow } from "./log-writer.js";
import { openDatabase } from "./open-database.js";

export interface WriteRequest {
  id: number;
  groups: WriteRow[][];
}
export type WriteReply = { id: number; outcomes: AppendOutcome[][] } | { id: number; error: string; code: string | null };

const writer = new LogWriter(openDatabase((workerData as { file: string }).file));
let queue: WriteRequest[] = [];
let scheduled = false;

function commitQueued(): void {
  scheduled = false;
  const requests = queue;
  queue = [];
  if (requests.length === 0) return;
  try {
    const outcomes = writer.commit(requests.flatMap((r) => r.groups));
    let at = 0;
    for (const r of requests) {
      parentPort?.postMessage({ id: r.id, outcomes: outcomes.slice(at, at + r.groups.length) } satisfies WriteReply);
      at += r.groups.length;
    }
  } catch (err) {
    const code = typeof (err as { code?: unknown }).code === "string" ? ((err as { code: string }).code) : null;
    for (const r of requests) parentPort?.postMessage({ id: r.id, error: err instanceof Error ? err.message : String(err), code } satisfies WriteReply);
  }
}

parentPort?.on("message", (request: WriteRequest) => {
  queue.push(request);
  if (!scheduled) {
    scheduled = true;
    setImmediate(commitQueued);
  }
});
