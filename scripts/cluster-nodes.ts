// One HallPulse node of `npm run cluster` (scripts/cluster.ts): started from the sources on a free port
// with the cluster's PostgreSQL and Redis, its output prefixed with its name, and waited for until healthy.
import { spawn, type ChildProcess } from "node:child_process";
import readline from "node:readline";
import { projectRoot } from "../server/project-root.js";
import { freePort, say } from "./cluster-services.js";

export interface ClusterNode {
  name: string;
  port: number;
  child: ChildProcess;
}

/** What every node is started with. */
export interface NodeSettings {
  databaseUrl: string;
  redisUrl: string;
  adminToken: string;
}

/** The cluster's side: told of a node as soon as it is spawned (to record its pid), asked whether it is stopping. */
export interface NodeHooks {
  spawned(node: ClusterNode): void;
  stopping(): boolean;
}

function prefixLines(stream: NodeJS.ReadableStream | null, name: string): void {
  if (!stream) return;
  readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(`[${name}] ${line}\n`));
}

export async function startNode(index: number, settings: NodeSettings, hooks: NodeHooks): Promise<ClusterNode> {
  const name = `node${index + 1}`;
  const port = await freePort();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(port),
    HOST: "127.0.0.1",
    DATABASE_URL: settings.databaseUrl,
    REDIS_URL: settings.redisUrl,
    // nginx runs on this host: the client's address comes from its X-Forwarded-For (server/config.ts).
    TRUST_PROXY: "loopback",
    ADMIN_TOKEN: settings.adminToken,
    LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
  };
  // detached: its own process group, so that Ctrl-C in the terminal reaches this script only and the
  // nodes stop after nginx (no request lands on a node that is already going away).
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: projectRoot(), env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  prefixLines(child.stdout, name);
  prefixLines(child.stderr, name);
  const node = { name, port, child };
  hooks.spawned(node);
  child.once("exit", (code, signal) => {
    if (!hooks.stopping()) say(`[${name}] exited (${signal ?? code}); nginx sends its clients to the other node(s)`);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200) return node;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${name} not healthy on port ${port} after 60 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
