// Counts server starts in the shared database (every node's start takes its own number), so that display
// sequence numbers keep increasing across restarts and never repeat between nodes of a cluster.
import type pg from "pg";

export async function nextBootEpochPg(pool: pg.Pool): Promise<number> {
  const r = await pool.query<{ value: string }>(
    `insert into "Meta" (key, value) values ('bootEpoch', '1')
     on conflict (key) do update set value = (cast("Meta".value as bigint) + 1)::text returning value`,
  );
  return Number(r.rows[0]?.value);
}
