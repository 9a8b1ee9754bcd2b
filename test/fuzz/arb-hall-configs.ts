// Hall configurations for PUT /api/halls/:hallId: valid configurations, their mutations (bad time zones,
// duplicate or unknown ids, cold ≥ hot, prototype keys, huge names and bodies, personal numbers in names)
// and odd hall ids in the path.
import fc from "fast-check";
import { dropUndefined, optional, pick } from "./arb-helpers.js";
import { personalNumberAsId, textWithPersonalNumber } from "./arb-personal-numbers.js";
import { deepValue, garbage, nastyString, plainText, PROTO_KEYS, protoValue, setOwn, weirdValue } from "./arb-values.js";
import type { Expect, Tagged } from "./tagged.js";

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
