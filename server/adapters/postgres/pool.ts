// The node-postgres pool of the hot path (event log appends and reads, the log follower's catch-up).
import pg from "pg";

export function openPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max, idleTimeoutMillis: 30_000 });
  // An idle client that loses its server emits 'error' on the pool; without a listener that is a crash.
  pool.on("error", () => undefined);
  return pool;
}
