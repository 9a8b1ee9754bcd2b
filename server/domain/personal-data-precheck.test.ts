// The cheap pre-check in front of the personal-data patterns must never hide a match: whatever it rules
// out, the patterns find nothing in either. And the one-pass walk of findPersonalData must answer
// exactly as the walk it replaced (kept below as the reference), field names and all.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { eventInput, personalNumber, type EventContext } from "../../test/fuzz/arbitraries.js";
import { findPersonalData, maskPersonalDataInText, mayHoldPersonalData, personalDataByPattern, personalDataIn, type PersonalDataHit } from "./personal-data.js";

/** Characters around identifiers: every digit form, every separator that folds to "-", and the rest. */
const char = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(..."0123456789", "1", "3", "8", "6") },
  { weight: 3, arbitrary: fc.constantFrom(..."０１２３４５６７８９") },
  { weight: 4, arbitrary: fc.constantFrom(" ", "-", "\t", "\n", "－", "‐", "‑", "‒", "–", "—", "―", "−", "\u3000") },
  { weight: 2, arbitrary: fc.constantFrom("+", "＋", "X", "x", "Ｘ", "ｘ", ".", ",", "a", "Z", "中", "号", "_", "🙂") },
);
const digitText = fc.array(char, { maxLength: 40 }).map((cs) => cs.join(""));
const anyText = fc.oneof(digitText, fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 30 }), personalNumber, fc.tuple(digitText, personalNumber, digitText).map((p) => p.join("")));

describe("mayHoldPersonalData", () => {
  it("rules out only text the patterns find nothing in (property)", () => {
    fc.assert(
      fc.property(anyText, (t) => {
        const byPattern = personalDataByPattern(t);
        if (!mayHoldPersonalData(t)) expect(byPattern).toBeNull();
        expect(personalDataIn(t)).toBe(byPattern);
        if (byPattern === null) expect(maskPersonalDataInText(t)).toBe(t);
      }),
      { numRuns: 20_000 },
    );
  });

  it("rules out the everyday fields of an event and lets every identifier form through", () => {
    for (const t of ["2026-05-06T09:12:33.123+08:00", "ev-000123", "w01", "A023", "bi5x3-2026-05-06-t0421", "2026-05-06T09:12:33Z 2026"]) expect(mayHoldPersonalData(t)).toBe(false);
    for (const t of ["13912345678", "139 1234 5678", "139-1234-5678", "+86 139 1234 5678", "８６－１３９－１２３４－５６７８", "110105491231002", "11010519491231002X"])
      expect(mayHoldPersonalData(t)).toBe(true);
  });

  it("needs no string for an integer of at most 10 digits (property)", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -9_999_999_999, max: 9_999_999_999 }), fc.constantFrom(9_999_999_999, -9_999_999_999, 1e10, 13912345678)), (n) => {
        if (Math.abs(n) < 1e10) expect(personalDataByPattern(String(n))).toBeNull();
        expect(findPersonalData({ n })).toEqual(reference({ n }));
      }),
      { numRuns: 5000 },
    );
  });
});

// ── the walk it replaced, over the patterns alone ─────────────────────────────────────────────────

function reference(value: unknown, path: string[] = [], depth = 0): PersonalDataHit | null {
  if (depth > 32) return null;
  const field = path.length === 0 ? "event" : path.map((k) => (k === "" ? '""' : k)).join(".");
  if (typeof value === "string" || typeof value === "number" || typeof value === "bigint") {
    const kind = personalDataByPattern(String(value));
    return kind ? { field, kind } : null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = reference(value[i], [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const keyKind = personalDataByPattern(k);
      if (keyKind) return { field: [...path, maskPersonalDataInText(k)].map((p) => (p === "" ? '""' : p)).join("."), kind: keyKind };
      const hit = reference(v, [...path, k], depth + 1);
      if (hit) return hit;
    }
  }
  return null;
}

const ctx: EventContext = {
  hallId: "fz-hall",
  windows: ["w1", "w2"],
  categories: ["c1"],
  itemCodes: [],
  nowMs: Date.UTC(2026, 4, 6, 4, 0, 0),
  idPrefix: "pd-",
  idPool: 50,
  ticketPool: 20,
};

const jsonLike: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    anyText,
    fc.oneof(fc.integer(), fc.double(), fc.constantFrom(13912345678, 8613912345678, 110105491231002, 0.13912345678, 1e21, -0), fc.bigInt()),
    fc.constantFrom(null, true, undefined),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(anyText, fc.constant("")), tie("value"), { maxKeys: 3 }),
  ),
})).value;

describe("findPersonalData", () => {
  it("answers as the walk it replaced, for nested values and keys (property)", () => {
    fc.assert(
      fc.property(jsonLike, (v) => {
        expect(findPersonalData(v)).toEqual(reference(v));
        expect(findPersonalData({ outer: [v] })).toEqual(reference({ outer: [v] }));
      }),
      { numRuns: 3000 },
    );
  });

  it("answers as the walk it replaced, for the fuzz arbitraries' events (property)", () => {
    fc.assert(
      fc.property(eventInput(ctx, { hugeMax: 700 }), (t) => {
        expect(findPersonalData(t.value)).toEqual(reference(t.value));
      }),
      { numRuns: 3000 },
    );
  });

  it("stops at the same depth and leaves the caller's path alone", () => {
    let deep: unknown = "13912345678";
    for (let i = 0; i < 40; i++) deep = i % 2 ? [deep] : { k: deep };
    expect(findPersonalData(deep)).toEqual(reference(deep));
    const path = ["a"];
    expect(findPersonalData({ b: "13912345678" }, path)).toEqual({ field: "a.b", kind: "mobile" });
    expect(path).toEqual(["a"]);
  });
});
