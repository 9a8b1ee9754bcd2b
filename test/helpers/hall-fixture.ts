// A small hall and event builders for integration tests.
import { startOfLocalDay, type HallConfig, type HallEvent } from "../../contract/index.js";

export const testHall: HallConfig = {
  name: "测试大厅",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "social", name: "社会保险", itemCodes: ["SB-001", "SB-002"] },
    { id: "estate", name: "不动产登记", itemCodes: ["BDC-001"] },
  ],
  windows: [
    { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"] },
    { id: "w2", name: "2号窗口", department: "人社局", categories: ["social"] },
    { id: "w3", name: "3号窗口", department: "自然资源局", categories: ["estate"] },
  ],
  targets: { waitMinutes: 20 },
};

/**
 * The zone of a test hall whose "today" must reach `spanMs` into the past (events placed up to that long
 * ago must fall in the hall's local today): Asia/Shanghai, except in the first `spanMs` of a Shanghai day —
 * a run just after midnight there, when such events would land in yesterday — then Asia/Dubai (UTC+4,
 * no DST either), where it is evening.
 */
export function zoneSpanningToday(spanMs: number, now = Date.now()): string {
  return now - startOfLocalDay(now, "Asia/Shanghai") < spanMs ? "Asia/Dubai" : "Asia/Shanghai";
}

/** testHall in the zone of zoneSpanningToday. */
export const testHallSpanningToday = (spanMs: number, now = Date.now()): HallConfig => ({ ...testHall, timezone: zoneSpanningToday(spanMs, now) });

type Without<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Builds events of one hall with ids e1, e2, … and times given as offsets (minutes) from a base. */
/** The smallest valid hall, named as asked: for unit tests of what holds or passes halls around. */
export const oneWindowHall = (name: string): HallConfig => ({
  name,
  timezone: "Asia/Shanghai",
  categories: [{ id: "c", name: "综合", itemCodes: [] }],
  windows: [{ id: "w1", name: "1号窗口", department: "政务", categories: ["c"] }],
  targets: { waitMinutes: 20 },
});

export class EventFactory {
  private n = 0;
  constructor(readonly hallId: string, readonly baseMs: number, readonly prefix = "e") {}

  at(minutes: number): string {
    return new Date(this.baseMs + minutes * 60_000).toISOString();
  }

  make(minutes: number, fields: Without<HallEvent, "id" | "hallId" | "ts">): HallEvent {
    this.n += 1;
    return { id: `${this.prefix}${this.n}`, hallId: this.hallId, ts: this.at(minutes), ...fields } as HallEvent;
  }
}
