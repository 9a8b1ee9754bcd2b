// The rollup tables: writing one hall-local day's buckets (replacing what was there), reading the rows
// of a period, and the days marked for recomputation. The reads the queries use (RollupReader) are async
// for PostgreSQL's sake; here they wrap the synchronous *Sync reads, which the rollup worker, the runner
// and tools keep using.
import type Database from "better-sqlite3";
import type { RollupReader } from "../../app/history-query.js";
import { foldDay, foldHourCells, type DayRollup, type HourCells } from "../../domain/history/day-rollup.js";
import type { FloorDays, FloorHistory } from "../../domain/history/floor-days.js";
import { monthOf, wholeMonths } from "../../domain/history/month-waits.js";
import type { Rollup } from "../../domain/history/rollup.js";
import { dayWaitGroup, float64Blob, float64s } from "../float64-blobs.js";
import { SqliteMonthRows } from "./month-rows.js";

/** A day's last computation (RollupDay.computedAt). */
export interface ComputedDayAt {
  day: string;
  computedAt: number;
}

export interface DirtyDay {
  hallId: string;
  day: string;
  dirtyGen: number;
  dirtySince: number;
}

export class RollupStore implements RollupReader {
  private readonly deleteWindows: Database.Statement;
  private readonly deleteCategories: Database.Statement;
  private readonly deleteWaits: Database.Statement;
  private readonly insertWindow: Database.Statement;
  private readonly insertCategory: Database.Statement;
  private readonly insertWait: Database.Statement;
  private readonly clearDay: Database.Statement;
  private readonly selectWaits: Database.Statement;
  private readonly dayStatements: { table: string; del: Database.Statement; ins: Database.Statement }[];
  private readonly readDay: Record<"windows" | "categories" | "hours" | "waits", Database.Statement>;
  private readonly readCells: Record<"windows" | "categories", Database.Statement>;
  private readonly writeDayTx: (hallId: string, from: number, to: number, rollup: Rollup, gen: number, now: number, day: string, tz: string, floor: FloorDays | undefined) => void;
  /** Issue #8: whole months' waits (WaitMonth, PriorityWaitMonth, RollupMonth). */
  private readonly months: SqliteMonthRows;
  /** Issue #9: idle per window-day and waits per category and priority (WindowIdleDay, PriorityWaitDay). */
  private readonly floorStatements: { del: Database.Statement[]; idle: Database.Statement; priority: Database.Statement; readIdle: Database.Statement; readPriority: Database.Statement };

