// The floor worker as the source of today's history rollups (../rollup/computed-day.ts): its copy of a
// hall's facts is the live facts' own (the same folds and prunes), so it answers for a hall only while the
// live facts hold that hall whole and the worker is running.
import type { LiveHalls } from "../../app/live-halls.js";
import type { LiveDaySource } from "../rollup/computed-day.js";
import type { FloorWorkerClient } from "./floor-worker-client.js";

export function floorWorkerDays(live: Pick<LiveHalls, "factsVersion">, worker: FloorWorkerClient, folded: () => Promise<void>): LiveDaySource {
  return {
    version: (hallId) => (worker.running ? live.factsVersion(hallId) : null),
    folded,
    computeDay: (request, port) => worker.computeDay(request, port),
  };
}

/**
 * Resolves once every event committed before the call is folded into the live facts: this node's commits
 * in flight are answered (the ingest folds what it committed as it resumes), another node's are read by
 * the follower (it folds as it reads), and a turn of the event loop lets the answers' continuations run.
 */
export async function committedFolded(log: { settled(): Promise<void> }, follower: { catchUp(): Promise<void> } | null): Promise<void> {
  await log.settled();
  await follower?.catchUp();
  await new Promise((resolve) => setImmediate(resolve));
}
