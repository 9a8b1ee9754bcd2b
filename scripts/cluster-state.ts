// The state file of `npm run cluster` (scripts/cluster.ts): what a running cluster started (nginx's port,
// the nodes' pids), so that `npm run cluster -- --stop` can end it after the script itself was killed.
import fs from "node:fs";
import path from "node:path";
import { alive, isHallPulseNode, say, service, waitGone } from "./cluster-services.js";

const servicesDir = process.env.HALLPULSE_SERVICES_DIR ?? "/tmp/hallpulse-services";
const stateFile = path.join(servicesDir, "cluster.json");

export interface ClusterState {
  nginxPort: number;
  nodePids: number[];
}

export function readState(): ClusterState | null {
  try {
    return JSON.parse(fs.readFileSync(stateFile, "utf8")) as ClusterState;
  } catch {
    return null;
  }
}

export function writeState(state: ClusterState): void {
  fs.mkdirSync(servicesDir, { recursive: true });
  fs.writeFileSync(stateFile, JSON.stringify(state));
}

export function removeState(): void {
  fs.rmSync(stateFile, { force: true });
}

/** `--stop`: ends the leftovers of a run that could not clean up (killed with SIGKILL, a closed terminal). */
export async function stopLeftovers(): Promise<void> {
  const state = readState();
  if (state) {
    await service("nginx", ["stop", String(state.nginxPort)]).catch((err: Error) => say(err.message));
    const nodes = state.nodePids.filter((pid) => alive(pid) && isHallPulseNode(pid));
    for (const pid of nodes) process.kill(pid, "SIGTERM");
    await waitGone(nodes, 10_000);
    for (const pid of nodes.filter(alive)) process.kill(pid, "SIGKILL");
    if (nodes.length > 0) say(`stopped ${nodes.length} node(s)`);
    removeState();
  } else {
    say(`no running cluster recorded in ${stateFile}`);
  }
  await service("redis", ["stop"]).catch((err: Error) => say(err.message));
  say("PostgreSQL keeps running (bash scripts/services/postgres.sh stop stops it).");
}
