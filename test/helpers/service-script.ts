// Runs one of scripts/services/*.sh (PostgreSQL, Redis, nginx: install or start) for the test helpers,
// and finds a Debian binary that may sit in /usr/sbin, outside a non-root user's PATH.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./server-process.js";

/** Runs scripts/services/<name>.sh with args; resolves with its stdout (progress goes to stderr). */
export function runServiceScript(name: "postgres" | "redis" | "nginx", args: string[], env: Record<string, string> = {}): Promise<string> {
  const script = path.join(ROOT, "scripts/services", `${name}.sh`);
  return new Promise((resolve, reject) => {
    // Ten minutes: on a fresh machine this may run apt-get update and install the package.
    execFile("bash", [script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`scripts/services/${name}.sh ${args.join(" ")} failed: ${err.message}\n${stderr}`));
      else resolve(stdout.trim());
    });
  });
}

/** The absolute path of an executable on PATH or in /usr/sbin, /usr/bin; null when missing. */
export function findExecutable(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/usr/bin", "/sbin"];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Kills children still running when the test process exits (a failed test must not leave servers behind). */
const orphans = new Set<{ kill(signal: NodeJS.Signals): boolean }>();
let exitHookInstalled = false;
export function killOnExit(child: { kill(signal: NodeJS.Signals): boolean }): () => void {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once("exit", () => {
      for (const c of orphans) c.kill("SIGKILL");
    });
  }
  orphans.add(child);
  return () => orphans.delete(child);
}
