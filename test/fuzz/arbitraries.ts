// fast-check arbitraries for fuzzing every entry point: events, staff actions, hall configurations and
// item-list files. Each generator mixes valid inputs, near-valid mutations (one field wrong, wrong types,
// huge strings, unicode, prototype-pollution keys, deep nesting, NaN-ish numbers, dates out of range,
// duplicate ids), planted personal identifiers (ID-card and mobile numbers in every kind of field) and
// pure garbage. Every input is tagged with what the server must do with it:
//   - "valid":  well-formed, known windows/categories, no personal data → accepted or duplicate;
//   - "pii":    carries a personal identifier as a word of its own → rejected (whatever else is wrong);
//   - "any":    a mutation or garbage → any answer, as long as it is a well-formed one.
import fc from "fast-check";
import { CHANNELS, OUTCOMES, PRIORITIES, type EventType } from "../../contract/index.js";

export type Expect = "valid" | "pii" | "any";
export interface Tagged<T = unknown> {
  value: T;
  expect: Expect;
  /** What was done to it, for the failure report. */
  how: string;
}

// ── personal identifiers ────────────────────────────────────────────────────────────────────────

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/** The GB 11643 check character of the first 17 digits of a resident ID number. */
export function idCardCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

const toFullWidth = (s: string) => s.replace(/[0-9+\-X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const region = fc.integer({ min: 110000, max: 659999 }).map(String);
const birth = fc
  .integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2023, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10).replace(/-/g, ""));
const serial = fc.integer({ min: 0, max: 999 }).map((n) => String(n).padStart(3, "0"));

/** 18-character resident ID numbers: valid check digit (sometimes a lower-case x), sometimes a wrong one. */
export const idCard18 = fc.tuple(region, birth, serial, fc.nat(9), fc.boolean()).map(([r, b, s, wrong, lower]) => {
  const first = `${r}${b}${s}`;
  const check = wrong === 0 ? String((Number(idCardCheck(first)) + 1) % 10 || 1) : idCardCheck(first);
  return first + (lower && check === "X" ? "x" : check);
});
/** First-generation 15-digit resident ID numbers (region, YYMMDD, serial). */
export const idCard15 = fc.tuple(region, birth, serial).map(([r, b, s]) => `${r}${b.slice(2)}${s}`);

const mobileDigits = fc
  .tuple(fc.constantFrom("3", "4", "5", "6", "7", "8", "9"), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([b, rest]) => `1${b}${String(rest).padStart(9, "0")}`);
const grouped = (m: string, sep: string) => `${m.slice(0, 3)}${sep}${m.slice(3, 7)}${sep}${m.slice(7)}`;
/** Mobile numbers as people write them: plain, +86, 3-4-4 with spaces or dashes, full-width digits. */
export const mobile = fc
  .tuple(mobileDigits, fc.constantFrom("plain", "+86", "+86 ", "86-", "0086 ", "spaces", "dashes", "+86 spaces", "fullwidth"))
  .map(([m, form]) => {
    switch (form) {
      case "plain":
        return m;
      case "spaces":
        return grouped(m, " ");
      case "dashes":
        return grouped(m, "-");
      case "+86 spaces":
        return `+86 ${grouped(m, " ")}`;
      case "fullwidth":
        return toFullWidth(m);
      default:
        return `${form}${m}`;
    }
  });

/** Any personal number, as text (full-width ID numbers too). */
export const personalNumber = fc.oneof(
  { arbitrary: mobile, weight: 4 },
  { arbitrary: idCard18, weight: 3 },
  { arbitrary: idCard18.map(toFullWidth), weight: 1 },
  { arbitrary: idCard15, weight: 2 },
);
/** Personal numbers that fit the id pattern [A-Za-z0-9._:-] (no spaces, no +, ASCII). */
export const personalNumberAsId = fc.oneof(
  mobileDigits,
  mobileDigits.map((m) => grouped(m, "-")),
  idCard18,
  idCard15,
  fc.tuple(fc.constantFrom("T-", "case:", "ref.", "c_", "X-"), fc.oneof(mobileDigits, idCard18, idCard15)).map(([p, n]) => p + n),
);
/** Personal numbers that fit a ticket number ([A-Za-z0-9-], ≤ 16). */
export const personalNumberAsTicketNo = fc.oneof(mobileDigits, mobileDigits.map((m) => `A-${m}`), mobileDigits.map((m) => grouped(m, "-")), idCard15);

