// The PostgreSQL rollup tables as the Prisma schema has them (issue #11): columns, keys, and the SQL
// helpers the store writes and reads them with (rollup-store.ts). Column names are quoted camelCase;
// BIGINT and sums come back from node-postgres as strings, so every number is cast to float8 in SQL: exact
// for the integers kept here (< 2^53).
import type pg from "pg";

export const q = (column: string) => `"${column}"`;
/** A select list: text and blob columns as they are, every other column as a JS number. */
export const selectList = (columns: readonly string[], asIs: readonly string[]) => columns.map((c) => (asIs.includes(c) ? q(c) : `${q(c)}::float8 as ${q(c)}`)).join(", ");
export const TEXT = ["hallId", "windowId", "categoryId", "ticketId", "day", "month", "priority"];
export const AS_IS = [...TEXT, "waits", "hours", "days"];

/** A table's columns (after hallId) and its primary key, as the Prisma schema has them. */
export interface Table {
  name: string;
  columns: readonly string[];
  key: readonly string[];
}

/** A window's figures, the same in its 15-minute buckets and in its days. */
const WINDOW_FIGURES = ["openMs", "busyMs", "served", "handleMsSum", "handleCount", "ratingSum", "ratingCount", "poorRatings", "noShows", "firstCalls"] as const;
/** A category's figures, the same in its 15-minute buckets and in its days. */
const CATEGORY_FIGURES = ["arrivals", "firstCalls", "waitMsSum", "waitMsMax", "served", "handleMsSum", "handleCount", "ratingSum", "ratingCount", "poorRatings", "noShows"] as const;

export const WINDOW_BUCKET: Table = {
  name: "WindowRollup",
  columns: ["windowId", "bucket", ...WINDOW_FIGURES],
  key: ["hallId", "windowId", "bucket"],
};
export const CATEGORY_BUCKET: Table = {
  name: "CategoryRollup",
  columns: ["categoryId", "bucket", ...CATEGORY_FIGURES],
  key: ["hallId", "categoryId", "bucket"],
};
export const WAIT_SAMPLE: Table = { name: "WaitSample", columns: ["ticketId", "bucket", "categoryId", "windowId", "waitMs"], key: ["hallId", "ticketId"] };
export const WINDOW_DAY: Table = {
  name: "WindowDay",
  columns: ["day", "windowId", ...WINDOW_FIGURES],
  key: ["hallId", "day", "windowId"],
};
export const CATEGORY_DAY: Table = {
  name: "CategoryDay",
  columns: ["day", "categoryId", ...CATEGORY_FIGURES],
  key: ["hallId", "day", "categoryId"],
};
export const HOUR_DAY: Table = {
  name: "HourDay",
  columns: ["day", "hour", "weekday", "openMs", "busyMs", "served", "noShows", "handleMsSum", "handleCount", "ratingSum", "ratingCount", "poorRatings", "arrivals"],
  key: ["hallId", "day", "hour"],
};
export const WAIT_DAY: Table = { name: "WaitDay", columns: ["day", "categoryId", "windowId", "weekday", "waits", "hours"], key: ["hallId", "day", "categoryId", "windowId"] };
export const WINDOW_HOUR_DAY: Table = { name: "WindowHourDay", columns: ["day", "windowId", "hour", "weekday", "openMs", "busyMs"], key: ["hallId", "day", "windowId", "hour"] };
export const CATEGORY_HOUR_DAY: Table = {
  name: "CategoryHourDay",
  columns: ["day", "categoryId", "hour", "weekday", "arrivals", "handleMsSum", "handleCount"],
  key: ["hallId", "day", "categoryId", "hour"],
};
export const IDLE_DAY: Table = { name: "WindowIdleDay", columns: ["day", "windowId", "idleMs", "idleEpisodes"], key: ["hallId", "day", "windowId"] };
export const PRIORITY_DAY: Table = { name: "PriorityWaitDay", columns: ["day", "categoryId", "priority", "waits"], key: ["hallId", "day", "categoryId", "priority"] };
export const WAIT_MONTH: Table = { name: "WaitMonth", columns: ["month", "categoryId", "windowId", "waits", "hours", "days"], key: ["hallId", "month", "categoryId", "windowId"] };
export const PRIORITY_MONTH: Table = { name: "PriorityWaitMonth", columns: ["month", "categoryId", "priority", "waits"], key: ["hallId", "month", "categoryId", "priority"] };
export const DAY_TABLES = [WINDOW_DAY, CATEGORY_DAY, HOUR_DAY, WAIT_DAY, WINDOW_HOUR_DAY, CATEGORY_HOUR_DAY];

/** Rows per insert statement: well under PostgreSQL's 65,535 parameters for the widest table. */
export const CHUNK_ROWS = 1000;

/**
 * Inserts rows (values in `table.columns` order after hallId), replacing a row with the same key as
 * SQLite's `insert or replace` does (a ticket's wait sample moves with its first call to another day).
 */
export async function insertRows(client: pg.ClientBase, table: Table, hallId: string, rows: unknown[][]): Promise<void> {
  const columns = ["hallId", ...table.columns];
  const update = columns.filter((c) => !table.key.includes(c));
  const conflict = `on conflict (${table.key.map(q).join(", ")}) do ${update.length > 0 ? `update set ${update.map((c) => `${q(c)} = excluded.${q(c)}`).join(", ")}` : "nothing"}`;
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    const chunk = rows.slice(i, i + CHUNK_ROWS);
    const params: unknown[] = [];
    const values = chunk.map((row) => `(${[hallId, ...row].map((v) => `$${params.push(v)}`).join(", ")})`);
    await client.query(`insert into ${q(table.name)} (${columns.map(q).join(", ")}) values ${values.join(", ")} ${conflict}`, params);
  }
}

/** `objects`' values in `table.columns` order. */
export const valuesOf = (table: Table, objects: readonly object[]) => objects.map((o) => table.columns.map((c) => (o as Record<string, unknown>)[c]));


export const orderOf = (table: Table) => table.key
  .slice(1)
  .map((c) => (TEXT.includes(c) ? `${q(c)} collate "C"` : q(c)))
  .join(", ");
