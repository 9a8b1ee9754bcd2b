// Unit tests of the day generator: determinism, contract validity, causal order, no personal data,
// the planted imbalance, the daily peaks and the rates of recalls, no-shows, transfers and evaluations.
import { beforeAll, describe, expect, it } from "vitest";
import { hallEventSchema, type HallConfig, type HallEvent } from "../contract/index.js";
import { DEMO_HALL_ID, demoHall } from "./demo-hall.js";
import { generateHallDay, simulateHallDay } from "./generate-day.js";
import { addDays } from "./local-time.js";
import { ID_CARD_RE, MOBILE_RE, epoch, textsIn, windowTimes } from "./test-support.js";

const TUESDAY = "2026-11-24";
const gen = (date: string, seed = 1, extra: Partial<Parameters<typeof generateHallDay>[0]> = {}) =>
  generateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date, seed, ...extra });

/** Ten weekdays from Monday 2026-11-23, for rates. */
const WEEKDAYS = Array.from({ length: 14 }, (_, i) => addDays("2026-11-23", i)).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));

let day: HallEvent[];
let many: HallEvent[][];
beforeAll(() => {
  day = gen(TUESDAY);
  many = WEEKDAYS.map((d, i) => gen(d, 100 + i));
});

function localHour(e: HallEvent): number {
  // ts carries +08:00, so the wall-clock time is in the string itself.
  return Number(e.ts.slice(11, 13)) + Number(e.ts.slice(14, 16)) / 60;
}