const PREFIXES = ["", "电话", "手机：", "联系电话 ", "身份证", "身份证号:", "tel ", "(", "张三", "请拨打", "ID "];
const SUFFIXES = ["", "。", " 谢谢", "）", "，", "!", " ok"];
/** Free text with a personal number embedded as a word of its own. */
export const textWithPersonalNumber = (max: number) =>
  fc.tuple(fc.constantFrom(...PREFIXES), personalNumber, fc.constantFrom(...SUFFIXES)).map(([p, n, s]) => `${p}${n}${s}`.slice(0, max));

// ── plain values ────────────────────────────────────────────────────────────────────────────────

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
const protoValue = fc.constantFrom<unknown>({ polluted: "yes", isAdmin: true }, { prototype: { polluted: 1 } }, "x", 1, null, []);

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

// ── events ──────────────────────────────────────────────────────────────────────────────────────

export interface EventContext {
  hallId: string;
  windows: readonly string[];
  categories: readonly string[];
  itemCodes: readonly string[];
  /** Generation time: valid events lie in the 8 hours before it (a few up to 2 minutes after). */
  nowMs: number;
  /** Prefix of event ids, so that targets do not collide unless meant to. */
  idPrefix: string;
  /** How many distinct "pooled" ids (duplicates come from reusing them). */
  idPool: number;
  ticketPool: number;
}

const optional = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const dropUndefined = (o: Record<string, unknown>) => {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
};

export const eventIdArb = (ctx: EventContext) =>
  fc.oneof(
    { arbitrary: fc.nat(ctx.idPool - 1).map((n) => `${ctx.idPrefix}${n}`), weight: 3 },
    { arbitrary: fc.uuid().map((u) => `${ctx.idPrefix}u-${u}`), weight: 2 },
  );
export const ticketIdArb = (ctx: EventContext) => fc.nat(ctx.ticketPool - 1).map((n) => `t-${n}`);
const tsArb = (ctx: EventContext) =>
  fc
    .tuple(fc.integer({ min: -8 * 3_600_000, max: 2 * 60_000 }), fc.constantFrom(0, 480, -300, 330), fc.constantFrom<0 | 3 | 6>(0, 3, 6))
    .map(([d, off, frac]) => isoAt(ctx.nowMs + d, off, frac));

function typeFields(ctx: EventContext, type: EventType): fc.Arbitrary<Record<string, unknown>> {
  const windowId = fc.constantFrom(...ctx.windows);
  const categoryId = fc.constantFrom(...ctx.categories);
  const ticketId = ticketIdArb(ctx);
  switch (type) {
    case "window.opened":
      return fc.record({ windowId, staffId: randomId });
    case "window.paused":
      return fc.record({ windowId, reason: optional(plainText(200)) }).map(dropUndefined);
    case "window.resumed":
    case "window.closed":
      return fc.record({ windowId });
    case "ticket.issued":
      return fc
        .record({
          ticketId,
          ticketNo: fc.stringMatching(/^[A-Z][0-9]{3}$/),
          categoryId,
          itemCode: optional(ctx.itemCodes.length > 0 ? fc.constantFrom(...ctx.itemCodes) : plainText(64)),
          channel: fc.constantFrom(...CHANNELS),
          caseRef: optional(fc.uuid().map((u) => `case-${u.slice(0, 8)}`)),
          priority: optional(fc.constantFrom(...PRIORITIES)),
        })
        .map(dropUndefined);
    case "ticket.called":
    case "ticket.no_show":
    case "service.started":
      return fc.record({ ticketId, windowId });
    case "ticket.transferred":
      return fc.record({ ticketId, fromWindowId: windowId, toCategoryId: categoryId });
    case "service.completed":
      return fc
        .record({ ticketId, windowId, outcome: fc.constantFrom(...OUTCOMES), requestedMaterials: optional(fc.array(plainText(100), { maxLength: 4 })) })
        .map(dropUndefined);
    case "evaluation.submitted":
      return fc.record({ ticketId, windowId, rating: fc.integer({ min: 1, max: 5 }), comment: optional(plainText(500)) }).map(dropUndefined);
  }
}

