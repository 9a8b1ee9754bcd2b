// The rollup tables on PostgreSQL (issue #11): the reads of the history queries (RollupReader) and the
// rollup worker's writes, with the same rows and figures as the SQLite RollupStore (rollup/rollup-store.ts;
// the tests compare the two). The tables and SQL helpers: rollup-tables.ts.
import type pg from "pg";
import type { RollupReader } from "../../app/history-query.js";
import { foldDay, foldHourCells, type DayRollup, type HourCells, type WaitGroup } from "../../domain/history/day-rollup.js";
import type { FloorDays, FloorHistory } from "../../domain/history/floor-days.js";
import { joinMonthPriority, joinMonthWaits, monthDays, monthOf, wholeMonths, type MonthWaitGroup } from "../../domain/history/month-waits.js";
import type { Rollup } from "../../domain/history/rollup.js";
import type { ComputedDayAt, DirtyDay } from "../rollup/rollup-store.js";
import { dayWaitGroup, float64Blob, float64s, monthWaitGroup } from "../float64-blobs.js";
import { AS_IS, CATEGORY_BUCKET, CATEGORY_DAY, CATEGORY_HOUR_DAY, DAY_TABLES, HOUR_DAY, IDLE_DAY, insertRows, orderOf, PRIORITY_DAY, PRIORITY_MONTH, q, selectList, valuesOf, WAIT_DAY, WAIT_MONTH, WAIT_SAMPLE, WINDOW_BUCKET, WINDOW_DAY, WINDOW_HOUR_DAY, type Table } from "./rollup-tables.js";
import { inTransaction } from "./transaction.js";

/**
 * Joins a month's day waits and priority waits into its month rows and lists the month as built, inside the
 * caller's transaction (an advisory lock per month keeps two writers of one month in turn).
 */
async function buildMonth(client: pg.ClientBase, hallId: string, month: string, now: number): Promise<void> {
  const { first, last } = monthDays(month);
  await client.query(`select pg_advisory_xact_lock(hashtext($1))`, [`hallpulse-month ${hallId} ${month}`]);
  const between = `where "hallId" = $1 and day >= $2 and day <= $3 order by day`;
  const [days, priority] = await Promise.all([
    client.query<Omit<WaitGroup, "waits" | "hours"> & { waits: Buffer; hours: Buffer }>(`select ${selectList(WAIT_DAY.columns, AS_IS)} from "WaitDay" ${between}`, [hallId, first, last]),
    client.query<Omit<FloorDays["priority"][number], "waits"> & { waits: Buffer }>(`select ${selectList(PRIORITY_DAY.columns, AS_IS)} from "PriorityWaitDay" ${between}`, [hallId, first, last]),
  ]);
  for (const t of [WAIT_MONTH, PRIORITY_MONTH]) await client.query(`delete from ${q(t.name)} where "hallId" = $1 and month = $2`, [hallId, month]);
  const waits = joinMonthWaits(month, days.rows.map(dayWaitGroup));
  await insertRows(client, WAIT_MONTH, hallId, waits.map((g) => [month, g.categoryId, g.windowId, float64Blob(g.waits), Buffer.from(g.hours as Uint8Array), Buffer.from(g.days as Uint8Array)]));
  const byPriority = joinMonthPriority(month, priority.rows.map((g) => ({ ...g, waits: float64s(g.waits) })));
  await insertRows(client, PRIORITY_MONTH, hallId, byPriority.map((g) => [month, g.categoryId, g.priority, float64Blob(g.waits)]));
  await client.query(`insert into "RollupMonth" ("hallId", month, "builtAt") values ($1, $2, $3) on conflict ("hallId", month) do update set "builtAt" = excluded."builtAt"`, [hallId, month, now]);
}

