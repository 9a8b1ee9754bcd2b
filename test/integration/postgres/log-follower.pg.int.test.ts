// The log follower on a real PostgreSQL (issue #11): a node folds exactly the events other nodes commit,
// each once and none of its own, whatever the interleaving; and a node whose commits are the only ones
// does not read the log back on their notices (the seqs after the last one read are all its own).
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { PgEventLog } from "../../../server/adapters/postgres/event-log.js";
import { LogFollower } from "../../../server/adapters/postgres/log-follower.js";
import { openPool } from "../../../server/adapters/postgres/pool.js";
import type { AppendItem } from "../../../server/app/ports.js";
import { migratedPostgres, type MigratedPostgres } from "./migrated-postgres.js";

const BASE = Date.UTC(2026, 10, 20, 1, 0, 0);
let db: MigratedPostgres;
let poolB: pg.Pool;

const issued = (id: string, n: number): AppendItem => {
  const ts = new Date(BASE + n * 1000).toISOString();
  const event = { id, type: "ticket.issued", hallId: "h1", ts, ticketId: `t-${id}`, ticketNo: `A${n}`, categoryId: "c1" } as HallEvent;
  return { kind: "event", hallId: "h1", event, tsMs: BASE + n * 1000, receivedMs: BASE + n * 1000, rollupDays: ["2026-11-20"] };
};

const settle = () => new Promise((r) => setTimeout(r, 400));

beforeAll(async () => {
  db = await migratedPostgres("hallpulse_follower");
  poolB = openPool(db.url);
}, 180_000);

afterAll(async () => {
  await poolB?.end();
  await db?.close();
});

describe("LogFollower", () => {
  it("folds each other node's event once and none of its own, and reads nothing back for notices of its own commits alone", async () => {
    const folded: string[] = [];
    const reads = vi.spyOn(db.pool, "query");
    const logReads = () => reads.mock.calls.filter(([sql]) => typeof sql === "string" && sql.includes("where seq > $1")).length;
    const follower = new LogFollower({
      url: db.url,
      pool: db.pool,
      onEvents: (batch) => folded.push(...batch.events.map((e) => e.id)),
      onError: (message) => {
        throw new Error(message);
      },
      // No poll within the test: every read is a notice's.
      pollMs: 3_600_000,
    });
    const logA = new PgEventLog(db.pool, { onInserted: (seqs) => follower.markOwn(seqs) });
    const logB = new PgEventLog(poolB);
    await follower.start(await follower.headSeq());
    await settle();
    const readsAtStart = logReads();

    // This node's commits alone: their notices need no read.
    for (let n = 0; n < 5; n++) await logA.append([issued(`a${n}`, n), issued(`a${n}x`, n)]);
    await settle();
    expect(logReads()).toBe(readsAtStart);
    expect(folded).toEqual([]);
    expect(follower.status().lastSeq).toBe(await follower.headSeq());

    // Another node's commit between two of its own: read, and only the other's event folded.
    await logB.append([issued("b0", 10)]);
    await logA.append([issued("a10", 11)]);
    await settle();
    expect(logReads()).toBeGreaterThan(readsAtStart);
    expect(folded).toEqual(["b0"]);

    // Both nodes at once, many commits interleaved: each of B's once, none of A's.
    const bIds: string[] = [];
    await Promise.all(
      Array.from({ length: 20 }, async (_, n) => {
        bIds.push(`b${n + 1}`);
        await Promise.all([logA.append([issued(`a${n + 20}`, 20 + n)]), logB.append([issued(`b${n + 1}`, 20 + n)])]);
      }),
    );
    await settle();
    await follower.catchUp();
    expect([...folded].sort()).toEqual(["b0", ...bIds].sort());
    expect(follower.status().lastSeq).toBe(await follower.headSeq());
    await follower.stop();
    await logA.close();
    await logB.close();
  });
});
