// Unit tests of the day generator's output as such: determinism, plausible volumes, contract validity,
// unique ids, timestamps, references to the hall's configuration, no personal data, scaling, other halls
// and speed. The day's causal story is in generate-day.consistency.test.ts, its realism in
// generate-day.realism.test.ts.
import { beforeAll, describe, expect, it } from "vitest";
import { hallEventSchema, type HallConfig, type HallEvent } from "../contract/index.js";
import { DEMO_HALL_ID, demoHall } from "./demo-hall.js";
import { generateHallDay, simulateHallDay } from "./generate-day.js";
import { TUESDAY, gen, sampleDays } from "./generate-day.test-support.js";
import { addDays } from "./local-time.js";
import { ID_CARD_RE, MOBILE_RE, epoch, textsIn } from "./test-support.js";

let day: HallEvent[];
let many: HallEvent[][];
beforeAll(() => ({ day, many } = sampleDays()));

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