  constructor(private readonly db: Database.Database) {
    this.deleteWindows = db.prepare(`delete from "WindowRollup" where hallId = ? and bucket >= ? and bucket < ?`);
    this.deleteCategories = db.prepare(`delete from "CategoryRollup" where hallId = ? and bucket >= ? and bucket < ?`);
    this.deleteWaits = db.prepare(`delete from "WaitSample" where hallId = ? and bucket >= ? and bucket < ?`);
    this.insertWindow = db.prepare(
      `insert or replace into "WindowRollup" (hallId, windowId, bucket, openMs, busyMs, served, handleMsSum, handleCount, ratingSum, ratingCount, poorRatings, noShows, firstCalls)
       values (@hallId, @windowId, @bucket, @openMs, @busyMs, @served, @handleMsSum, @handleCount, @ratingSum, @ratingCount, @poorRatings, @noShows, @firstCalls)`,
    );
    this.insertCategory = db.prepare(
      `insert or replace into "CategoryRollup" (hallId, categoryId, bucket, arrivals, firstCalls, waitMsSum, waitMsMax, served, handleMsSum, handleCount, ratingSum, ratingCount, poorRatings, noShows)
       values (@hallId, @categoryId, @bucket, @arrivals, @firstCalls, @waitMsSum, @waitMsMax, @served, @handleMsSum, @handleCount, @ratingSum, @ratingCount, @poorRatings, @noShows)`,
    );
    // A ticket has one wait; if its first call moved to another day, the sample moves with it.
    this.insertWait = db.prepare(
      `insert or replace into "WaitSample" (hallId, ticketId, bucket, categoryId, windowId, waitMs) values (@hallId, @ticketId, @bucket, @categoryId, @windowId, @waitMs)`,
    );
    this.selectWaits = db.prepare(`select ticketId, bucket, categoryId, windowId, waitMs from "WaitSample" where hallId = ? and bucket >= ? and bucket < ?`);
    this.clearDay = db.prepare(
      `update "RollupDay" set computedAt = ?, dirtySince = case when dirtyGen = ? then null else dirtySince end where hallId = ? and day = ?`,
    );
    const dayTable = (table: string, columns: string[]) => ({
      table,
      del: db.prepare(`delete from "${table}" where hallId = ? and day = ?`),
      ins: db.prepare(`insert or replace into "${table}" (hallId, ${columns.join(", ")}) values (@hallId, ${columns.map((c) => `@${c}`).join(", ")})`),
    });
    const W = ["day", "windowId", "openMs", "busyMs", "served", "handleMsSum", "handleCount", "ratingSum", "ratingCount", "poorRatings", "noShows", "firstCalls"];
    const C = ["day", "categoryId", "arrivals", "firstCalls", "waitMsSum", "waitMsMax", "served", "handleMsSum", "handleCount", "ratingSum", "ratingCount", "poorRatings", "noShows"];
    const H = ["day", "hour", "weekday", "openMs", "busyMs", "served", "noShows", "handleMsSum", "handleCount", "ratingSum", "ratingCount", "poorRatings", "arrivals"];
    const T = ["day", "categoryId", "windowId", "weekday", "waits", "hours"];
    const WH = ["day", "windowId", "hour", "weekday", "openMs", "busyMs"];
    const CH = ["day", "categoryId", "hour", "weekday", "arrivals", "handleMsSum", "handleCount"];
    this.dayStatements = [dayTable("WindowDay", W), dayTable("CategoryDay", C), dayTable("HourDay", H), dayTable("WaitDay", T), dayTable("WindowHourDay", WH), dayTable("CategoryHourDay", CH)];
    const select = (table: string, columns: string[]) => db.prepare(`select ${columns.join(", ")} from "${table}" where hallId = ? and day >= ? and day <= ?`);
    this.readDay = { windows: select("WindowDay", W), categories: select("CategoryDay", C), hours: select("HourDay", H), waits: select("WaitDay", T) };
    // Summed over the days in SQLite (integers: exact), a few hundred rows back for a year.
    this.readCells = {
      windows: db.prepare(
        `select windowId, weekday, hour, sum(openMs) as openMs, sum(busyMs) as busyMs from "WindowHourDay" where hallId = ? and day >= ? and day <= ? group by windowId, weekday, hour`,
      ),
      categories: db.prepare(
        `select categoryId, weekday, hour, sum(arrivals) as arrivals, sum(handleMsSum) as handleMsSum, sum(handleCount) as handleCount from "CategoryHourDay" where hallId = ? and day >= ? and day <= ? group by categoryId, weekday, hour`,
      ),
    };
    this.floorStatements = {
      del: ["WindowIdleDay", "PriorityWaitDay"].map((t) => db.prepare(`delete from "${t}" where hallId = ? and day = ?`)),
      idle: db.prepare(`insert or replace into "WindowIdleDay" (hallId, day, windowId, idleMs, idleEpisodes) values (?, ?, ?, ?, ?)`),
      priority: db.prepare(`insert or replace into "PriorityWaitDay" (hallId, day, categoryId, priority, waits) values (?, ?, ?, ?, ?)`),
      readIdle: db.prepare(`select day, windowId, idleMs, idleEpisodes as episodes from "WindowIdleDay" where hallId = ? and day >= ? and day <= ?`),
      readPriority: db.prepare(`select day, categoryId, priority, waits from "PriorityWaitDay" where hallId = ? and day >= ? and day <= ?`),
    };
    this.months = new SqliteMonthRows(db, {
      waits: (hallId, fromDay, toDay) => this.readDayWaits(hallId, fromDay, toDay),
      priority: (hallId, fromDay, toDay) => this.readFloorDaysSync(hallId, fromDay, toDay).priority,
    });
    this.writeDayTx = db.transaction((hallId, from, to, rollup, gen, now, day, tz, floor) => {
      this.deleteWindows.run(hallId, from, to);
      this.deleteCategories.run(hallId, from, to);
      this.deleteWaits.run(hallId, from, to);
      for (const w of rollup.windows) this.insertWindow.run({ hallId, ...w });
      for (const c of rollup.categories) this.insertCategory.run({ hallId, ...c });
      for (const s of rollup.waits) this.insertWait.run({ hallId, ...s });
      // The day level, folded from the same buckets.
      const folded = foldDay(rollup, tz);
      type T = (typeof this.dayStatements)[number];
      const [wd, cd, hd, td, whd, chd] = this.dayStatements as [T, T, T, T, T, T];
      for (const t of this.dayStatements) t.del.run(hallId, day);
      for (const w of folded.windows) if (w.day === day) wd.ins.run({ hallId, ...w });
      for (const c of folded.categories) if (c.day === day) cd.ins.run({ hallId, ...c });
      for (const h of folded.hours) if (h.day === day) hd.ins.run({ hallId, ...h });
      for (const g of folded.waits)
        if (g.day === day) td.ins.run({ hallId, ...g, waits: float64Blob(g.waits), hours: Buffer.from(Uint8Array.from(g.hours)) });
      const cells = foldHourCells(rollup, tz);
      for (const w of cells.windows) if (w.day === day) whd.ins.run({ hallId, ...w });
      for (const c of cells.categories) if (c.day === day) chd.ins.run({ hallId, ...c });
      if (floor) {
        for (const del of this.floorStatements.del) del.run(hallId, day);
        for (const r of floor.idle) if (r.day === day) this.floorStatements.idle.run(hallId, day, r.windowId, r.idleMs, r.episodes);
        for (const g of floor.priority) if (g.day === day) this.floorStatements.priority.run(hallId, day, g.categoryId, g.priority, float64Blob(g.waits));
      }
      // The day's month, joined again from its days (issue #8): a day written is never read stale by month.
      this.months.build(hallId, monthOf(day), now);
      this.clearDay.run(now, gen, hallId, day);
    });
    this.buildMonthTx = db.transaction((hallId: string, month: string, now: number) => this.months.build(hallId, month, now));
  }