describe("generateHallDay", () => {
  it("is deterministic for a seed and differs for another seed or date", () => {
    expect(gen(TUESDAY)).toEqual(day);
    expect(gen(TUESDAY, 2)).not.toEqual(day);
    expect(gen("2026-11-25").length).not.toBe(0);
    expect(gen("2026-11-25")).not.toEqual(day);
  });

  it("produces a plausible number of events on weekdays, few on Saturdays, none on Sundays", () => {
    for (const events of many) {
      expect(events.length).toBeGreaterThan(1500);
      expect(events.length).toBeLessThan(4800);
    }
    const avg = many.reduce((s, e) => s + e.length, 0) / many.length;
    expect(avg).toBeGreaterThan(2500);
    expect(avg).toBeLessThan(4200);
    const saturday = gen("2026-11-28");
    expect(saturday.length).toBeGreaterThan(0);
    expect(saturday.length).toBeLessThan(500);
    expect(gen("2026-11-29")).toEqual([]);
  });

  it("emits only events that pass the contract schema", () => {
    for (const events of [day, ...many.slice(0, 3), gen("2026-11-28")]) {
      for (const e of events) {
        const r = hallEventSchema.safeParse(e);
        expect(r.success, `${JSON.stringify(e)} ${JSON.stringify(r.error?.issues)}`).toBe(true);
      }
    }
  });

  it("uses unique event ids across days and halls, and unique ticket ids per day", () => {
    const ids = new Set<string>();
    let total = 0;
    for (const events of [...many, gen(TUESDAY, 1, { hallId: "other-hall", idPrefix: "other-hall" })]) {
      for (const e of events) ids.add(e.id);
      total += events.length;
    }
    expect(ids.size).toBe(total);
    for (const events of many) {
      const issued = events.filter((e) => e.type === "ticket.issued");
      expect(new Set(issued.map((e) => e.ticketId)).size).toBe(issued.length);
    }
    expect(day[0]?.id).toBe(`${DEMO_HALL_ID}:${TUESDAY}:1`);
  });

  it("sorts events by ts, stamps them +08:00 on the right date", () => {
    for (const events of many) {
      for (let i = 1; i < events.length; i++) expect(epoch(events[i] as HallEvent)).toBeGreaterThanOrEqual(epoch(events[i - 1] as HallEvent));
    }
    for (const e of day) {
      expect(e.ts).toMatch(/^2026-11-24T\d{2}:\d{2}:\d{2}\.\d{3}\+08:00$/);
      expect(e.hallId).toBe(DEMO_HALL_ID);
    }
    const utc = gen(TUESDAY, 1, { utcOffsetMinutes: 0 });
    expect(utc[0]?.ts).toMatch(/\+00:00$/);
    expect(epoch(utc[0] as HallEvent) - epoch(day[0] as HallEvent)).toBe(8 * 3600 * 1000);
  });

  it("refers only to configured windows and categories, and item codes of the ticket's category", () => {
    const windows = new Map(demoHall.windows.map((w) => [w.id, w]));
    const categories = new Map(demoHall.categories.map((c) => [c.id, c]));
    for (const events of many) {
      for (const e of events) {
        if ("windowId" in e) expect(windows.has(e.windowId), e.windowId).toBe(true);
        if (e.type === "ticket.transferred") {
          expect(windows.has(e.fromWindowId)).toBe(true);
          expect(categories.has(e.toCategoryId)).toBe(true);
        }
        if (e.type === "ticket.issued") {
          expect(categories.has(e.categoryId)).toBe(true);
          if (e.itemCode !== undefined) expect(categories.get(e.categoryId)?.itemCodes).toContain(e.itemCode);
          expect(e.ticketNo).toMatch(/^[A-Z]\d{3,}$/);
          expect(e.ticketId).toBe(`${e.ts.slice(0, 10)}-${e.ticketNo}`);
          expect(e.caseRef).toMatch(/^c-[0-9a-f]{12}$/);
        }
        if (e.type === "window.opened") expect(e.staffId).toMatch(/^s-\d{4}$/);
      }
    }
  });

  it("never contains anything that looks like a mobile or ID-card number", () => {
    // On the JSON text: every string and number is delimited by quotes or punctuation, never by a letter or digit.
    for (const events of [day, ...many]) {
      const json = JSON.stringify(events);
      expect(json.match(new RegExp(MOBILE_RE.source, "g"))).toBeNull();
      expect(json.match(new RegExp(ID_CARD_RE.source, "g"))).toBeNull();
    }
    expect([...textsIn(day.slice(0, 200))].some((s) => MOBILE_RE.test(s) || ID_CARD_RE.test(s))).toBe(false);
    // The patterns do find what they are meant to find.
    expect(JSON.stringify({ note: "电话13912345678" })).toMatch(MOBILE_RE);
    expect(JSON.stringify({ id: "33039919900101123X" })).toMatch(ID_CARD_RE);
  });

  it("keeps every ticket's story and every window's state consistent", () => {
    const windowCategories = new Map(demoHall.windows.map((w) => [w.id, w.categories]));
    for (const events of many) {
      const state = new Map<string, "open" | "paused" | "closed">();
      const busyWith = new Map<string, string>(); // windowId → ticket in service
      const ticket = new Map<string, { category: string; phase: "waiting" | "called" | "serving" | "done"; calls: number; window?: string }>();
      for (const e of events) {
        switch (e.type) {
          case "window.opened":
            expect(state.get(e.windowId) ?? "closed").toBe("closed");
            state.set(e.windowId, "open");
            break;
          case "window.paused":
            expect(state.get(e.windowId)).toBe("open");
            expect(busyWith.has(e.windowId)).toBe(false);
            state.set(e.windowId, "paused");
            break;
          case "window.resumed":
            expect(state.get(e.windowId)).toBe("paused");
            state.set(e.windowId, "open");
            break;
          case "window.closed":
            expect(state.get(e.windowId)).toBe("open");
            expect(busyWith.has(e.windowId)).toBe(false);
            state.set(e.windowId, "closed");
            break;
          case "ticket.issued":
            expect(ticket.has(e.ticketId)).toBe(false);
            ticket.set(e.ticketId, { category: e.categoryId, phase: "waiting", calls: 0 });
            break;
          case "ticket.called": {
            const t = ticket.get(e.ticketId);
            expect(t).toBeDefined();
            if (!t) break;
            expect(state.get(e.windowId)).toBe("open");
            expect(windowCategories.get(e.windowId)).toContain(t.category);
            if (t.phase === "called") expect(t.window).toBe(e.windowId); // a recall
            else expect(t.phase).toBe("waiting");
            t.phase = "called";
            t.window = e.windowId;
            t.calls++;
            break;
          }
          case "ticket.no_show": {
            const t = ticket.get(e.ticketId);
            expect(t?.phase).toBe("called");
            expect(t?.calls).toBeGreaterThanOrEqual(2);
            if (t) t.phase = "done";
            break;
          }
          case "ticket.transferred": {
            const t = ticket.get(e.ticketId);
            expect(t?.phase).toBe("called");
            expect(t?.window).toBe(e.fromWindowId);
            expect(e.toCategoryId).not.toBe(t?.category);
            if (t) {
              t.phase = "waiting";
              t.category = e.toCategoryId;
              t.calls = 0;
            }
            break;
          }
          case "service.started": {
            const t = ticket.get(e.ticketId);
            expect(t?.phase).toBe("called");
            expect(t?.window).toBe(e.windowId);
            expect(busyWith.has(e.windowId)).toBe(false);
            busyWith.set(e.windowId, e.ticketId);
            if (t) t.phase = "serving";
            break;
          }
          case "service.completed": {
            expect(busyWith.get(e.windowId)).toBe(e.ticketId);
            busyWith.delete(e.windowId);
            const t = ticket.get(e.ticketId);
            if (t) t.phase = "done";
            if (e.outcome === "needs_materials") expect(e.requestedMaterials?.length).toBeGreaterThan(0);
            else expect(e.requestedMaterials).toBeUndefined();
            break;
          }
          case "evaluation.submitted":
            expect(ticket.get(e.ticketId)?.phase).toBe("done");
            expect(ticket.get(e.ticketId)?.window).toBe(e.windowId);
            break;
        }
      }
      // Every window that opened is closed at the end of the day, and nothing is left in service.
      for (const [w, s] of state) expect(s, w).toBe("closed");
      expect(busyWith.size).toBe(0);
    }
  });

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

  it("scales arrivals and works for a hall without tuned parameters", () => {
    const small = simulateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: TUESDAY, seed: 1, scale: 0.3 });
    const big = simulateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: TUESDAY, seed: 1, scale: 1.5 });
    expect(small.stats.issued).toBeLessThan(big.stats.issued / 3);
    expect(simulateHallDay({ hall: demoHall, hallId: DEMO_HALL_ID, date: TUESDAY, seed: 1, scale: 0 }).events).toEqual([]);

    const hall: HallConfig = {
      name: "Test hall",
      timezone: "Asia/Shanghai",
      categories: [
        { id: "c1", name: "One", itemCodes: [] },
        { id: "c2", name: "Two", itemCodes: ["X-1"] },
      ],
      windows: [
        { id: "a", name: "A", department: "D1", categories: ["c1"] },
        { id: "b", name: "B", department: "D1", categories: ["c1", "c2"] },
      ],
      targets: { waitMinutes: 15 },
    };
    const events = generateHallDay({ hall, hallId: "t", date: TUESDAY, seed: 3 });
    expect(events.length).toBeGreaterThan(100);
    for (const e of events) expect(hallEventSchema.safeParse(e).success).toBe(true);
    expect(() => generateHallDay({ hall, hallId: "t", date: "2026-13-01", seed: 3 })).toThrow();
    expect(() => generateHallDay({ hall, hallId: "t", date: TUESDAY, seed: 3, idPrefix: "bad prefix" })).toThrow();
  });

  it("generates a day in well under 100 ms", () => {
    gen("2026-12-01"); // warm up
    const started = performance.now();
    for (let i = 0; i < 10; i++) gen(addDays("2026-12-01", i), i);
    expect((performance.now() - started) / 10).toBeLessThan(100);
  });
});