const EVENT_TYPE_WEIGHTS: [EventType, number][] = [
  ["window.opened", 2],
  ["window.paused", 1],
  ["window.resumed", 1],
  ["window.closed", 1],
  ["ticket.issued", 6],
  ["ticket.called", 4],
  ["ticket.no_show", 1],
  ["ticket.transferred", 1],
  ["service.started", 3],
  ["service.completed", 3],
  ["evaluation.submitted", 2],
];

/** A valid event of the context's hall (known windows and categories, not from the future). */
export const validEvent = (ctx: EventContext): fc.Arbitrary<Record<string, unknown>> =>
  fc.oneof(
    ...EVENT_TYPE_WEIGHTS.map(([type, weight]) => ({
      weight,
      arbitrary: fc
        .tuple(
          fc.record({ id: eventIdArb(ctx), ts: tsArb(ctx), deviceId: optional(randomId), seq: optional(fc.nat({ max: 1_000_000 })) }).map(dropUndefined),
          typeFields(ctx, type),
        )
        .map(([env, fields]) => ({ id: env.id, type, hallId: ctx.hallId, ts: env.ts, ...(env.deviceId !== undefined ? { deviceId: env.deviceId } : {}), ...(env.seq !== undefined ? { seq: env.seq } : {}), ...fields })),
    })),
  );

const TEXT_FIELDS = ["reason", "comment", "itemCode", "staffId", "deviceId"];
const ID_FIELDS = ["id", "ticketId", "windowId", "categoryId", "caseRef", "deviceId", "staffId", "toCategoryId", "fromWindowId", "hallId"];

type Mutation = (e: Record<string, unknown>) => { value: unknown; expect: Expect; how: string };
const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

/** One-field mutations of a valid event or action; personal numbers planted in every kind of place. */
export const mutation = (ctx: EventContext, opts: { hugeMax: number }): fc.Arbitrary<Mutation> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((n): Mutation => (e) => {
      const k = pick(Object.keys(e), n);
      const { [k]: _drop, ...rest } = e;
      return { value: rest, expect: "any", how: `drop ${k}` };
    }) },
    { weight: 4, arbitrary: fc.tuple(fc.nat(), weirdValue).map(([n, v]): Mutation => (e) => {
      const k = pick(Object.keys(e), n);
      return { value: { ...e, [k]: v }, expect: "any", how: `wrong value at ${k}` };
    }) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...PROTO_KEYS, "extra", "Type", " id", ""), protoValue).map(([k, v]): Mutation => (e) => ({ value: setOwn({ ...e }, k, v), expect: "any", how: `extra key ${k}` })) },
    { weight: 2, arbitrary: fc.tuple(fc.nat(), fc.integer({ min: 65, max: opts.hugeMax }), fc.constantFrom("x", "號", "🙂", "a ")).map(([n, len, unit]): Mutation => (e) => {
      const k = pick(Object.keys(e), n);
      return { value: { ...e, [k]: unit.repeat(Math.ceil(len / unit.length)) }, expect: "any", how: `huge string at ${k}` };
    }) },
    { weight: 2, arbitrary: fc.tuple(fc.nat(), nastyString).map(([n, s]): Mutation => (e) => {
      const k = pick(Object.keys(e), n);
      return { value: { ...e, [k]: s }, expect: "any", how: `unicode at ${k}` };
    }) },
    { weight: 1, arbitrary: fc.tuple(fc.nat(), deepValue).map(([n, v]): Mutation => (e) => {
      const k = pick([...Object.keys(e), "nested"], n);
      return { value: { ...e, [k]: v }, expect: "any", how: `deep value at ${k}` };
    }) },
    { weight: 2, arbitrary: oddTimestamp.map((ts): Mutation => (e) => ({ value: { ...e, ts }, expect: "any", how: `ts ${JSON.stringify(ts)}` })) },
    { weight: 1, arbitrary: fc.integer({ min: 6 * 60_000, max: 400 * 86_400_000 }).map((d): Mutation => (e) => ({ value: { ...e, ts: isoAt(ctx.nowMs + d, 480) }, expect: "any", how: "ts in the future" })) },
    { weight: 1, arbitrary: fc.constantFrom("ticket.issue", "", "TICKET.ISSUED", "__proto__", "call.next", "ticket.issued", "window.opened", "evaluation.submitted", "service.completed").map((t): Mutation => (e) => ({ value: { ...e, type: t }, expect: "any", how: `type ${t}` })) },
    { weight: 1, arbitrary: fc.constantFrom("other-hall", "", "fz hall", "w1").map((h): Mutation => (e) => ({ value: { ...e, hallId: h }, expect: "any", how: `hallId ${h}` })) },
    { weight: 1, arbitrary: fc.constantFrom("w-unknown", "c-unknown").map((id): Mutation => (e) => {
      const k = "windowId" in e ? "windowId" : "categoryId" in e ? "categoryId" : "toCategoryId";
      return { value: { ...e, [k]: id }, expect: "any", how: `unknown ${k}` };
    }) },
    // planted personal numbers: must be refused whatever else is wrong
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...TEXT_FIELDS, "requestedMaterials", "note", "x"), textWithPersonalNumber(200)).map(([k, t]): Mutation => (e) => ({
      value: { ...e, [k]: k === "requestedMaterials" ? ["身份证复印件", t] : t },
      expect: "pii",
      how: `personal number in ${k}: ${t}`,
    })) },
    { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...ID_FIELDS), personalNumberAsId).map(([k, t]): Mutation => (e) => ({ value: { ...e, [k]: t }, expect: "pii", how: `personal number as ${k}: ${t}` })) },
    { weight: 1, arbitrary: personalNumberAsTicketNo.map((t): Mutation => (e) => ({ value: { ...e, ticketNo: t }, expect: "pii", how: `personal number as ticketNo: ${t}` })) },
    { weight: 1, arbitrary: fc.tuple(personalNumber, fc.anything({ maxDepth: 1 })).map(([t, v]): Mutation => (e) => ({ value: setOwn({ ...e }, t, v ?? 1), expect: "pii", how: `personal number as a key: ${t}` })) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("seq", "rating", "x"), fc.oneof(mobileDigits, idCard15)).map(([k, n]): Mutation => (e) => ({ value: { ...e, [k]: Number(n) }, expect: "pii", how: `personal number as a number at ${k}: ${n}` })) },
    { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 30 }), personalNumber).map(([d, t]): Mutation => (e) => ({ value: { ...e, extra: nested(d, t, true) }, expect: "pii", how: `personal number nested ${d} deep` })) },
  );

