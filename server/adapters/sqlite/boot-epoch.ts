// Counts server starts in the database; display sequence numbers are prefixed with it so that they keep
// increasing across restarts.
import type Database from "better-sqlite3";

export function nextBootEpoch(db: Database.Database): number {
  const row = db
    .prepare(
      `insert into "Meta" (key, value) values ('bootEpoch', '1')
       on conflict (key) do update set value = cast(cast(value as integer) + 1 as text) returning value`,
    )
    .get() as { value: string };
  return Number(row.value);
}
