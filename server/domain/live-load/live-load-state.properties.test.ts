// The live view kept per fold must give exactly what the reference functions give on the same facts:
// computeLoadView and computeTodaySeries, recomputed from every fact at the same moment. Random histories
// in a small universe (few windows, categories and tickets) make the awkward cases common: ties to the
// millisecond, late and future-stamped events, re-sent ids, re-issues, recalls, transfers, repeated
// service facts, re-ratings, the clock stepping back or jumping past the 12-hour abandonment, pruning.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { startOfLocalDay, type HallEvent } from "../../../contract/index.js";
import { HallFacts } from "../hall-facts.js";
import type { LoadViewRequest } from "../load-view.js";
import { at, ev, HALL_ID, HOUR, hallConfig, iso, MINUTE, SECOND } from "../test-fixtures.js";
import { ABANDONED_AFTER_MS } from "../ticket-queue.js";
import { LiveLoadState, type LiveLoad } from "./live-load-state.js";
import { computeAndCompare, request, TZ } from "./live-load-state.test-support.js";

// ---------------------------------------------------------------------------------------------------
// The property.

const HALL_SPEC = {
  categories: ["c1", "c2", "c3"],
  windows: [
    { id: "w1", categories: ["c1"] },
    { id: "w2", categories: ["c2"] },
    { id: "w3", categories: ["c2", "c3"] },
  ],
};
/** Another configuration a compute may ask with: the hall's configuration can change between computes. */
const OTHER_HALL_SPEC = {
  categories: ["c3", "cx", "c1"],
  windows: [
    { id: "w9", categories: ["cx"] },
    { id: "w3", categories: ["c3"] },
    { id: "w1", categories: ["c1", "cx"] },
  ],
};
/** w9 and cx are not configured (but in OTHER_HALL_SPEC): their facts are held, shown only in today's series. */
const WINDOWS = ["w1", "w2", "w3", "w9"];
const CATEGORIES = ["c1", "c2", "c3", "cx"];
const TICKETS = 8;
const START = at(7, 30);

const w = <T>(arbitrary: fc.Arbitrary<T>, weight: number) => ({ arbitrary, weight });

/** How far the hall's clock moves before a step: often not at all (ties), rarely past the 12 hours. */
const advanceArb = fc.oneof(
  w(fc.constant(0), 20),
  w(fc.integer({ min: 1, max: 999 }), 5),
  w(fc.integer({ min: 1, max: 59 }).map((s) => s * SECOND), 15),
  w(fc.integer({ min: 1, max: 10 }).map((m) => m * MINUTE), 15),
  w(fc.integer({ min: 11, max: 180 }).map((m) => m * MINUTE), 2),
  w(fc.integer({ min: 12 * 60, max: 14 * 60 }).map((m) => m * MINUTE), 1),
);

/** An event's stamp against the clock: mostly now, sometimes late, sometimes ahead (a device's clock). */
const stampOffsetArb = fc.oneof(
  w(fc.constant(0), 10),
  w(fc.integer({ min: 1, max: 600 }).map((s) => -s * SECOND), 4),
  w(fc.integer({ min: 1, max: 300 }).map((s) => s * SECOND), 2),
  w(fc.integer({ min: 1, max: 12 }).map((h) => -h * HOUR), 1),
  w(fc.integer({ min: -999, max: 999 }), 1),
);

const eventTypeArb = fc.oneof(
  w(fc.constant("ticket.issued" as const), 3),
  w(fc.constant("ticket.called" as const), 3),
  w(fc.constant("service.started" as const), 2),
  w(fc.constant("service.completed" as const), 2),
  w(fc.constant("evaluation.submitted" as const), 2),
  w(fc.constant("ticket.no_show" as const), 1),
  w(fc.constant("ticket.transferred" as const), 1),
  w(fc.constant("window.opened" as const), 2),
  w(fc.constant("window.paused" as const), 1),
  w(fc.constant("window.resumed" as const), 1),
  w(fc.constant("window.closed" as const), 1),
);

