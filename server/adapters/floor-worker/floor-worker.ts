// The floor worker (issue #8): a replica of each hall's live facts, folded from the same committed events
// the main thread folds, on which the floor section's slow scan runs (the idle windows and the Monte
// Carlo wait estimates: a few hundred milliseconds on a very busy hall, which on the event loop delayed
// every update and ack behind it). Messages are plain data; see floor-worker-client.ts. Since session 19 it
// also computes today's history rollups on the same copy, sent straight to the rollup worker
// (../rollup/computed-day.ts).
import { parentPort, type MessagePort } from "node:worker_threads";
import type { HallConfig, HallEvent } from "../../../contract/index.js";
import { scanFloor, type FloorScan } from "../../app/live-floor.js";
import { HallFacts } from "../../domain/hall-facts.js";
import { computeDay } from "../../domain/history/compute-day.js";
import type { ComputedDay } from "../rollup/computed-day.js";
import type { WaitCorrection } from "../../domain/wait-estimate/recalibrate.js";

export type FloorWorkerMessage =
  | { kind: "fold"; hallId: string; events: HallEvent[] }
  | { kind: "prune"; beforeMs: number }
  | { kind: "scan"; id: number; hallId: string; config: HallConfig; now: number; correction: WaitCorrection }
  | { kind: "day"; hallId: string; config: HallConfig; day: string; start: number; end: number; asOf: number; port: MessagePort };

export type FloorWorkerReply = { id: number; scan: FloorScan } | { id: number; error: string };

const halls = new Map<string, HallFacts>();

function factsOf(hallId: string): HallFacts {
  let facts = halls.get(hallId);
  if (!facts) {
    facts = new HallFacts();
    halls.set(hallId, facts);
  }
  return facts;
}

parentPort?.on("message", (m: FloorWorkerMessage) => {
  if (m.kind === "fold") {
    const facts = factsOf(m.hallId);
    for (const e of m.events) facts.add(e);
  } else if (m.kind === "prune") {
    for (const facts of halls.values()) facts.pruneBefore(m.beforeMs);
  } else if (m.kind === "day") {
    let computed: ComputedDay;
    try {
      computed = { ok: true, ...computeDay(factsOf(m.hallId), m.config, m.day, m.start, m.end, m.asOf) };
    } catch (err) {
      computed = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    // The receiver closes the port once it has the day.
    m.port.postMessage(computed);
  } else {
    let reply: FloorWorkerReply;
    try {
      reply = { id: m.id, scan: scanFloor(factsOf(m.hallId), m.config, m.now, m.correction) };
    } catch (err) {
      reply = { id: m.id, error: err instanceof Error ? err.message : String(err) };
    }
    parentPort?.postMessage(reply);
  }
});