  private readonly buildMonthTx: (hallId: string, month: string, now: number) => void;

  /**
   * Builds the months of every computed day that are not built yet — a database from before month rows
   * (issue #8); until then their days are read. Returns how many were built. The rollup worker runs it.
   */
  buildMissingMonths(now: number): number {
    const missing = this.months.missing();
    for (const { hallId, month } of missing) this.buildMonthTx(hallId, month, now);
    return missing.length;
  }

  /**
   * Replaces the buckets of [from, to) and clears the day's mark unless it was marked again meanwhile.
   * `floor` (issue #9), when given, replaces the day's idle and priority-wait rows in the same transaction.
   */
  writeDay(hallId: string, day: string, from: number, to: number, rollup: Rollup, dirtyGen: number, now: number, tz: string, floor?: FloorDays): void {
    this.writeDayTx(hallId, from, to, rollup, dirtyGen, now, day, tz, floor);
  }

  // The port's reads (RollupReader) over the synchronous ones; a failure rejects.
  async read(hallId: string, from: number, to: number): Promise<Rollup> {
    return this.readSync(hallId, from, to);
  }

  async readDays(hallId: string, fromDay: string, toDay: string, byMonth = false): Promise<DayRollup> {
    return this.readDaysSync(hallId, fromDay, toDay, byMonth);
  }

  async readHourCells(hallId: string, fromDay: string, toDay: string): Promise<HourCells> {
    return this.readHourCellsSync(hallId, fromDay, toDay);
  }

  async pending(hallId: string, throughDay?: string): Promise<number> {
    return this.pendingSync(hallId, throughDay);
  }

  /** Issue #9's floor rows of the days; `byMonth`: priority waits of whole built months by month (issue #8). */
  readFloorDays(hallId: string, fromDay: string, toDay: string): Promise<FloorDays>;
  readFloorDays(hallId: string, fromDay: string, toDay: string, byMonth: boolean): Promise<FloorHistory>;
  async readFloorDays(hallId: string, fromDay: string, toDay: string, byMonth = false): Promise<FloorHistory> {
    if (!byMonth) return this.readFloorDaysSync(hallId, fromDay, toDay);
    const months = wholeMonths(fromDay, toDay);
    if (!months) return this.readFloorDaysSync(hallId, fromDay, toDay);
    const priority = this.months.priority(hallId, fromDay, toDay, months);
    return { idle: this.readFloorDaysSync(hallId, fromDay, toDay, false).idle, priority };
  }

  /** Issue #9: the idle and priority-wait rows of the hall-local days fromDay … toDay (inclusive). */
  readFloorDaysSync(hallId: string, fromDay: string, toDay: string, withPriority = true): FloorDays {
    const idle = this.floorStatements.readIdle.all(hallId, fromDay, toDay) as FloorDays["idle"];
    if (!withPriority) return { idle, priority: [] };
    const priority = (this.floorStatements.readPriority.all(hallId, fromDay, toDay) as (Omit<FloorDays["priority"][number], "waits"> & { waits: Buffer })[]).map((g) => ({
      ...g,
      waits: float64s(g.waits),
    }));
    return { idle, priority };
  }

