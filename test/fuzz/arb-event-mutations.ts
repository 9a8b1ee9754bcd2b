// One-field mutations of a valid event or staff action: dropped fields, wrong types, extra and prototype
// keys, huge and encoding-stressing strings, deep values, odd timestamps, unknown types, halls and
// windows — and personal numbers planted in every kind of place (text, ids, ticket numbers, keys,
// numbers, nested values), which must be refused whatever else is wrong.
import fc from "fast-check";
import type { EventContext } from "./arb-events.js";
import { pick } from "./arb-helpers.js";
import { idCard15, mobileDigits, personalNumber, personalNumberAsId, personalNumberAsTicketNo, textWithPersonalNumber } from "./arb-personal-numbers.js";
import { deepValue, isoAt, nastyString, nested, oddTimestamp, PROTO_KEYS, protoValue, setOwn, weirdValue } from "./arb-values.js";
import type { Expect } from "./tagged.js";

const TEXT_FIELDS = ["reason", "comment", "itemCode", "staffId", "deviceId"];
const ID_FIELDS = ["id", "ticketId", "windowId", "categoryId", "caseRef", "deviceId", "staffId", "toCategoryId", "fromWindowId", "hallId"];

type Mutation = (e: Record<string, unknown>) => { value: unknown; expect: Expect; how: string };

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

