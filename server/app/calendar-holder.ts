// The working-day calendar in use: the official years plus those an administrator entered, rebuilt when
// an administrator changes a year.
import { WorkingCalendar, type CalendarYearData } from "../domain/calendar/working-calendar.js";

export class CalendarHolder {
  private calendar: WorkingCalendar;

  constructor(private readonly official: readonly CalendarYearData[], private admin: readonly CalendarYearData[] = []) {
    this.calendar = new WorkingCalendar([...official, ...admin]);
  }

  get(): WorkingCalendar {
    return this.calendar;
  }

  setAdminYears(admin: readonly CalendarYearData[]): void {
    this.admin = admin;
    this.calendar = new WorkingCalendar([...this.official, ...admin]);
  }

  officialYears(): number[] {
    return this.official.map((y) => y.year);
  }

  adminYears(): readonly CalendarYearData[] {
    return this.admin;
  }
}
