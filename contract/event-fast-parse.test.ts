// The fast path must never accept what the zod schema refuses, and what it returns must be exactly what
// the schema returns (same fields, same order, arrays copied). Checked over the fuzz arbitraries' valid
// and mutated events and over values at the edge of every check.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_TYPES, eventSchemas, fastParseEvent, fastParseFields, isEventType, type EventType } from "./index.js";
import { eventInput, validEvent, type EventContext } from "../test/fuzz/arbitraries.js";

const ctx: EventContext = {
  hallId: "fz-hall",
  windows: ["w1", "w2"],
  categories: ["c1", "c2"],
  itemCodes: ["11350000000000000X4440117001000"],
  nowMs: Date.UTC(2026, 4, 6, 4, 0, 0),
  idPrefix: "fp-",
  idPool: 50,
  ticketPool: 20,
};

/** The schema's answer for an input whose type is known (what parseHallEvent asks zod). */
function viaZod(raw: unknown): { ok: true; data: unknown } | { ok: false } {
  const type = (raw as { type?: unknown }).type;
  if (!isEventType(type)) return { ok: false };
  const r = eventSchemas[type].safeParse(raw);
  return r.success ? { ok: true, data: r.data } : { ok: false };
}

/** Same answer as zod, or no answer; when it answers, the very same value. */
function expectAgrees(raw: unknown): "fast" | "zod" {
  const fast = fastParseEvent(raw);
  if (fast === null) return "zod";
  const zod = viaZod(raw);
  expect(zod.ok, `fast path accepted what zod refuses: ${JSON.stringify(raw)}`).toBe(true);
  if (!zod.ok) return "fast";
  expect(fast).toStrictEqual(zod.data);
  expect(Object.keys(fast)).toEqual(Object.keys(zod.data as object));
  expect(JSON.stringify(fast)).toBe(JSON.stringify(zod.data));
  expect(fast).not.toBe(raw);
  const materials = (raw as { requestedMaterials?: unknown }).requestedMaterials;
  if (Array.isArray(materials)) expect((fast as { requestedMaterials?: unknown }).requestedMaterials).not.toBe(materials);
  return "fast";
}

/** Values at the edge of each check: lengths, control characters, surrogates, number forms, odd types. */
const edgeValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  "",
  "a",
  "a".repeat(16),
  "a".repeat(17),
  "a".repeat(64),
  "a".repeat(65),
  "号".repeat(64),
  "号".repeat(65),
  "a".repeat(100),
  "a".repeat(101),
  "a".repeat(200),
  "a".repeat(201),
  "a".repeat(500),
  "a".repeat(501),
  "A-023",
  "A_023",
  "a b",
  "a\u0000b",
  "a\u001fb",
  "a\u007fb",
  "a\tb",
  "a\nb",
  "a\rb",
  "a\uD800b",
  "a\uDC00b",
  "𠜎🙂",
  "2026-05-06T12:00:00+08:00",
  "2026-05-06T12:00:00.123456789Z",
  "2026-02-30T12:00:00Z",
  "2026-05-06 12:00:00Z",
  "0099-12-31T23:59:59Z",
  "kiosk",
  "KIOSK",
  "green",
  "done",
  "needs_materials",
  "normal",
  0,
  -0,
  1,
  5,
  6,
  -1,
  1.5,
  2 ** 53 - 1,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "3",
  true,
  null,
  undefined,
  {},
  [],
  ["a"],
  ["a", ""],
  ["a", 1],
  Array.from({ length: 50 }, () => "m"),
  Array.from({ length: 51 }, () => "m"),
  ["a".repeat(101)],
  ["a\u0000"],
);

/** A valid event with one field (present, absent or new) set to an edge value, or its prototype changed. */
const edgeMutation = fc.tuple(validEvent(ctx), fc.nat(), edgeValue, fc.constantFrom("set", "set", "set", "add", "null-proto", "inherit")).map(([e, n, v, how]) => {
  const type = e.type as EventType;
  const keys = [...fastParseFields(type).map((f) => f.key), "extra"];
  const key = keys[n % keys.length] as string;
  if (how === "null-proto") return Object.assign(Object.create(null) as object, e);
  if (how === "inherit") {
    // a field found only on the prototype: zod reads it (input[key]), the fast path must not guess
    const { [key]: moved, ...rest } = e;
    return Object.assign(Object.create({ [key]: moved ?? v }) as object, rest);
  }
  return { ...e, [key]: v };
});

describe("fastParseEvent", () => {
  it("knows every event type's fields in the schema's order, with the same optional ones", () => {
    for (const type of EVENT_TYPES) {
      const shape = eventSchemas[type].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
      const expected = Object.keys(shape).map((key) => ({ key, optional: (shape[key] as { safeParse(v: unknown): { success: boolean } }).safeParse(undefined).success }));
      expect(fastParseFields(type)).toEqual(expected);
    }
  });

  it("takes every valid event of the fuzz arbitraries, with zod's exact result", () => {
    fc.assert(
      fc.property(validEvent(ctx), (e) => {
        expect(expectAgrees(e)).toBe("fast");
        // as it arrives over the wire
        expect(expectAgrees(JSON.parse(JSON.stringify(e)))).toBe("fast");
      }),
      { numRuns: 2000 },
    );
  });

  it("never accepts a mutated, planted or garbage input that zod refuses", () => {
    fc.assert(
      fc.property(eventInput(ctx, { hugeMax: 700 }), (t) => {
        expectAgrees(t.value);
      }),
      { numRuns: 3000 },
    );
  });

  it("agrees with zod at the edge of every check", () => {
    let fast = 0;
    fc.assert(
      fc.property(edgeMutation, (raw) => {
        if (expectAgrees(raw) === "fast") fast++;
      }),
      { numRuns: 4000 },
    );
    expect(fast).toBeGreaterThan(100); // the edges it accepts were really compared
  });

  it("leaves undefined fields, unknown keys and non-plain objects to zod", () => {
    const base = { id: "e1", hallId: "h", ts: "2026-01-01T00:00:00Z", type: "window.paused", windowId: "w1" };
    expect(fastParseEvent(base)).toEqual(base);
    expect(fastParseEvent({ ...base, reason: undefined })).toBeNull(); // zod keeps the key, with undefined
    expect(fastParseEvent({ ...base, note: "x" })).toBeNull();
    expect(fastParseEvent(Object.assign(Object.create(null) as object, base))).toBeNull();
    expect(fastParseEvent({ ...base, type: "call.next" })).toBeNull();
    expect(fastParseEvent([base])).toBeNull();
    expect(fastParseEvent(null)).toBeNull();
    expect(fastParseEvent("window.paused")).toBeNull();
  });
});