  /**
   * The day-level rollups of the hall-local days fromDay … toDay (inclusive). `byMonth`: the waits of the
   * whole months inside, once built, come as month groups (`monthWaits`) instead of their days' groups.
   */
  readDaysSync(hallId: string, fromDay: string, toDay: string, byMonth = false): DayRollup {
    const sums = {
      windows: this.readDay.windows.all(hallId, fromDay, toDay) as DayRollup["windows"],
      categories: this.readDay.categories.all(hallId, fromDay, toDay) as DayRollup["categories"],
      hours: this.readDay.hours.all(hallId, fromDay, toDay) as DayRollup["hours"],
    };
    const months = byMonth ? wholeMonths(fromDay, toDay) : null;
    if (!months) return { ...sums, waits: this.readDayWaits(hallId, fromDay, toDay) };
    const { waits, monthWaits } = this.months.waits(hallId, fromDay, toDay, months);
    return { ...sums, waits, monthWaits };
  }

  /** The day wait groups of fromDay … toDay. */
  private readDayWaits(hallId: string, fromDay: string, toDay: string): DayRollup["waits"] {
    return (this.readDay.waits.all(hallId, fromDay, toDay) as (Omit<DayRollup["waits"][number], "waits" | "hours"> & { waits: Buffer; hours: Buffer })[]).map(dayWaitGroup);
  }

  /** The hour cells of the hall-local days fromDay … toDay (inclusive), summed over those days. */
  readHourCellsSync(hallId: string, fromDay: string, toDay: string): HourCells {
    return {
      windows: this.readCells.windows.all(hallId, fromDay, toDay) as HourCells["windows"],
      categories: this.readCells.categories.all(hallId, fromDay, toDay) as HourCells["categories"],
    };
  }

  /** The 15-minute buckets of [from, to); the waits are read when first used. */
  readSync(hallId: string, from: number, to: number): Rollup {
    const windows = this.db
      .prepare(`select windowId, bucket, openMs, busyMs, served, handleMsSum, handleCount, ratingSum, ratingCount, poorRatings, noShows, firstCalls from "WindowRollup" where hallId = ? and bucket >= ? and bucket < ?`)
      .all(hallId, from, to) as Rollup["windows"];
    const categories = this.db
      .prepare(
        `select categoryId, bucket, arrivals, firstCalls, waitMsSum, waitMsMax, served, handleMsSum, handleCount, ratingSum, ratingCount, poorRatings, noShows from "CategoryRollup" where hallId = ? and bucket >= ? and bucket < ?`,
      )
      .all(hallId, from, to) as Rollup["categories"];
    // One row per ticket (≈ 320,000 for a year of a busy hall): read only when a caller uses them —
    // staffing and the heatmaps never do.
    const selectWaits = this.selectWaits;
    let waits: Rollup["waits"] | null = null;
    return {
      windows,
      categories,
      get waits(): Rollup["waits"] {
        waits ??= selectWaits.all(hallId, from, to) as Rollup["waits"];
        return waits;
      },
    };
  }

  dirtyDays(limit: number, throughDay: string): DirtyDay[] {
    return this.db
      .prepare(`select hallId, day, dirtyGen, dirtySince from "RollupDay" where dirtySince is not null and day <= ? order by day asc, hallId asc limit ?`)
      .all(throughDay, limit) as DirtyDay[];
  }

  /** Days marked and not recomputed yet; with `throughDay`, only those up to it (a later day waits for its start). */
  pendingSync(hallId: string, throughDay?: string): number {
    if (throughDay === undefined) return this.db.prepare(`select count(*) from "RollupDay" where hallId = ? and dirtySince is not null`).pluck().get(hallId) as number;
    return this.db.prepare(`select count(*) from "RollupDay" where hallId = ? and dirtySince is not null and day <= ?`).pluck().get(hallId, throughDay) as number;
  }

  /** The hall's days from `fromDay` on that are computed and not marked, with when each was last computed. */
  computedSince(hallId: string, fromDay: string): ComputedDayAt[] {
    return this.db
      .prepare(`select day, computedAt from "RollupDay" where hallId = ? and day >= ? and dirtySince is null and computedAt is not null order by day`)
      .all(hallId, fromDay) as ComputedDayAt[];
  }

  /** Marks days for recomputation (a rebuild from the log). */
  markDays(hallId: string, days: readonly string[], now: number): void {
    const mark = this.db.prepare(
      `insert into "RollupDay" (hallId, day, dirtySince, dirtyGen) values (?, ?, ?, 1)
       on conflict (hallId, day) do update set dirtySince = coalesce(dirtySince, excluded.dirtySince), dirtyGen = dirtyGen + 1`,
    );
    this.db.transaction(() => {
      for (const d of days) mark.run(hallId, d, now);
    })();
  }

  /** The first and last event time of a hall, for a rebuild's range of days. */
  eventSpan(hallId: string): { first: number; last: number } | null {
    const row = this.db.prepare(`select min(tsMs) as first, max(tsMs) as last from "Event" where hallId = ?`).get(hallId) as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { first: row.first, last: row.last };
  }
}
