import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { CalibrationInput, IssueEstimate } from "./calibration.js";
import { correctBand, IDENTITY_CORRECTION, kmQuantile, recalibrate } from "./recalibrate.js";
import { estimateWaits } from "./estimate-waits.js";
import { issueEstimates } from "./calibration.js";
import type { HallEvent } from "../../../contract/index.js";
import { MINUTE, at, ev, factsOf, hallConfig } from "../test-fixtures.js";

const T0 = Date.UTC(2025, 2, 10, 1, 0);
const rec = (id: string, estimatedAt: number, p50: number | null, p80: number | null, firstCalledAt: number | null, model?: [number, number]): CalibrationInput => {
  const estimate: IssueEstimate = { ticketId: id, categoryId: "c1", issuedAt: estimatedAt, estimatedAt, p50Minutes: p50, p80Minutes: p80, basis: p50 === null ? "unknown" : "measured" };
  if (model) [estimate.modelP50Minutes, estimate.modelP80Minutes] = model;
  return { estimate, firstCalledAt };
};
/** n tickets of the 3–15 stratum (band 4–5 minutes) that waited `waits[i]` minutes each. */
const history = (waits: number[], from = T0) => waits.map((w, i) => rec(`t${i}`, from + i * MINUTE, 4, 5, from + i * MINUTE + w * MINUTE));

describe("kmQuantile", () => {
  it("is the empirical quantile when everything was called, and counts a still-waiting ticket as at least its ratio", () => {
    const called = [1, 2, 3, 4, 5].map((ratio) => ({ ratio, called: true }));
    expect(kmQuantile([...called], 0.8)).toBe(4);
    expect(kmQuantile([...called], 0.5)).toBe(3);
    // Two more waiting beyond every call: the called ones are now only part of the mass.
    const withWaiting = [...called, { ratio: 5, called: false }, { ratio: 5, called: false }];
    expect(kmQuantile(withWaiting, 0.5)).toBe(4);
    expect(kmQuantile(withWaiting, 0.8)).toBeNull();
  });
});

describe("recalibrate", () => {
  it("without history gives scale 1 everywhere", () => {
    expect(recalibrate([], T0)).toEqual(IDENTITY_CORRECTION);
  });

  it("learns the scale that would have called four in five by P80, shrunk towards 1 by the prior", () => {
    // 80 tickets with a 4–5 minute band that waited 2 × their band: (w + 1) / (5 + 1).
    const waits = Array.from({ length: 80 }, (_, i) => 2 + (i % 10) * 1.2); // 2 … 12.8 minutes
    const now = T0 + 24 * 60 * MINUTE - 1;
    const c = recalibrate(history(waits), now);
    const s = c.strata.find((x) => x.fromMinutes === 3);
    expect(s?.tickets).toBe(80);
    const q80 = (10.4 + 1) / 6; // the 8th of the ten wait values: 80% waited at most 10.4 minutes
    expect(s?.p80Scale).toBeCloseTo((80 * q80 + 20) / 100, 10);
    expect(c.strata.filter((x) => x.fromMinutes !== 3).every((x) => x.p50Scale === 1 && x.p80Scale === 1)).toBe(true);
  });

  it("never looks past now: later estimates are ignored and later calls count as still waiting", () => {
    const waits = Array.from({ length: 50 }, () => 100);
    const h = history(waits);
    const now = T0 + 60 * MINUTE; // every estimate made; none called yet (each waits 100 minutes)
    const early = recalibrate(h, T0 + 10 * MINUTE + 1);
    expect(early.strata.find((x) => x.fromMinutes === 3)?.tickets).toBe(11);
    const c = recalibrate(h, now);
    // All 50 still waiting at `now` (some for 11 minutes already): the P80 scale is at least the largest
    // wait so far over the band, not 1 — and the calls after now are not used.
    const s = c.strata.find((x) => x.fromMinutes === 3);
    expect(s?.p80Scale).toBeGreaterThan(1);
    const peeked = recalibrate(h.map((x) => ({ ...x, firstCalledAt: null })), now);
    expect(peeked).toEqual(c);
  });

  it("learns from the model's band when one was recorded, not from the corrected one shown", () => {
    const a = [rec("a", T0, 8, 12, T0 + 20 * MINUTE, [4, 5])];
    const b = [rec("a", T0, 4, 5, T0 + 20 * MINUTE)];
    expect(recalibrate(a, T0 + 60 * MINUTE)).toEqual(recalibrate(b, T0 + 60 * MINUTE));
  });
});

describe("correctBand", () => {
  it("scales (band + 1 minute) in the band's stratum and keeps P50 ≤ P80", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0, max: 300, noNaN: true }), fc.double({ min: 0.2, max: 5, noNaN: true }), fc.double({ min: 0.2, max: 5, noNaN: true }), (a, b, s50, s80) => {
        const [p50, p80] = a <= b ? [a, b] : [b, a];
        const corr = { ...IDENTITY_CORRECTION, strata: IDENTITY_CORRECTION.strata.map((x) => ({ ...x, p50Scale: s50, p80Scale: s80 })) };
        const out = correctBand(p50, p80, corr);
        expect(out.p50Minutes).toBeGreaterThanOrEqual(0);
        expect(out.p80Minutes).toBeGreaterThanOrEqual(out.p50Minutes);
        expect(out.p80Minutes).toBeCloseTo(Math.max(out.p50Minutes, s80 * (p80 + 1) - 1), 9);
      }),
    );
    expect(correctBand(3, 7, IDENTITY_CORRECTION)).toEqual({ p50Minutes: 3, p80Minutes: 7 });
  });
});

describe("estimateWaits with a correction", () => {
  it("gives the corrected band and keeps the model's band for the next correction", () => {
    const hall = hallConfig();
    const events: HallEvent[] = [ev.opened(at(8, 30), "w1")];
    for (let k = 1; k <= 12; k++) {
      events.push(ev.issued(at(8, 25), `b${k}`, "c1"));
      events.push(ev.called(at(8, 30) + (k - 1) * 5 * MINUTE, `b${k}`, "w1"));
    }
    events.push(ev.issued(at(9, 26), "x1", "c1"));
    const facts = factsOf(events);
    const now = at(9, 27);
    const plain = estimateWaits(facts, hall, now);
    const corr = { ...IDENTITY_CORRECTION, strata: IDENTITY_CORRECTION.strata.map((x) => ({ ...x, p50Scale: 1.5, p80Scale: 2 })) };
    const est = estimateWaits(facts, hall, now, { correction: corr });
    const [p, t] = [plain.tickets[0], est.tickets[0]];
    expect(p?.p80Minutes).toBe(3); // w1 is 2 minutes into a 5-minute cycle
    expect(t).toMatchObject({ modelP50Minutes: 3, modelP80Minutes: 3, p50Minutes: 5, p80Minutes: 7 });
    const [r] = issueEstimates(est, () => false, () => at(9, 26));
    expect(r).toMatchObject({ p80Minutes: 7, modelP80Minutes: 3 });
    expect(plain.tickets[0]).not.toHaveProperty("modelP80Minutes");
  });
});