/** Inputs that are not events at all. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 6, withNullPrototype: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom<unknown>(null, 0, "", [], {}, "[object Object]", { type: "ticket.issued" }, { id: "x" }),
);

/** Events: valid ones, duplicates, near-valid mutations, planted personal data and garbage. */
export const eventInput = (ctx: EventContext, opts: { hugeMax: number } = { hugeMax: 5_000 }): fc.Arbitrary<Tagged> =>
  fc.oneof(
    { weight: 10, arbitrary: validEvent(ctx).map((value): Tagged => ({ value, expect: "valid", how: "valid" })) },
    { weight: 9, arbitrary: fc.tuple(validEvent(ctx), mutation(ctx, opts)).map(([e, m]): Tagged => m(e)) },
    { weight: 2, arbitrary: garbage.map((value): Tagged => ({ value, expect: "any", how: "garbage" })) },
  );

// ── staff actions ───────────────────────────────────────────────────────────────────────────────

const STAFF_TYPES = ["window.opened", "window.paused", "window.resumed", "window.closed", "ticket.called", "ticket.no_show", "ticket.transferred", "service.started", "service.completed", "evaluation.submitted", "call.next"] as const;

/** A well-formed staff action (it may still be refused for the ticket's or window's state). */
export const validStaffAction = (ctx: EventContext, windowId: string): fc.Arbitrary<Record<string, unknown>> =>
  fc
    .tuple(fc.constantFrom(...STAFF_TYPES, "call.next", "call.next", "service.completed", "service.started"), eventIdArb(ctx), ticketIdArb(ctx), fc.boolean(), plainText(200), fc.constantFrom(...ctx.categories), fc.constantFrom(...OUTCOMES), fc.integer({ min: 1, max: 5 }), randomId)
    .map(([type, id, ticketId, withWindow, text, cat, outcome, rating, staffId]) => {
      const a: Record<string, unknown> = { id, type };
      if (withWindow && type !== "ticket.transferred") a.windowId = windowId;
      if (type === "window.opened") a.staffId = staffId;
      if (type === "window.paused" && withWindow) a.reason = text;
      if (type.startsWith("ticket.") || type.startsWith("service.") || type === "evaluation.submitted") a.ticketId = ticketId;
      if (type === "ticket.transferred") {
        a.toCategoryId = cat;
        if (withWindow) a.fromWindowId = windowId;
      }
      if (type === "service.completed") a.outcome = outcome;
      if (type === "evaluation.submitted") {
        a.rating = rating;
        if (withWindow) a.comment = text;
      }
      return a;
    });

