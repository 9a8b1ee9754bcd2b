// A lock across the processes of one machine, for tests that measure timing as a ratio within their own
// run: the CI runs two test streams at once, and the public-load test runs in both (on SQLite and on
// PostgreSQL) — two crowds of 200 polling clients at once made each other's "quiet" and "crowded" rounds
// alike noisy (a clean-clone run failed on it, 2026-11-27). A directory made atomically holds the lock;
// it names its holder's pid, so a lock left by a killed run is taken over.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Waits (polling) until this process holds the named lock; resolves to its release. */
export async function machineLock(name: string, timeoutMs = 300_000): Promise<() => void> {
  const dir = join(tmpdir(), `hallpulse-${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(dir);
      writeFileSync(join(dir, "pid"), String(process.pid));
      return () => rmSync(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(join(dir, "pid"), "utf8"));
    } catch {
      // Made but its pid not written yet: its maker is alive.
    }
    if (Number.isInteger(holder) && holder > 0 && !alive(holder)) rmSync(dir, { recursive: true, force: true });
    else if (Date.now() > deadline) throw new Error(`the machine lock ${dir} is still held (pid ${holder}) after ${timeoutMs} ms`);
    else await new Promise((r) => setTimeout(r, 250));
  }
}
