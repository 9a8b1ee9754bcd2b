import { describe, expect, it } from "vitest";
import { HallFacts } from "../domain/hall-facts.js";
import { at, ev, factsOf, hallConfig, iso, MINUTE, SECOND } from "../domain/test-fixtures.js";
import { recalibrate } from "../domain/wait-estimate/recalibrate.js";
import { computeFloor, CORRECTION_EVERY_MS, idleThresholdMs, IssueEstimateBook, LiveFloorCache } from "./live-floor.js";

const hall = hallConfig();
// w1 (c1) open from 9:00; a c1 ticket waits from 9:10 and nobody calls it.
const events = [ev.opened(at(9), "w1"), ev.issued(at(9, 10), "t1", "c1")];

describe("computeFloor", () => {
  it("names a window idle while people wait, in the contract's shape", () => {
    const floor = computeFloor(factsOf(events), hall, at(9, 22));
    // Quiet from 9:10 (the queue filled), idle from 9:15 (5-minute threshold), 7 minutes at 9:22.
    expect(floor.idle).toEqual([{ windowId: "w1", since: iso(at(9, 15)), idleMinutes: 7, lastActivityAt: iso(at(9, 10)) }]);
  });

  it("takes the hall's targets.idleMinutes", () => {
    const custom = { ...hall, targets: { ...hall.targets, idleMinutes: 10 } };
    expect(idleThresholdMs(custom)).toBe(10 * MINUTE);
    expect(idleThresholdMs(hall)).toBe(5 * MINUTE);
    expect(computeFloor(factsOf(events), custom, at(9, 19)).idle).toEqual([]);
    expect(computeFloor(factsOf(events), custom, at(9, 22)).idle[0]).toMatchObject({ since: iso(at(9, 20)), idleMinutes: 2 });
  });

  it("clears once the window calls", () => {
    expect(computeFloor(factsOf([...events, ev.called(at(9, 21), "t1", "w1")]), hall, at(9, 22)).idle).toEqual([]);
  });

  it("says 'unknown' with no band when the hall has measured too little", () => {
    const floor = computeFloor(factsOf(events), hall, at(9, 22));
    expect(floor.waits).toEqual([
      { categoryId: "c1", waiting: 1, p50Minutes: null, p80Minutes: null, basis: "unknown", band: null },
      { categoryId: "c2", waiting: 0, p50Minutes: null, p80Minutes: null, basis: "unknown", band: null },
    ]);
    // Each waiting ticket by its printed number (never its ticket id), with its place and its own band.
    expect(floor.tickets).toEqual([{ ticketNo: "T1", categoryId: "c1", ahead: 0, p50Minutes: null, p80Minutes: null, basis: "unknown", band: null }]);
    expect(JSON.stringify(floor.tickets)).not.toContain('"t1"');
  });
});

describe("LiveFloorCache", () => {
  it("serves a hall's section from the cache for 5 s, then recomputes it", () => {
    const facts = new HallFacts();
    for (const e of events) facts.add(e);
    const cache = new LiveFloorCache();
    const first = cache.get("h", facts, hall, at(9, 22));
    facts.add(ev.called(at(9, 22), "t1", "w1"));
    expect(cache.get("h", facts, hall, at(9, 22) + 4 * SECOND)).toBe(first);
    const later = cache.get("h", facts, hall, at(9, 22) + 5 * SECOND);
    expect(later).not.toBe(first);
    expect(later.idle).toEqual([]);
    cache.forget("h");
    expect(cache.get("h", facts, hall, at(9, 22) + 6 * SECOND)).not.toBe(later);
  });
});

describe("LiveFloorCache ticketBand", () => {
  it("holds each waiting ticket's own band from the last section: null when unknown, undefined when not seen", () => {
    const cache = new LiveFloorCache();
    expect(cache.ticketBand("h", "t1")).toBeUndefined();
    cache.get("h", factsOf(events), hall, at(9, 11));
    // Too little history for a measured band here: the ticket was seen waiting, its wait is unknown.
    expect(cache.ticketBand("h", "t1")).toBeNull();
    expect(cache.ticketBand("h", "no-such-ticket")).toBeUndefined();
    expect(cache.ticketBand("other-hall", "t1")).toBeUndefined();
  });
});

