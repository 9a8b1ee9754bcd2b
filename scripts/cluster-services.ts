// What `npm run cluster` (scripts/cluster.ts) needs around its processes: its own output, the service
// scripts (scripts/services/<name>.sh for PostgreSQL, Redis and nginx), a free port for a node, and
// whether a pid is still alive and still one of our nodes.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { projectRoot } from "../server/project-root.js";

const root = projectRoot();

export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Runs scripts/services/<name>.sh; its progress (stderr) shows, its answer (stdout's last line) is returned. */
export function service(name: "postgres" | "redis" | "nginx", serviceArgs: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [path.join(root, "scripts", "services", `${name}.sh`), ...serviceArgs], { cwd: root, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => {
      if (code === 0) resolve(out.trim().split("\n").at(-1) ?? "");
      else reject(new Error(`scripts/services/${name}.sh ${serviceArgs.join(" ")} exited with ${code}`));
    });
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** True when `pid` is still one of our nodes (a pid from an old state file may belong to something else by now). */
export function isHallPulseNode(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("server/main.ts");
  } catch {
    return false;
  }
}

export async function waitGone(pids: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pids.some(alive) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
