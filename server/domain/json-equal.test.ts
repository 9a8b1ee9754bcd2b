// jsonEqual agrees with comparing the canonical JSON text of two values, on random JSON-like values.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonEqual } from "./json-equal.js";

/** JSON text with object keys sorted: what "the same JSON" means, key order aside. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, value: unknown) =>
    value && typeof value === "object" && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([p], [q]) => (p < q ? -1 : 1))) : value,
  );
}

const value = fc.letrec((tie) => ({
  leaf: fc.oneof(fc.constantFrom(null, true, false, 0, 1, "", "a", "2026-10-12", undefined), fc.integer({ min: -3, max: 3 })),
  node: fc.oneof({ depthSize: "small" }, tie("leaf"), fc.array(tie("node"), { maxLength: 3 }), fc.dictionary(fc.constantFrom("a", "b", "c", "tickets"), tie("node"), { maxKeys: 3 })),
})).node;

describe("jsonEqual", () => {
  it("is equality of canonical JSON text, for any two values and for a value and its reordered copy", () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonical(a) === canonical(b));
        const reordered = JSON.parse(canonical(a) ?? "null") as unknown;
        if (a !== undefined) expect(jsonEqual(a, reordered)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("tells apart what JSON tells apart", () => {
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual([], {})).toBe(false);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(jsonEqual({ b: { c: "x" }, a: 1 }, { a: 1, b: { c: "x" } })).toBe(true);
  });
});