export class PgRollupStore implements RollupReader {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, params)).rows as T[];
  }

  /** A day table's rows of fromDay … toDay; with `outside`, not those of its months once built. */
  private selectDays<T>(table: Table, hallId: string, fromDay: string, toDay: string, outside: { first: string; last: string } | null = null): Promise<T[]> {
    const notBuilt = outside ? ` and substr(day, 1, 7) not in (select month from "RollupMonth" where "hallId" = $1 and month >= $4 and month <= $5)` : "";
    return this.rows<T>(
      `select ${selectList(table.columns, AS_IS)} from ${q(table.name)} where "hallId" = $1 and day >= $2 and day <= $3${notBuilt} order by ${orderOf(table)}`,
      outside ? [hallId, fromDay, toDay, outside.first, outside.last] : [hallId, fromDay, toDay],
    );
  }

  /** A month table's rows of the months first … last (rows exist only for built months). */
  private selectMonths<T>(table: Table, hallId: string, months: { first: string; last: string }): Promise<T[]> {
    return this.rows<T>(`select ${selectList(table.columns, AS_IS)} from ${q(table.name)} where "hallId" = $1 and month >= $2 and month <= $3 order by ${orderOf(table)}`, [
      hallId,
      months.first,
      months.last,
    ]);
  }

  async read(hallId: string, from: number, to: number): Promise<Rollup> {
    const select = (table: Table) =>
      this.rows(`select ${selectList(table.columns, AS_IS)} from ${q(table.name)} where "hallId" = $1 and bucket >= $2 and bucket < $3 order by bucket, ${q(table.columns[0] as string)} collate "C"`, [hallId, from, to]);
    // The waits are read with the rest (a network round trip cannot be deferred to a synchronous getter):
    // bucket reads cover at most the partial edge days of a period.
    const [windows, categories, waits] = await Promise.all([select(WINDOW_BUCKET), select(CATEGORY_BUCKET), select(WAIT_SAMPLE)]);
    return { windows: windows as Rollup["windows"], categories: categories as Rollup["categories"], waits: waits as Rollup["waits"] };
  }

  /**
   * The day-level rollups of fromDay … toDay. `byMonth` (issue #8): the waits of the whole months inside,
   * once built, come as month groups (`monthWaits`) instead of their days' groups.
   */
  async readDays(hallId: string, fromDay: string, toDay: string, byMonth = false): Promise<DayRollup> {
    type MonthRow = Omit<MonthWaitGroup, "waits" | "hours" | "days"> & { waits: Buffer; hours: Buffer; days: Buffer };
    const months = byMonth ? wholeMonths(fromDay, toDay) : null;
    const [windows, categories, hours, waits, monthRows] = await Promise.all([
      this.selectDays<DayRollup["windows"][number]>(WINDOW_DAY, hallId, fromDay, toDay),
      this.selectDays<DayRollup["categories"][number]>(CATEGORY_DAY, hallId, fromDay, toDay),
      this.selectDays<DayRollup["hours"][number]>(HOUR_DAY, hallId, fromDay, toDay),
      this.selectDays<Omit<WaitGroup, "waits" | "hours"> & { waits: Buffer; hours: Buffer }>(WAIT_DAY, hallId, fromDay, toDay, months),
      months ? this.selectMonths<MonthRow>(WAIT_MONTH, hallId, months) : Promise.resolve(null),
    ]);
    const rollup: DayRollup = { windows, categories, hours, waits: waits.map(dayWaitGroup) };
    if (monthRows) rollup.monthWaits = monthRows.map(monthWaitGroup);
    return rollup;
  }

  /** The hour cells of the hall-local days fromDay … toDay, summed over those days in SQL (integers: exact). */
  async readHourCells(hallId: string, fromDay: string, toDay: string): Promise<HourCells> {
    const [windows, categories] = await Promise.all([
      this.rows<HourCells["windows"][number]>(
        `select "windowId", weekday, hour, sum("openMs")::float8 as "openMs", sum("busyMs")::float8 as "busyMs" from "WindowHourDay"
         where "hallId" = $1 and day >= $2 and day <= $3 group by "windowId", weekday, hour`,
        [hallId, fromDay, toDay],
      ),
      this.rows<HourCells["categories"][number]>(
        `select "categoryId", weekday, hour, sum(arrivals)::float8 as arrivals, sum("handleMsSum")::float8 as "handleMsSum", sum("handleCount")::float8 as "handleCount"
         from "CategoryHourDay" where "hallId" = $1 and day >= $2 and day <= $3 group by "categoryId", weekday, hour`,
        [hallId, fromDay, toDay],
      ),
    ]);
    return { windows, categories };
  }

  /**
   * Issue #9: the idle and priority-wait rows of the hall-local days fromDay … toDay (inclusive);
   * `byMonth` (issue #8): the priority waits of whole built months by month.
   */
  readFloorDays(hallId: string, fromDay: string, toDay: string): Promise<FloorDays>;
  readFloorDays(hallId: string, fromDay: string, toDay: string, byMonth: boolean): Promise<FloorHistory>;
  async readFloorDays(hallId: string, fromDay: string, toDay: string, byMonth = false): Promise<FloorHistory> {
    type Row = Omit<FloorDays["priority"][number], "waits"> & { waits: Buffer };
    const months = byMonth ? wholeMonths(fromDay, toDay) : null;
    const [idle, priority, monthRows] = await Promise.all([
      this.rows<FloorDays["idle"][number]>(
        `select day, "windowId", "idleMs"::float8 as "idleMs", "idleEpisodes"::float8 as episodes from "WindowIdleDay" where "hallId" = $1 and day >= $2 and day <= $3 order by day, "windowId" collate "C"`,
        [hallId, fromDay, toDay],
      ),
      this.selectDays<Row>(PRIORITY_DAY, hallId, fromDay, toDay, months),
      months ? this.selectMonths<Omit<Row, "day">>(PRIORITY_MONTH, hallId, months) : Promise.resolve([]),
    ]);
    return { idle, priority: [...priority, ...monthRows].map((g) => ({ ...g, waits: float64s(g.waits) })) };
  }

  async pending(hallId: string, throughDay?: string): Promise<number> {
    const [row] = await this.rows<{ n: number }>(
      `select count(*)::float8 as n from "RollupDay" where "hallId" = $1 and "dirtySince" is not null and ($2::text is null or day collate "C" <= $2)`,
      [hallId, throughDay ?? null],
    );
    return row?.n ?? 0;
  }

  // ---- The rollup worker's side. ----

  /**
   * Replaces the buckets of [from, to) and the day level of `day` in one transaction, and clears the day's
   * mark unless it was marked again meanwhile. `floor` (issue #9), when given, replaces the day's idle and
   * priority-wait rows too. As RollupStore.writeDay.
   */
  async writeDay(hallId: string, day: string, from: number, to: number, rollup: Rollup, dirtyGen: number, now: number, tz: string, floor?: FloorDays): Promise<void> {
    const folded = foldDay(rollup, tz);
    const cells = foldHourCells(rollup, tz);
    const ofDay = <T extends { day: string }>(rows: readonly T[]) => rows.filter((r) => r.day === day);
    await inTransaction(this.pool, "begin", async (client) => {
      for (const t of [WINDOW_BUCKET, CATEGORY_BUCKET, WAIT_SAMPLE]) await client.query(`delete from ${q(t.name)} where "hallId" = $1 and bucket >= $2 and bucket < $3`, [hallId, from, to]);
      await insertRows(client, WINDOW_BUCKET, hallId, valuesOf(WINDOW_BUCKET, rollup.windows));
      await insertRows(client, CATEGORY_BUCKET, hallId, valuesOf(CATEGORY_BUCKET, rollup.categories));
      await insertRows(client, WAIT_SAMPLE, hallId, valuesOf(WAIT_SAMPLE, rollup.waits));
      // The day level, folded from the same buckets.
      for (const t of DAY_TABLES) await client.query(`delete from ${q(t.name)} where "hallId" = $1 and day = $2`, [hallId, day]);
      await insertRows(client, WINDOW_DAY, hallId, valuesOf(WINDOW_DAY, ofDay(folded.windows)));
      await insertRows(client, CATEGORY_DAY, hallId, valuesOf(CATEGORY_DAY, ofDay(folded.categories)));
      await insertRows(client, HOUR_DAY, hallId, valuesOf(HOUR_DAY, ofDay(folded.hours)));
      await insertRows(client, WAIT_DAY, hallId, valuesOf(WAIT_DAY, ofDay(folded.waits).map((g) => ({ ...g, waits: float64Blob(g.waits), hours: Buffer.from(Uint8Array.from(g.hours)) }))));
      await insertRows(client, WINDOW_HOUR_DAY, hallId, valuesOf(WINDOW_HOUR_DAY, ofDay(cells.windows)));
      await insertRows(client, CATEGORY_HOUR_DAY, hallId, valuesOf(CATEGORY_HOUR_DAY, ofDay(cells.categories)));
      if (floor) {
        for (const t of [IDLE_DAY, PRIORITY_DAY]) await client.query(`delete from ${q(t.name)} where "hallId" = $1 and day = $2`, [hallId, day]);
        await insertRows(client, IDLE_DAY, hallId, ofDay(floor.idle).map((r) => [day, r.windowId, r.idleMs, r.episodes]));
        await insertRows(client, PRIORITY_DAY, hallId, ofDay(floor.priority).map((g) => [day, g.categoryId, g.priority, float64Blob(g.waits)]));
      }
      // The day's month, joined again from its days (issue #8): a day written is never read stale by month.
      await buildMonth(client, hallId, monthOf(day), now);
      await client.query(`update "RollupDay" set "computedAt" = $1, "dirtySince" = case when "dirtyGen" = $2 then null else "dirtySince" end where "hallId" = $3 and day = $4`, [now, dirtyGen, hallId, day]);
    });
  }

  /**
   * Builds the months of every computed day that are not built yet — a database from before month rows
   * (issue #8); until then their days are read. The leader's rollup worker runs it before its first day.
   */
  async buildMissingMonths(now: number): Promise<number> {
    const missing = await this.rows<{ hallId: string; month: string }>(
      `select distinct "hallId", substr(day, 1, 7) as month from (select "hallId", day from "RollupDay" where "computedAt" is not null union select "hallId", day from "WaitDay") as d
       except select "hallId", month from "RollupMonth"`,
      [],
    );
    for (const { hallId, month } of missing) {
      await inTransaction(this.pool, "begin", (client) => buildMonth(client, hallId, month, now));
    }
    return missing.length;
  }

  /** The days marked for recomputation, oldest first. */
  dirtyDays(limit: number, throughDay: string): Promise<DirtyDay[]> {
    return this.rows<DirtyDay>(
      `select "hallId", day, "dirtyGen", "dirtySince"::float8 as "dirtySince" from "RollupDay" where "dirtySince" is not null and day collate "C" <= $2
       order by day collate "C", "hallId" collate "C" limit $1`,
      [limit, throughDay],
    );
  }

  /** The hall's days from `fromDay` on that are computed and not marked, with when each was last computed. */
  computedSince(hallId: string, fromDay: string): Promise<ComputedDayAt[]> {
    return this.rows<ComputedDayAt>(
      `select day, "computedAt"::float8 as "computedAt" from "RollupDay"
       where "hallId" = $1 and day collate "C" >= $2 and "dirtySince" is null and "computedAt" is not null order by day collate "C"`,
      [hallId, fromDay],
    );
  }

  /** Marks days for recomputation (a rebuild from the log), in one statement. */
  async markDays(hallId: string, days: readonly string[], now: number): Promise<void> {
    if (days.length === 0) return;
    await this.pool.query(
      `insert into "RollupDay" ("hallId", day, "dirtySince", "dirtyGen") select $1::text, d, $3::bigint, 1 from unnest($2::text[]) as x(d)
       on conflict ("hallId", day) do update set "dirtySince" = coalesce("RollupDay"."dirtySince", excluded."dirtySince"), "dirtyGen" = "RollupDay"."dirtyGen" + 1`,
      [hallId, [...new Set(days)], now],
    );
  }

  /** The first and last event time of a hall, for a rebuild's range of days. */
  async eventSpan(hallId: string): Promise<{ first: number; last: number } | null> {
    const [row] = await this.rows<{ first: number | null; last: number | null }>(`select min("tsMs")::float8 as first, max("tsMs")::float8 as last from "Event" where "hallId" = $1`, [hallId]);
    return !row || row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }
}