export const staffInput = (ctx: EventContext, windowId: string, otherWindow: string): fc.Arbitrary<Tagged> =>
  fc.oneof(
    { weight: 10, arbitrary: validStaffAction(ctx, windowId).map((value): Tagged => ({ value, expect: "valid", how: "valid" })) },
    { weight: 1, arbitrary: validStaffAction(ctx, windowId).map((a): Tagged => ({ value: { ...a, windowId: otherWindow }, expect: "any", how: "another window" })) },
    { weight: 7, arbitrary: fc.tuple(validStaffAction(ctx, windowId), mutation(ctx, { hugeMax: 3_000 })).map(([a, m]): Tagged => m(a)) },
    { weight: 2, arbitrary: garbage.map((value): Tagged => ({ value, expect: "any", how: "garbage" })) },
  );

// ── hall configurations ─────────────────────────────────────────────────────────────────────────

const TIME_ZONES = ["Asia/Shanghai", "Asia/Urumqi", "UTC", "Asia/Hong_Kong", "America/New_York", "Pacific/Chatham"];

export const validHallConfig: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    name: plainText(100),
    timezone: fc.constantFrom(...TIME_ZONES),
    categories: fc.array(fc.record({ name: plainText(100), itemCodes: fc.array(fc.stringMatching(/^[A-Z]{2}-\d{3}$/), { maxLength: 4 }) }), { minLength: 1, maxLength: 6 }),
    windows: fc.array(fc.record({ name: plainText(100), department: plainText(100), pick: fc.array(fc.nat(), { maxLength: 3 }), comprehensive: optional(fc.boolean()) }), { maxLength: 8 }),
    waitMinutes: fc.integer({ min: 1, max: 1440 }),
    hot: optional(fc.double({ min: 0.5, max: 1, noNaN: true })),
    cold: optional(fc.double({ min: 0, max: 0.49, noNaN: true })),
    followUp: optional(fc.integer({ min: 1, max: 60 })),
  })
  .map((r) => {
    const categories = r.categories.map((c, i) => ({ id: `c${i}`, name: c.name, itemCodes: c.itemCodes }));
    const windows = r.windows.map((w, i) =>
      dropUndefined({ id: `w${i}`, name: w.name, department: w.department, categories: [...new Set(w.pick.map((p) => `c${p % categories.length}`))], comprehensive: w.comprehensive }),
    );
    return dropUndefined({
      name: r.name,
      timezone: r.timezone,
      categories,
      windows,
      targets: dropUndefined({ waitMinutes: r.waitMinutes, hotUtilization: r.hot, coldUtilization: r.cold }),
      followUp: r.followUp === undefined ? undefined : { deadlineWorkingDays: r.followUp },
    });
  });

