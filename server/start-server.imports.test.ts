// A SQLite server does not load the PostgreSQL or Redis drivers (issue #8, measurement 3): they are ~600 of
// the ~1,260 files a start would otherwise open, ~0.1 s of every restart. Each case imports a module in a
// fresh Node process and lists the driver packages Node's CommonJS loader then holds.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DRIVERS = /node_modules\/(pg|pg-[^/]+|redis|@redis\/[^/]+|@socket\.io\/redis-streams-adapter)\//;

function driversLoadedBy(modulePath: string): string[] {
  const script = [
    'import { createRequire } from "node:module";',
    `await import(${JSON.stringify(path.join(ROOT, modulePath))});`,
    "const cache = createRequire(import.meta.url).cache;",
    `const names = Object.keys(cache).filter((k) => ${DRIVERS}.test(k)).map((k) => k.split("node_modules/").pop().split("/")[0]);`,
    "console.log(JSON.stringify([...new Set(names)].sort()));",
  ].join("\n");
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: ROOT, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop() as string) as string[];
}

describe("what a start loads", () => {
  it("loads neither the PostgreSQL nor the Redis driver for a SQLite server", () => {
    expect(driversLoadedBy("server/start-server.ts")).toEqual([]);
  });

  it("sees the drivers where they are used (the check itself works)", () => {
    expect(driversLoadedBy("server/open-postgres-storage.ts")).toContain("pg");
    expect(driversLoadedBy("server/adapters/socket/redis-adapter.ts")).toEqual(expect.arrayContaining(["@redis", "redis"]));
  });
});
