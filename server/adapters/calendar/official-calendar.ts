// The official PRC holiday and make-up-day data for every year the `chinese-days` package covers
// (it stops at the last year the State Council has announced), as calendar years for the domain.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { CalendarYearData } from "../../domain/calendar/working-calendar.js";

interface YearFile {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

export function officialCalendarYears(): CalendarYearData[] {
  const require = createRequire(import.meta.url);
  const dir = path.join(path.dirname(require.resolve("chinese-days/dist/chinese-days.json")), "years");
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}\.json$/.test(f))
    .map((f) => {
      const data = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as YearFile;
      return { year: Number(f.slice(0, 4)), source: "official" as const, holidays: Object.keys(data.holidays), workdays: Object.keys(data.workdays) };
    })
    .sort((a, b) => a.year - b.year);
}
