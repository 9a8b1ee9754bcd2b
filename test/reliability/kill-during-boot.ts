// Kills a restart part-way through: the server's start (migrations check, rebuild of the live halls, …)
// must be crash-safe too, so the loop sometimes SIGKILLs a starting process before the real restart.
import type { ServerProcess } from "../helpers/server-process.js";
import { sleep } from "./wait.js";

/**
 * Starts the server on the same file and port as `server` would, and kills it with SIGKILL `delayMs`
 * later, wherever its start has got to (it may even have become healthy).
 */
export async function startAndKillDuringBoot(server: ServerProcess, delayMs: number): Promise<void> {
  const child = server.spawnServer("ignore");
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await Promise.race([sleep(delayMs), exited]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await exited;
}
