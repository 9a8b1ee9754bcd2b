// Waiting helpers for the crash-loop harness. The loop never awaits events directly: it polls the
// shared state (acks counted, sockets connected, devices idle) until a predicate holds, with a deadline
// so a hung server fails the run with a message instead of hanging the test.
import { performance } from "node:perf_hooks";

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until(predicate: () => boolean, timeoutMs: number, what: string, pollMs = 5): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`crash loop: timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(pollMs);
  }
}