type ConfigMutation = (c: Record<string, unknown>) => Tagged;
const configMutation: fc.Arbitrary<ConfigMutation> = fc.oneof(
  fc.nat().map((n): ConfigMutation => (c) => {
    const k = pick(Object.keys(c), n);
    const { [k]: _d, ...rest } = c;
    return { value: rest, expect: "any", how: `drop ${k}` };
  }),
  fc.tuple(fc.nat(), weirdValue).map(([n, v]): ConfigMutation => (c) => {
    const k = pick(Object.keys(c), n);
    return { value: { ...c, [k]: v }, expect: "any", how: `wrong value at ${k}` };
  }),
  fc.constantFrom("Mars/Base", "", "Asia/Shanghai\u0000", "../../etc/localtime", "asia/shanghai", "+08:00", "Etc/GMT+99").map((tz): ConfigMutation => (c) => ({ value: { ...c, timezone: tz }, expect: "any", how: `timezone ${tz}` })),
  fc.constant<ConfigMutation>((c) => {
    const cats = c.categories as { id: string }[];
    return { value: { ...c, categories: [...cats, { ...cats[0], name: "重复" }] }, expect: "any", how: "duplicate category id" };
  }),
  fc.constant<ConfigMutation>((c) => ({ value: { ...c, windows: [{ id: "wx", name: "x", department: "y", categories: ["nope"] }] }, expect: "any", how: "unknown category" })),
  fc.constant<ConfigMutation>((c) => ({ value: { ...c, targets: { waitMinutes: 20, hotUtilization: 0.3, coldUtilization: 0.6 } }, expect: "any", how: "cold ≥ hot" })),
  fc.tuple(fc.constantFrom(...PROTO_KEYS, "extra"), protoValue).map(([k, v]): ConfigMutation => (c) => ({ value: setOwn({ ...c }, k, v), expect: "any", how: `extra key ${k}` })),
  fc.tuple(fc.constantFrom(...PROTO_KEYS), protoValue).map(([k, v]): ConfigMutation => (c) => ({ value: { ...c, targets: setOwn({ waitMinutes: 5 }, k, v) }, expect: "any", how: `extra key targets.${k}` })),
  fc.tuple(fc.integer({ min: 101, max: 40_000 }), fc.constantFrom("名", "x")).map(([n, u]): ConfigMutation => (c) => ({ value: { ...c, name: u.repeat(n) }, expect: "any", how: "huge name" })),
  fc.constant<ConfigMutation>((c) => ({ value: { ...c, name: "大".repeat(120_000) }, expect: "any", how: "body over 256 kB" })),
  nastyString.map((s): ConfigMutation => (c) => ({ value: { ...c, name: s }, expect: "any", how: "unicode name" })),
  deepValue.map((v): ConfigMutation => (c) => ({ value: { ...c, categories: v }, expect: "any", how: "deep categories" })),
  fc.constantFrom(NaN, Infinity, -1, 0, 1441, "20").map((v): ConfigMutation => (c) => ({ value: { ...c, targets: { waitMinutes: v } }, expect: "any", how: `waitMinutes ${String(v)}` })),
  fc.constant<ConfigMutation>((c) => ({ value: { ...c, windows: Array.from({ length: 501 }, (_, i) => ({ id: `w${i}`, name: "w", department: "d", categories: [] })) }, expect: "any", how: "501 windows" })),
  // planted personal numbers in names: refused
  fc.tuple(fc.constantFrom("name", "window", "department", "category", "itemCode"), textWithPersonalNumber(100)).map(([where, t]): ConfigMutation => (c) => {
    const copy = structuredClone(c) as { name: string; windows: Record<string, unknown>[]; categories: { name: string; itemCodes: string[] }[] };
    const w = copy.windows[0];
    const cat = copy.categories[0] as { name: string; itemCodes: string[] };
    if (where === "name" || (!w && (where === "window" || where === "department"))) copy.name = t;
    else if (where === "window") (w as Record<string, unknown>).name = t;
    else if (where === "department") (w as Record<string, unknown>).department = t;
    else if (where === "category") cat.name = t;
    else cat.itemCodes = [...cat.itemCodes, t.slice(0, 64)];
    return { value: copy, expect: "pii", how: `personal number in ${where}: ${t}` };
  }),
);