describe("LiveFloorCache onEstimates", () => {
  it("reports each newly recorded estimate once, with its hall", () => {
    const seen: { hallId: string; tickets: string[] }[] = [];
    const cache = new LiveFloorCache({ onEstimates: (hallId, estimates) => seen.push({ hallId, tickets: estimates.map((e) => e.ticketId) }) });
    const facts = factsOf(events);
    cache.get("h", facts, hall, at(9, 11));
    cache.get("h", facts, hall, at(9, 11) + 6 * SECOND);
    expect(seen).toEqual([{ hallId: "h", tickets: ["t1"] }]);
  });
});

describe("IssueEstimateBook", () => {
  it("keeps the estimate a ticket was given when first seen waiting, once, and its first call", () => {
    const book = new IssueEstimateBook();
    const facts = factsOf(events);
    computeFloor(facts, hall, at(9, 11), book);
    expect(book.has("t1")).toBe(true);
    const first = book.history(facts)[0];
    expect(first).toMatchObject({ estimate: { ticketId: "t1", categoryId: "c1", issuedAt: at(9, 10), estimatedAt: at(9, 11) }, firstCalledAt: null });
    // Later computations do not overwrite it; the call shows up once it is folded.
    facts.add(ev.called(at(9, 30), "t1", "w1"));
    computeFloor(facts, hall, at(9, 31), book);
    expect(book.history(facts)).toEqual([{ estimate: first?.estimate, firstCalledAt: at(9, 30) }]);
  });

  it("forgets estimates of tickets issued more than 48 hours ago", () => {
    const book = new IssueEstimateBook();
    computeFloor(factsOf(events), hall, at(9, 11), book);
    book.record([], at(9, 11) + 49 * 60 * MINUTE);
    expect(book.has("t1")).toBe(false);
  });

  it("learns the correction again at most once a minute, and at once when the clock went back", () => {
    const book = new IssueEstimateBook();
    const facts = new HallFacts();
    const t0 = at(12);
    // Nothing recorded yet: no correction (every scale 1).
    const first = book.correction(facts, t0);
    expect(first.strata.every((s) => s.p50Scale === 1 && s.p80Scale === 1)).toBe(true);
    // Then 60 tickets promised 1–2 minutes and called after 30: the model was far too short.
    for (let i = 0; i < 60; i++) {
      const issued = t0 - 2 * 60 * MINUTE + i * MINUTE;
      facts.add(ev.issued(issued, `t${i}`, "c1"));
      facts.add(ev.called(issued + 30 * MINUTE, `t${i}`, "w1"));
      book.record([{ ticketId: `t${i}`, categoryId: "c1", issuedAt: issued, estimatedAt: issued, p50Minutes: 1, p80Minutes: 2, basis: "measured" }], t0);
    }
    const learned = recalibrate(book.history(facts), t0 + CORRECTION_EVERY_MS);
    expect(learned.strata.some((s) => s.p50Scale > 2)).toBe(true);
    // Within the minute the first correction stands; a minute on, what the records teach.
    expect(book.correction(facts, t0 + CORRECTION_EVERY_MS - 1)).toBe(first);
    const second = book.correction(facts, t0 + CORRECTION_EVERY_MS);
    expect(second).toEqual(learned);
    expect(book.correction(facts, t0 + CORRECTION_EVERY_MS + 30 * SECOND)).toBe(second);
    // A clock stepped back is not trusted to the cache: learned again at that time.
    const back = book.correction(facts, t0 + 30 * SECOND);
    expect(back).not.toBe(second);
    expect(back).toEqual(recalibrate(book.history(facts), t0 + 30 * SECOND));
  });
});
