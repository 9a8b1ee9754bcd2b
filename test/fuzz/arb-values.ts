// Building blocks the input families share: ordinary text and ids (that must pass), and the odd values the
// mutations plant (wrong types, encoding-stressing strings, deep nesting, prototype keys, timestamps at
// or past the calendar's edges, garbage).
import fc from "fast-check";
import { personalNumber } from "./arb-personal-numbers.js";

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const WORDS = ["社会保险", "不动产登记", "医保", "户籍", "1号窗口", "综合窗口", "税务", "暂停", "午休", "请稍候", "材料不全", "好", "满意", "Ω≈ç", "🙂", "مرحبا", "ok", "A023"];
/** Ordinary text (names, reasons, comments) without control characters or personal numbers. */
export const plainText = (max: number) =>
  fc
    .oneof(
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }).map((w) => w.join("")),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: Math.min(max, 30) }),
    )
    .map((s) => s.slice(0, max))
    .filter((s) => s.length > 0 && !CONTROL.test(s) && !/\d{7,}/.test(s));
/** Random ids: 1–64 characters of [A-Za-z0-9._:-], never a long digit run. */
export const randomId = fc.stringMatching(/^[A-Za-z0-9._:-]{1,24}$/).filter((s) => !/\d{7,}/.test(s));

/** Values of the wrong type or the wrong kind of number. */
export const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, -0, -1, 1.5, 6, NaN, Infinity, -Infinity, 2 ** 53 + 2, 1e308, -1e308, Number.MIN_VALUE, "", " ", "5", "NaN", "Infinity", "null", "undefined", "true", "[]", "{}", "0x10", "1e400", [], {}, [null], { "": "" }),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 20 }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Strings that stress encodings: astral characters, lone surrogates, RTL marks, zero-width, BOM. */
export const nastyString = fc.oneof(
  fc.string({ unit: "binary", minLength: 1, maxLength: 60 }),
  fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 4 }),
  fc.constantFrom("\u202e\u202dabc", "\u200b\u200c\u200d", "\ufeffA", "e\u0301\u0301\u0301", "𠜎𠜱𠝹", "\u0000", "\u0007bell", "a\nb\r\nc", "<script>alert(1)</script>", "=1+1", "'; DROP TABLE Event; --", "%s%s%n", "../../etc/passwd", "${{7*7}}"),
);

/** A nested value of the given depth (arrays or objects). */
export function nested(depth: number, leaf: unknown = "x", objects = false): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = objects ? { a: v } : [v];
  return v;
}
export const deepValue = fc.tuple(fc.integer({ min: 20, max: 400 }), fc.boolean(), fc.oneof(fc.constant("x"), personalNumber)).map(([d, o, leaf]) => nested(d, leaf, o));

export const PROTO_KEYS = ["__proto__", "constructor", "prototype", "toString", "valueOf", "hasOwnProperty", "__defineGetter__", "isPrototypeOf"];
/** Sets a key as an own, enumerable property — also "__proto__", which plain assignment would not. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  return target;
}
export const protoValue = fc.constantFrom<unknown>({ polluted: "yes", isAdmin: true }, { prototype: { polluted: 1 } }, "x", 1, null, []);

/** ISO-8601 text of epoch ms with the given offset (minutes) and fraction digits. */
export function isoAt(ms: number, offsetMinutes: number, fraction: 0 | 3 | 6 = 3): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString(); // YYYY-MM-DDTHH:MM:SS.mmmZ
  const base = local.slice(0, 19);
  const frac = fraction === 0 ? "" : fraction === 3 ? local.slice(19, 23) : `${local.slice(19, 23)}417`;
  if (offsetMinutes === 0) return `${base}${frac}Z`;
  const sign = offsetMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetMinutes);
  return `${base}${frac}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Timestamps the contract refuses, or accepts only at the edges of what a calendar allows. */
export const oddTimestamp = fc.constantFrom(
  "",
  "now",
  "2026-02-30T09:00:00+08:00",
  "2026-13-01T09:00:00Z",
  "2026-11-25T24:00:00Z",
  "2026-11-25T09:60:00Z",
  "2026-11-25 09:00:00",
  "2026-11-25T09:00:00",
  "2026-11-25",
  "2026-11-25T09:00:00+15:00",
  "2026-11-25T09:00:00+08:60",
  "0000-01-01T00:00:00Z",
  "0001-01-01T00:00:00Z",
  "0099-12-31T23:59:59Z",
  "1900-02-29T00:00:00Z",
  "1969-12-31T23:59:59.999Z",
  "9999-12-31T23:59:59.999999999Z",
  "+275760-09-13T00:00:00Z",
  "2024-02-29T12:00:00,5+0800",
  "１９９０-01-01T00:00:00Z",
  "2026-11-25T09:00:00Z\n",
);

/** Inputs that are not events at all. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 6, withNullPrototype: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom<unknown>(null, 0, "", [], {}, "[object Object]", { type: "ticket.issued" }, { id: "x" }),
);
