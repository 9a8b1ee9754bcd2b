// Facts about the machine a result was measured on: printed with the results and stored in the JSON.
import fs from "node:fs";
import os from "node:os";
import Database from "better-sqlite3";

export interface MachineFacts {
  date: string;
  hostname: string;
  platform: string;
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  sqlite: string;
  betterSqlite3: string;
  loadAverage: number[];
}

export function machineFacts(): MachineFacts {
  const db = new Database(":memory:");
  const sqlite = db.prepare("select sqlite_version()").pluck().get() as string;
  db.close();
  let betterSqlite3 = "?";
  try {
    betterSqlite3 = (JSON.parse(fs.readFileSync(new URL("../node_modules/better-sqlite3/package.json", import.meta.url), "utf8")) as { version: string }).version;
  } catch {
    // unknown
  }
  return {
    date: new Date().toISOString(),
    hostname: os.hostname(),
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    cpuModel: os.cpus()[0]?.model ?? "?",
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    sqlite,
    betterSqlite3,
    loadAverage: loadAverage(),
  };
}

export function loadAverage(): number[] {
  return os.loadavg().map((x) => Math.round(x * 100) / 100);
}

/** Resident set size of a process in MiB, from /proc (Linux); null when unreadable. */
export function rssMiB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux); null when unreadable. */
export function cpuMs(pid: number): number | null {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ");
    if (!fields) return null;
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return null;
  }
}
