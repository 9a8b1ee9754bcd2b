// Kills a restart part-way through: the server's start (migrations check, rebuild of the live halls, …)
// must be crash-safe too, so the loop sometimes SIGKILLs a starting process before the real restart.
import { spawn } from "node:child_process";
import { ROOT, type ServerProcess } from "../helpers/server-process.js";
import { sleep } from "./wait.js";

/**
 * Starts the server on the same file and port as `server` would, and kills it with SIGKILL `delayMs`
 * later, wherever its start has got to (it may even have become healthy).
 */
export async function startAndKillDuringBoot(server: ServerProcess, delayMs: number): Promise<void> {
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(server.port),
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${server.dbFile}`,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    ADMIN_TOKEN: server.adminToken,
  };
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: ROOT, env, stdio: "ignore" });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([sleep(delayMs), exited]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await exited;
}
