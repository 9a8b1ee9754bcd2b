// A rollup worker whose every job reports having taken 5 s (rollup-runner.test.ts), without computing:
// the runner must space today's recomputes by 20× that, not by its 30 s.
import { parentPort } from "node:worker_threads";
import type { RollupJobResult, RollupMessage } from "./rollup-worker.js";

parentPort?.on("message", (message: RollupMessage) => {
  if ("close" in message) {
    parentPort?.close();
    return;
  }
  parentPort?.postMessage({ ok: true, hallId: message.hallId, day: message.day, ms: 5_000 } satisfies RollupJobResult);
});
