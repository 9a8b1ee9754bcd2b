// Unit tests of the day generator's realism: the planted imbalance, long and short waits, the daily peaks,
// the windows' hours, and the rates of priorities, channels, recalls, no-shows, transfers, outcomes and ratings.
import { beforeAll, describe, expect, it } from "vitest";
import type { HallEvent } from "../contract/index.js";
import { demoHall } from "./demo-hall.js";
import { localHour, sampleDays } from "./generate-day.test-support.js";
import { epoch, windowTimes } from "./test-support.js";

let day: HallEvent[];
let many: HallEvent[][];
beforeAll(() => ({ day, many } = sampleDays()));

describe("generateHallDay", () => {
  it("shows the planted imbalance: 不动产登记 windows run hot, 卫生健康局 windows cold", () => {
    const hot = demoHall.windows.filter((w) => w.department === "自然资源局").map((w) => w.id);
    const cold = demoHall.windows.filter((w) => w.department === "卫生健康局").map((w) => w.id);
    const share = (events: HallEvent[], ids: string[]) => {
      const t = windowTimes(events);
      let open = 0;
      let busy = 0;
      for (const id of ids) {
        open += t.get(id)?.openMs ?? 0;
        busy += t.get(id)?.busyMs ?? 0;
      }
      return busy / open;
    };
    let hotSum = 0;
    for (const events of many) {
      const hotShare = share(events, hot);
      const coldShare = share(events, cold);
      hotSum += hotShare;
      // A quiet Friday can leave 不动产登记 merely busy; it is never anywhere near cold.
      expect(hotShare, "不动产登记").toBeGreaterThan(0.7);
      expect(coldShare, "卫生健康局").toBeLessThan(0.3);
      expect(hotShare).toBeGreaterThan(3 * coldShare);
    }
    expect(hotSum / many.length).toBeGreaterThan(0.85);
  });

  it("gives 不动产登记 long waits and most other categories short ones", () => {
    const waits = new Map<string, number[]>();
    for (const events of many) {
      const issued = new Map<string, { t: number; c: string }>();
      for (const e of events) {
        if (e.type === "ticket.issued") issued.set(e.ticketId, { t: epoch(e), c: e.categoryId });
        if (e.type === "ticket.called") {
          const i = issued.get(e.ticketId);
          if (!i) continue;
          waits.set(i.c, [...(waits.get(i.c) ?? []), (epoch(e) - i.t) / 60_000]);
          issued.delete(e.ticketId);
        }
      }
    }
    const avg = (c: string) => {
      const w = waits.get(c) ?? [];
      return w.reduce((a, b) => a + b, 0) / w.length;
    };
    expect(avg("real-estate")).toBeGreaterThan(30);
    expect(avg("health")).toBeLessThan(10);
    expect(avg("social-insurance")).toBeLessThan(20);
  });

  it("has morning and afternoon peaks and a lunch dip in ticket issues", () => {
    let morning = 0;
    let afternoon = 0;
    let lunch = 0;
    for (const events of many) {
      for (const e of events) {
        if (e.type !== "ticket.issued") continue;
        const h = localHour(e);
        if (h >= 9 && h < 11) morning++;
        else if (h >= 14 && h < 16) afternoon++;
        else if (h >= 12 && h < 13) lunch++;
      }
    }
    expect(morning).toBeGreaterThan(4 * lunch);
    expect(afternoon).toBeGreaterThan(4 * lunch);
    // Per hour, the peaks are still far above lunch.
    expect(morning / 2).toBeGreaterThan(3 * lunch);
  });

  it("opens windows around 08:30, pauses most for lunch and closes them after 17:30", () => {
    const opened = day.filter((e) => e.type === "window.opened");
    expect(opened.length).toBeGreaterThanOrEqual(18);
    for (const e of opened) expect(localHour(e)).toBeGreaterThan(8.3);
    for (const e of opened) expect(localHour(e)).toBeLessThan(8.75);
    const lunchPauses = day.filter((e) => e.type === "window.paused" && e.reason === "午休");
    expect(lunchPauses.length).toBeGreaterThan(opened.length - 5);
    expect(lunchPauses.length).toBeLessThan(opened.length);
    for (const e of day.filter((x) => x.type === "window.closed")) expect(localHour(e)).toBeGreaterThanOrEqual(17.5);
  });

  it("has realistic rates of priorities, channels, recalls, no-shows, transfers, outcomes and ratings", () => {
    const all = many.flat();
    const count = (f: (e: HallEvent) => boolean) => all.filter(f).length;
    const issued = count((e) => e.type === "ticket.issued");
    const calls = count((e) => e.type === "ticket.called");
    const completed = count((e) => e.type === "service.completed");
    const rate = (n: number, of: number) => n / of;
    expect(rate(count((e) => e.type === "ticket.issued" && e.priority === "green"), issued)).toBeGreaterThan(0.015);
    expect(rate(count((e) => e.type === "ticket.issued" && e.priority === "green"), issued)).toBeLessThan(0.045);
    expect(rate(count((e) => e.type === "ticket.issued" && e.priority === "appointment"), issued)).toBeGreaterThan(0.07);
    expect(rate(count((e) => e.type === "ticket.issued" && e.priority === "appointment"), issued)).toBeLessThan(0.13);
    expect(rate(count((e) => e.type === "ticket.issued" && e.channel === "kiosk"), issued)).toBeGreaterThan(0.7);
    expect(rate(count((e) => e.type === "ticket.no_show"), issued)).toBeGreaterThan(0.015);
    expect(rate(count((e) => e.type === "ticket.no_show"), issued)).toBeLessThan(0.05);
    expect(rate(count((e) => e.type === "ticket.transferred"), issued)).toBeGreaterThan(0.01);
    expect(rate(count((e) => e.type === "ticket.transferred"), issued)).toBeLessThan(0.035);
    expect(rate(calls - issued - count((e) => e.type === "ticket.transferred"), issued)).toBeGreaterThan(0.05); // recalls
    expect(rate(calls - issued - count((e) => e.type === "ticket.transferred"), issued)).toBeLessThan(0.12);
    const evaluations = all.filter((e): e is Extract<HallEvent, { type: "evaluation.submitted" }> => e.type === "evaluation.submitted");
    expect(rate(evaluations.length, completed)).toBeGreaterThan(0.55);
    expect(rate(evaluations.length, completed)).toBeLessThan(0.65);
    expect(rate(evaluations.filter((e) => e.rating === 5).length, evaluations.length)).toBeGreaterThan(0.6);
    const low = rate(evaluations.filter((e) => e.rating <= 2).length, evaluations.length);
    expect(low).toBeGreaterThan(0.02);
    expect(low).toBeLessThan(0.08);
    const outcomes = all.filter((e): e is Extract<HallEvent, { type: "service.completed" }> => e.type === "service.completed");
    expect(rate(outcomes.filter((e) => e.outcome === "done").length, completed)).toBeGreaterThan(0.5);
    expect(rate(outcomes.filter((e) => e.outcome === "rejected").length, completed)).toBeLessThan(0.03);
    expect(outcomes.some((e) => e.outcome === "needs_materials")).toBe(true);
    expect(outcomes.some((e) => e.outcome === "accepted")).toBe(true);
  });

  it("serves green tickets before normal ones that waited longer", () => {
    // Over the days, green tickets wait much less than normal tickets of the same category.
    const wait = { green: [] as number[], normal: [] as number[] };
    for (const events of many) {
      const issued = new Map<string, { t: number; p: string }>();
      for (const e of events) {
        if (e.type === "ticket.issued") issued.set(e.ticketId, { t: epoch(e), p: e.priority ?? "normal" });
        if (e.type === "ticket.called") {
          const i = issued.get(e.ticketId);
          if (!i) continue;
          issued.delete(e.ticketId);
          if (i.p === "green" || i.p === "normal") wait[i.p].push(epoch(e) - i.t);
        }
      }
    }
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(avg(wait.green)).toBeLessThan(avg(wait.normal) / 2);
  });
});