const eventActArb = fc.record({
  act: fc.constant("event" as const),
  type: eventTypeArb,
  ticket: fc.nat(TICKETS - 1),
  window: fc.oneof(w(fc.nat(2), 6), w(fc.constant(3), 1)),
  category: fc.oneof(w(fc.nat(2), 6), w(fc.constant(3), 1)),
  rating: fc.integer({ min: 1, max: 5 }),
  /** Take the ticket and window of one of the last few events instead: a ticket's life goes on. */
  follow: fc.oneof(w(fc.constant(null), 1), w(fc.nat(4), 1)),
  offset: stampOffsetArb,
  /** Re-send an earlier event as it was, or send a new one under an earlier event's id. */
  dup: fc.oneof(w(fc.constant(null), 9), w(fc.record({ mode: fc.constantFrom("resend" as const, "reuse-id" as const), pick: fc.nat() }), 1)),
});

/** Where `to` is against the clock: now, back up to two hours, or far ahead (abandonment, exactly at 12 h). */
const toOffsetArb = fc.oneof(
  w(fc.constant(0), 10),
  w(fc.integer({ min: 1, max: 59 }).map((s) => s * SECOND), 2),
  w(fc.integer({ min: 1, max: 999 }), 1),
  w(fc.integer({ min: 1, max: 120 }).map((m) => -m * MINUTE), 3),
  w(fc.integer({ min: 12 * 60, max: 20 * 60 }).map((m) => m * MINUTE), 1),
  w(fc.constantFrom(ABANDONED_AFTER_MS, ABANDONED_AFTER_MS + 1, ABANDONED_AFTER_MS + 10 * MINUTE), 1),
);

const computeActArb = fc.record({
  act: fc.constant("compute" as const),
  toOffset: toOffsetArb,
  live: fc.oneof(w(fc.constant(true), 4), w(fc.constant(false), 1)),
  otherHall: fc.oneof(w(fc.constant(false), 6), w(fc.constant(true), 1)),
  /** null: the local day's start; else this many ms before `to`. */
  dayBack: fc.oneof(w(fc.constant(null), 3), w(fc.integer({ min: 0, max: 8 * 60 }).map((m) => m * MINUTE), 1), w(fc.integer({ min: 0, max: 8 * HOUR }), 1)),
});

const pruneActArb = fc.record({
  act: fc.constant("prune" as const),
  back: fc.oneof(w(fc.constant(48 * HOUR), 2), w(fc.integer({ min: 0, max: 180 }).map((m) => m * MINUTE), 2), w(fc.integer({ min: 1, max: 30 }).map((h) => h * HOUR), 1)),
});

const stepArb = fc.record({
  advance: advanceArb,
  action: fc.oneof(w(eventActArb, 10), w(computeActArb, 4), w(pruneActArb, 1)),
});
type Step = ArbValue<typeof stepArb>;
type StepAction = Step["action"];
type ArbValue<A> = A extends fc.Arbitrary<infer T> ? T : never;

const scenarioArb = fc.record({
  steps: fc.array(stepArb, { minLength: 1, maxLength: 90, size: "max" }),
  /** Steps folded before the live state is made (a state started on facts already loaded). */
  startAfter: fc.oneof(w(fc.constant(0), 3), w(fc.nat(40), 1)),
  waitMinutes: fc.constantFrom(1, 5, 15),
});
type Scenario = ArbValue<typeof scenarioArb>;

function buildEvent(a: Extract<StepAction, { act: "event" }>, ts: number, id: string, sent: readonly HallEvent[]): HallEvent {
  const like = a.follow === null ? undefined : (sent[sent.length - 1 - (a.follow % Math.max(1, sent.length))] as Record<string, unknown> | undefined);
  const ticketId = typeof like?.ticketId === "string" ? like.ticketId : `t${a.ticket + 1}`;
  const windowId = typeof like?.windowId === "string" ? like.windowId : typeof like?.fromWindowId === "string" ? like.fromWindowId : (WINDOWS[a.window] as string);
  const categoryId = CATEGORIES[a.category] as string;
  switch (a.type) {
    case "window.opened":
      return ev.opened(ts, windowId, id);
    case "window.paused":
      return ev.paused(ts, windowId, id);
    case "window.resumed":
      return ev.resumed(ts, windowId, id);
    case "window.closed":
      return ev.closed(ts, windowId, id);
    case "ticket.issued":
      // Re-issues get another number: the view must show the canonical (first) issue's.
      return ev.issued(ts, ticketId, categoryId, `${ticketId.toUpperCase()}-${id}`, id);
    case "ticket.called":
      return ev.called(ts, ticketId, windowId, id);
    case "ticket.no_show":
      return ev.noShow(ts, ticketId, windowId, id);
    case "ticket.transferred":
      return ev.transferred(ts, ticketId, windowId, categoryId, id);
    case "service.started":
      return ev.started(ts, ticketId, windowId, id);
    case "service.completed":
      return ev.completed(ts, ticketId, windowId, id);
    case "evaluation.submitted":
      return ev.evaluated(ts, ticketId, windowId, a.rating, id);
  }
}