export const HALL_ID_POOL = ["fz-cfg-0", "fz-cfg-1", "fz-cfg-2", "fz-cfg-3", "fz-cfg-4"];
/** A PUT /api/halls/:hallId: the path's hall id and the body. */
export const hallConfigInput: fc.Arbitrary<Tagged<{ hallId: string; body: unknown }>> = fc
  .tuple(
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...HALL_ID_POOL).map((h) => ({ hallId: h, pii: false })) },
      { weight: 1, arbitrary: fc.constantFrom("a b", "ü", "x".repeat(65), "..", "%2F", "a%00b", "%F0%9F%99%82").map((h) => ({ hallId: h, pii: false })) },
      { weight: 1, arbitrary: personalNumberAsId.map((h) => ({ hallId: h, pii: true })) },
    ),
    fc.oneof(
      { weight: 8, arbitrary: validHallConfig.map((value): Tagged => ({ value, expect: "valid", how: "valid" })) },
      { weight: 8, arbitrary: fc.tuple(validHallConfig, configMutation).map(([c, m]) => m(c)) },
      { weight: 1, arbitrary: garbage.map((value): Tagged => ({ value, expect: "any", how: "garbage" })) },
    ),
  )
  .map(([h, body]): Tagged<{ hallId: string; body: unknown }> => {
    const badId = h.hallId !== encodeURIComponent(h.hallId) || /^\.+$/.test(h.hallId) || !/^[A-Za-z0-9._:-]{1,64}$/.test(decodeURIComponent(h.hallId));
    const expect: Expect = h.pii || body.expect === "pii" ? "pii" : badId ? "any" : body.expect;
    return { value: { hallId: h.hallId, body: body.value }, expect, how: `${h.pii ? `personal number as hallId ${h.hallId}; ` : ""}${body.how}` };
  });

// ── item-list files ─────────────────────────────────────────────────────────────────────────────

export const ITEM_HEADERS = ["事项编码", "事项名称", "实施部门", "事项类型", "承诺时限", "法定时限", "最多跑动次数", "是否全程网办", "收费标准", "办理条件", "申请材料", "审批时间", "公开时间", "生效时间"];
const itemRow = (i: number) =>
  fc
    .record({
      name: plainText(60),
      department: fc.constantFrom("市场监督管理局", "人社局", "自然资源局", "公安局", "税务局"),
      type: fc.constantFrom("行政许可", "行政确认", "公共服务", ""),
      promised: fc.constantFrom("即办", "1", "5个工作日", "15"),
      legal: fc.constantFrom("", "20", "30日"),
      visits: fc.constantFrom("0", "1", "2"),
      online: fc.constantFrom("是", "否"),
      fees: fc.constantFrom("不收费", "每件80元", ""),
      conditions: fc.oneof(fc.constant(""), plainText(80)),
      materials: fc.constantFrom("", "申请书", "申请书|原件|1|是；身份证|复印件|1|是", "营业执照;章程|copy|2|否"),
      date: fc.constantFrom("", "2026-03-02", "2026/10/9", "2026年10月9日"),
    })
    .map((r) => [`FZ-${String(i).padStart(4, "0")}`, r.name, r.department, r.type, r.promised, r.legal, r.visits, r.online, r.fees, r.conditions, r.materials, r.date, r.date, r.date]);

export interface ItemFileSpec {
  source: string;
  /** csv/json/xlsx built from `rows`; bytes = raw garbage; fixture = a damaged copy of a real file. */
  kind: "csv" | "json" | "xlsx" | "bytes" | "fixture";
  rows: string[][];
  encoding: "utf8" | "utf8bom" | "gbk";
  contentType: string | null;
  query: Record<string, string>;
  raw: Uint8Array;
  fixture: string;
  flips: [number, number][];
}

const asText = (v: unknown): string => {
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v) ?? "undefined";
  } catch {
    return "?";
  }
};
const cellMutation = fc.oneof(
  weirdValue.map(asText),
  nastyString,
  fc.integer({ min: 200, max: 6_000 }).map((n) => "长".repeat(n)),
  fc.constantFrom('"', '""', "a,b", "a\nb", "\r", ";;;", "|||", "=HYPERLINK(\"x\")", "-1", "99999", "2026-02-30", "是否", "\u0000"),
);

