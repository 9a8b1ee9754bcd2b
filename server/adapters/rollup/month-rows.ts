// Month rows of waits on SQLite (issue #8; the rule in domain/history/month-waits.ts): a month's day
// waits joined into WaitMonth and PriorityWaitMonth and listed in RollupMonth, inside the caller's
// transaction; reads of a period whose whole built months come from those rows and the rest from the days.
import type Database from "better-sqlite3";
import type { WaitGroup } from "../../domain/history/day-rollup.js";
import type { FloorHistory, PriorityWaitDay } from "../../domain/history/floor-days.js";
import { joinMonthPriority, joinMonthWaits, monthDays, type MonthWaitGroup } from "../../domain/history/month-waits.js";
import { dayWaitGroup, float64Blob, float64s, monthWaitGroup } from "../float64-blobs.js";

/** The day rows a month is joined from (the rollup store's own reads). */
export interface DayWaitReads {
  waits(hallId: string, fromDay: string, toDay: string): WaitGroup[];
  priority(hallId: string, fromDay: string, toDay: string): PriorityWaitDay[];
}

type Months = { first: string; last: string };

export class SqliteMonthRows {
  private readonly s: Record<"delWaits" | "delPriority" | "insWait" | "insPriority" | "built" | "waitsOutside" | "waits" | "priorityOutside" | "priority" | "missing", Database.Statement>;

  constructor(
    db: Database.Database,
    private readonly days: DayWaitReads,
  ) {
    // A whole month inside a read comes from its month rows once built; its days are then left out.
    const builtMonths = `select month from "RollupMonth" where hallId = ? and month >= ? and month <= ?`;
    this.s = {
      delWaits: db.prepare(`delete from "WaitMonth" where hallId = ? and month = ?`),
      delPriority: db.prepare(`delete from "PriorityWaitMonth" where hallId = ? and month = ?`),
      insWait: db.prepare(`insert into "WaitMonth" (hallId, month, categoryId, windowId, waits, hours, days) values (?, ?, ?, ?, ?, ?, ?)`),
      insPriority: db.prepare(`insert into "PriorityWaitMonth" (hallId, month, categoryId, priority, waits) values (?, ?, ?, ?, ?)`),
      built: db.prepare(`insert into "RollupMonth" (hallId, month, builtAt) values (?, ?, ?) on conflict (hallId, month) do update set builtAt = excluded.builtAt`),
      waitsOutside: db.prepare(`select day, categoryId, windowId, weekday, waits, hours from "WaitDay" where hallId = ? and day >= ? and day <= ? and substr(day, 1, 7) not in (${builtMonths})`),
      waits: db.prepare(`select month, categoryId, windowId, waits, hours, days from "WaitMonth" where hallId = ? and month >= ? and month <= ?`),
      priorityOutside: db.prepare(`select categoryId, priority, waits from "PriorityWaitDay" where hallId = ? and day >= ? and day <= ? and substr(day, 1, 7) not in (${builtMonths})`),
      priority: db.prepare(`select categoryId, priority, waits from "PriorityWaitMonth" where hallId = ? and month >= ? and month <= ?`),
      // Months of computed days, and of stored waits (a day written without a mark, as the benchmark's datasets).
      missing: db.prepare(
        `select distinct hallId, substr(day, 1, 7) as month from (select hallId, day from "RollupDay" where computedAt is not null union select hallId, day from "WaitDay")
         except select hallId, month from "RollupMonth" order by month, hallId`,
      ),
    };
  }

  /** Joins a month's day waits and priority waits into its month rows, and lists the month as built. */
  build(hallId: string, month: string, now: number): void {
    const { first, last } = monthDays(month);
    this.s.delWaits.run(hallId, month);
    for (const g of joinMonthWaits(month, this.days.waits(hallId, first, last)))
      this.s.insWait.run(hallId, month, g.categoryId, g.windowId, float64Blob(g.waits), Buffer.from(g.hours as Uint8Array), Buffer.from(g.days as Uint8Array));
    this.s.delPriority.run(hallId, month);
    for (const g of joinMonthPriority(month, this.days.priority(hallId, first, last))) this.s.insPriority.run(hallId, month, g.categoryId, g.priority, float64Blob(g.waits));
    this.s.built.run(hallId, month, now);
  }

  /** The months of computed days not built yet. */
  missing(): { hallId: string; month: string }[] {
    return this.s.missing.all() as { hallId: string; month: string }[];
  }

  /** The waits of fromDay … toDay: the whole built months among `months` by month, every other day by day. */
  waits(hallId: string, fromDay: string, toDay: string, months: Months): { waits: WaitGroup[]; monthWaits: MonthWaitGroup[] } {
    type DayRow = Omit<WaitGroup, "waits" | "hours"> & { waits: Buffer; hours: Buffer };
    type MonthRow = Omit<MonthWaitGroup, "waits" | "hours" | "days"> & { waits: Buffer; hours: Buffer; days: Buffer };
    return {
      waits: (this.s.waitsOutside.all(hallId, fromDay, toDay, hallId, months.first, months.last) as DayRow[]).map(dayWaitGroup),
      monthWaits: (this.s.waits.all(hallId, months.first, months.last) as MonthRow[]).map(monthWaitGroup),
    };
  }

  /** The priority waits of fromDay … toDay, the same way. */
  priority(hallId: string, fromDay: string, toDay: string, months: Months): FloorHistory["priority"] {
    type Row = Omit<FloorHistory["priority"][number], "waits"> & { waits: Buffer };
    return [...(this.s.priorityOutside.all(hallId, fromDay, toDay, hallId, months.first, months.last) as Row[]), ...(this.s.priority.all(hallId, months.first, months.last) as Row[])].map((g) => ({
      ...g,
      waits: float64s(g.waits),
    }));
  }
}
