// Calendar years entered by administrators (for years the official data does not cover yet).
import type { CalendarYearData } from "../../domain/calendar/working-calendar.js";
import type { Prisma } from "./prisma.js";

export class PrismaCalendarRepository {
  constructor(private readonly prisma: Prisma) {}

  async list(): Promise<CalendarYearData[]> {
    const rows = await this.prisma.calendarYear.findMany({ orderBy: { year: "asc" } });
    return rows.map((r) => ({ year: r.year, source: "admin" as const, holidays: JSON.parse(r.holidays) as string[], workdays: JSON.parse(r.workdays) as string[] }));
  }

  async put(year: number, holidays: readonly string[], workdays: readonly string[]): Promise<void> {
    const data = { holidays: JSON.stringify([...holidays].sort()), workdays: JSON.stringify([...workdays].sort()) };
    await this.prisma.calendarYear.upsert({ where: { year }, create: { year, ...data }, update: data });
  }

  async remove(year: number): Promise<boolean> {
    return (await this.prisma.calendarYear.deleteMany({ where: { year } })).count > 0;
  }
}