export const itemFileInput: fc.Arbitrary<Tagged<ItemFileSpec>> = fc
  .record({
    source: fc.oneof({ weight: 20, arbitrary: fc.constantFrom("online", "hall") }, { weight: 1, arbitrary: fc.constantFrom("both", "__proto__", "ONLINE") }),
    kind: fc.constantFrom<ItemFileSpec["kind"]>("csv", "csv", "csv", "json", "json", "xlsx", "xlsx", "bytes", "fixture"),
    count: fc.integer({ min: 1, max: 12 }),
    rowsSeed: fc.array(itemRow(0), { minLength: 12, maxLength: 12 }),
    encoding: fc.constantFrom<ItemFileSpec["encoding"]>("utf8", "utf8bom", "gbk"),
    contentType: fc.constantFrom<string | null>(null, null, "text/csv", "application/json", "application/octet-stream", "text/plain; charset=gbk", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    partial: fc.boolean(),
    dryRun: fc.nat(5).map((n) => n === 0),
    queryEncoding: fc.constantFrom<string | undefined>(undefined, undefined, undefined, "gbk", "utf-8", "latin1", "gb18030"),
    format: fc.constantFrom<string | undefined>(undefined, undefined, undefined, undefined, "csv", "json", "xlsx", "pdf"),
    mapping: fc.constantFrom<string | undefined>(undefined, undefined, undefined, undefined, '{"code":"事项编码"}', '{"code":"编号"}', "{bad json", '{"nope":"x"}', "[]", '{"__proto__":"x"}'),
    edits: fc.array(fc.tuple(fc.nat(), fc.nat(13), cellMutation), { maxLength: 3 }),
    pii: fc.option(fc.tuple(fc.nat(), fc.constantFrom(1, 2, 8, 9, 10), textWithPersonalNumber(60)), { nil: undefined, freq: 3 }),
    dupCode: fc.nat(6).map((n) => n === 0),
    dropColumn: fc.option(fc.nat(13), { nil: undefined, freq: 8 }),
    raw: fc.uint8Array({ maxLength: 512 }),
    fixture: fc.constantFrom("items.json", "items.xlsx", "gbk.csv", "utf8-bom.csv", "bad-rows.csv", "custom-headers.csv", "truncated.xlsx"),
    flips: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
  })
  .map((r): Tagged<ItemFileSpec> => {
    const rows = r.rowsSeed.slice(0, r.count).map((row, i) => {
      const copy = [...row];
      copy[0] = `FZ-${String(i).padStart(4, "0")}`;
      return copy;
    });
    const hows: string[] = [r.kind];
    for (const [ri, ci, v] of r.edits) {
      (rows[ri % rows.length] as string[])[ci] = v;
      hows.push(`cell ${ri % rows.length},${ci}`);
    }
    if (r.dupCode && rows.length > 1) {
      (rows[1] as string[])[0] = (rows[0] as string[])[0] as string;
      hows.push("duplicate code");
    }
    let header = [...ITEM_HEADERS];
    let body = rows;
    if (r.dropColumn !== undefined) {
      header = header.filter((_, i) => i !== r.dropColumn);
      body = rows.map((row) => row.filter((_, i) => i !== r.dropColumn));
      hows.push(`drop column ${r.dropColumn}`);
    }
    let pii = false;
    if (r.pii && (r.kind === "csv" || r.kind === "json" || r.kind === "xlsx")) {
      const [ri, ci, t] = r.pii;
      const col = header.indexOf(ITEM_HEADERS[ci] as string);
      if (col >= 0) {
        (body[ri % body.length] as string[])[col] = t;
        pii = true;
        hows.push(`personal number in ${ITEM_HEADERS[ci]}: ${t}`);
      }
    }
    const query: Record<string, string> = {};
    if (r.partial) query.partial = "true";
    if (r.dryRun) query.dryRun = "true";
    if (r.queryEncoding) query.encoding = r.queryEncoding;
    if (r.format) query.format = r.format;
    if (r.mapping) query.mapping = r.mapping;
    const clean = r.edits.length === 0 && !r.dupCode && r.dropColumn === undefined && !pii && Object.keys(query).every((k) => k === "partial" || k === "dryRun");
    const wellFormed = (r.kind === "csv" || r.kind === "json" || r.kind === "xlsx") && r.contentType !== "text/plain; charset=gbk" && r.source.length < 7 && r.source === r.source.toLowerCase() && r.source !== "both";
    const typeFits = r.contentType === null || r.contentType === "application/octet-stream" || (r.kind === "csv" ? r.contentType === "text/csv" : r.kind === "json" ? r.contentType === "application/json" : r.contentType.includes("spreadsheet"));
    const expect: Expect = pii && !r.partial && !r.dryRun ? "pii" : clean && wellFormed && typeFits && r.encoding !== "gbk" ? "valid" : "any";
    return {
      value: { source: r.source, kind: r.kind, rows: [header, ...body], encoding: r.encoding, contentType: r.contentType, query, raw: r.raw, fixture: r.fixture, flips: r.flips },
      expect,
      how: hows.join("; "),
    };
  });