const describeEvent = (e: HallEvent): string => {
  const f = e as unknown as Record<string, unknown>;
  const parts = ["ticketId", "windowId", "fromWindowId", "categoryId", "toCategoryId", "rating"].filter((k) => f[k] !== undefined).map((k) => `${k}=${String(f[k])}`);
  return `${e.id} ${e.type} ${parts.join(" ")} @${e.ts}`;
};

/**
 * Plays a scenario: events folded one by one (the runs between computes are the batches), computes
 * compared with the reference (unless `compare` is false), prunes. Returns every result with a copy
 * taken when it was returned, so that a caller can check that later folds and computes left it alone.
 */
function play(s: Scenario, compare = true): Array<{ got: LiveLoad; copy: LiveLoad }> {
  const hall = hallConfig({ ...HALL_SPEC, waitMinutes: s.waitMinutes });
  const otherHall = hallConfig({ ...OTHER_HALL_SPEC, waitMinutes: s.waitMinutes });
  const facts = new HallFacts();
  let state: LiveLoadState | null = null;
  const trace: string[] = [`hall waitMinutes=${s.waitMinutes}`];
  const sent: HallEvent[] = [];
  const results: Array<{ got: LiveLoad; copy: LiveLoad }> = [];
  let clock = START;
  const compute = (req: LoadViewRequest, other = false) => {
    // Computes asked before the state exists are skipped: its first compute reads the facts as loaded.
    if (state === null) return;
    const h = other ? otherHall : hall;
    trace.push(`compute to=${iso(req.to)} live=${req.live} dayStart=${iso(req.dayStart)}${other ? " (other hall configuration)" : ""}`);
    const got = compare ? computeAndCompare(state, facts, h, req, trace) : state.compute(h, req);
    results.push({ got, copy: structuredClone(got) });
  };
  s.steps.forEach((step, i) => {
    if (state === null && i >= s.startAfter) {
      state = new LiveLoadState(facts);
      trace.push("new LiveLoadState(facts)");
    }
    clock += step.advance;
    const a = step.action;
    if (a.act === "event") {
      let e = buildEvent(a, clock + a.offset, `e${i}`, sent);
      if (a.dup && sent.length > 0) {
        const earlier = sent[a.dup.pick % sent.length] as HallEvent;
        e = a.dup.mode === "resend" ? earlier : { ...e, id: earlier.id };
      }
      const added = facts.add(e);
      sent.push(e);
      trace.push(`fold ${describeEvent(e)}${added ? "" : " (ignored: known id)"}`);
    } else if (a.act === "compute") {
      const to = clock + a.toOffset;
      compute({ hallId: HALL_ID, from: to - 60 * MINUTE, to, live: a.live, dayStart: a.dayBack === null ? startOfLocalDay(to, TZ) : to - a.dayBack }, a.otherHall);
    } else {
      facts.pruneBefore(clock - a.back);
      trace.push(`pruneBefore ${iso(clock - a.back)}`);
    }
  });
  if (state === null) {
    state = new LiveLoadState(facts);
    trace.push("new LiveLoadState(facts)");
  }
  // Finally: now, past the abandonment, and back again.
  for (const to of [clock, clock + ABANDONED_AFTER_MS + MINUTE, clock]) compute(request(to));
  return results;
}

describe("LiveLoadState (property)", () => {
  it("equals computeLoadView and computeTodaySeries on the same facts after any folds, prunes and clock moves", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        play(s);
      }),
      { numRuns: 400 },
    );
    // ~2 s here; the margin is for a loaded machine.
  }, 30_000);

  it("leaves the results it returned unchanged by later folds and computes", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const results = play(s, false);
        results.forEach(({ got, copy }, i) => expect(got, `result ${i} changed afterwards`).toStrictEqual(copy));
      }),
      { numRuns: 100 },
    );
  }, 30_000);
});
