// Unit and property tests of the diff between two versions of an item list: added, removed, fields
// changed as [old, new], materials added and removed one by one.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { serviceItemSchema, type ItemDiff, type ServiceItem, type ServiceItemInput } from "../../../contract/index.js";
import { compareItems, diffItemLists } from "./item-diff.js";

const item = (over: Partial<ServiceItemInput> = {}): ServiceItem =>
  serviceItemSchema.parse({
    code: "330399-QR-0602",
    name: "户口迁移",
    department: "公安局",
    type: "行政确认",
    promisedDays: 5,
    legalDays: 20,
    maxVisits: 1,
    fullyOnline: false,
    fees: "不收费",
    conditions: "符合户口迁移政策",
    materials: [
      { name: "居民身份证", form: "original", copies: 1, required: true },
      { name: "户口簿", form: "original", copies: 1, required: true },
    ],
    approvedAt: "2026-03-02",
    publishedAt: "2026-03-03",
    effectiveAt: null,
    ...over,
  });

const v = (version: number, items: ServiceItem[]) => ({ version, items });

describe("diffItemLists", () => {
  it("finds nothing between identical lists", () => {
    const a = [item(), item({ code: "X-2", name: "出生登记" })];
    expect(diffItemLists(v(1, a), v(2, a.map((i) => ({ ...i }))))).toEqual({ from: 1, to: 2, added: [], removed: [], changed: [] });
  });

  it("lists items added and removed by code, in list order", () => {
    const a = item({ code: "A" });
    const b = item({ code: "B" });
    const c = item({ code: "C" });
    const d = item({ code: "D" });
    const diff = diffItemLists(v(3, [a, b, c]), v(4, [d, b, a]));
    expect(diff.added.map((i) => i.code)).toEqual(["D"]);
    expect(diff.removed.map((i) => i.code)).toEqual(["C"]);
    expect(diff.changed).toEqual([]);
    expect(diff.added[0]).toBe(d);
  });

  it("reports each changed field as [old, new]", () => {
    const diff = diffItemLists(v(1, [item()]), v(2, [item({ promisedDays: 3, fullyOnline: true, fees: "工本费10元", publishedAt: "2026-03-05" })]));
    expect(diff.changed).toEqual([
      {
        code: "330399-QR-0602",
        fields: { promisedDays: [5, 3], fullyOnline: [false, true], fees: ["不收费", "工本费10元"], publishedAt: ["2026-03-03", "2026-03-05"] },
        materialsAdded: [],
        materialsRemoved: [],
      },
    ]);
  });

  it("treats an absent and a null optional value as the same, and reports null ↔ value", () => {
    const withoutLegal = item();
    delete withoutLegal.legalDays;
    expect(diffItemLists(v(1, [item({ legalDays: null })]), v(2, [withoutLegal])).changed).toEqual([]);
    expect(diffItemLists(v(1, [withoutLegal]), v(2, [item({ legalDays: 15 })])).changed[0]?.fields).toEqual({ legalDays: [null, 15] });
    expect(diffItemLists(v(1, [item()]), v(2, [item({ approvedAt: null })])).changed[0]?.fields).toEqual({ approvedAt: ["2026-03-02", null] });
  });

  it("reports materials added and removed one by one", () => {
    const before = item();
    const after = item({
      materials: [
        { name: "居民身份证", form: "original", copies: 1, required: true },
        { name: "准予迁入证明", form: "original", copies: 1, required: true },
        { name: "结婚证", form: "copy", copies: 1, required: false },
      ],
    });
    expect(diffItemLists(v(1, [before]), v(2, [after])).changed).toEqual([
      {
        code: "330399-QR-0602",
        fields: {},
        materialsAdded: [
          { name: "准予迁入证明", form: "original", copies: 1, required: true },
          { name: "结婚证", form: "copy", copies: 1, required: false },
        ],
        materialsRemoved: [{ name: "户口簿", form: "original", copies: 1, required: true }],
      },
    ]);
  });

  it("sees a change of form, copies or required as one material removed and one added", () => {
    const m = (over: object) => item({ materials: [{ name: "居民身份证", form: "original", copies: 1, required: true, ...over }] });
    for (const over of [{ form: "copy" }, { copies: 2 }, { required: false }]) {
      const c = compareItems(m({}), m(over));
      expect(c?.materialsRemoved).toEqual([{ name: "居民身份证", form: "original", copies: 1, required: true }]);
      expect(c?.materialsAdded).toEqual([{ name: "居民身份证", form: "original", copies: 1, required: true, ...over }]);
    }
  });

  it("ignores the order of materials but counts repeats", () => {
    const [id, hukou] = item().materials as [ServiceItem["materials"][number], ServiceItem["materials"][number]];
    expect(compareItems(item({ materials: [id, hukou] }), item({ materials: [hukou, id] }))).toBeNull();
    expect(compareItems(item({ materials: [id, hukou] }), item({ materials: [id, hukou, id] }))).toEqual({ code: "330399-QR-0602", fields: {}, materialsAdded: [id], materialsRemoved: [] });
    expect(compareItems(item({ materials: [id, id] }), item({ materials: [id] }))).toEqual({ code: "330399-QR-0602", fields: {}, materialsAdded: [], materialsRemoved: [id] });
  });

  it("combines added, removed and changed items", () => {
    const diff = diffItemLists(v(7, [item({ code: "A" }), item({ code: "B" })]), v(8, [item({ code: "B", name: "户口迁入" }), item({ code: "C" })]));
    expect(diff.from).toBe(7);
    expect(diff.to).toBe(8);
    expect(diff.added.map((i) => i.code)).toEqual(["C"]);
    expect(diff.removed.map((i) => i.code)).toEqual(["A"]);
    expect(diff.changed).toEqual([{ code: "B", fields: { name: ["户口迁移", "户口迁入"] }, materialsAdded: [], materialsRemoved: [] }]);
  });
});

// Valid items over small pools, so that two lists share codes and materials often.
const materialArb = fc.record({
  name: fc.constantFrom("居民身份证", "户口簿", "营业执照", "申请书", "结婚证"),
  form: fc.constantFrom("original", "copy"),
  copies: fc.integer({ min: 1, max: 3 }),
  required: fc.boolean(),
});
const dateArb = fc.option(fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)));
const itemArb = fc
  .record({
    code: fc.constantFrom("C1", "C2", "C3", "C4", "C5", "C6", "C7", "C8"),
    name: fc.constantFrom("户口迁移", "出生登记", "发票领用", "结婚登记"),
    department: fc.constantFrom("公安局", "税务局", "民政局"),
    type: fc.constantFrom("", "行政许可", "公共服务"),
    promisedDays: fc.integer({ min: 0, max: 30 }),
    legalDays: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
    maxVisits: fc.integer({ min: 0, max: 2 }),
    fullyOnline: fc.boolean(),
    fees: fc.constantFrom("", "不收费", "工本费10元"),
    conditions: fc.string({ maxLength: 10 }).map((s) => s.replace(/[\u0000-\u001f\u007f]/g, "")),
    materials: fc.array(materialArb, { maxLength: 4 }),
    approvedAt: dateArb,
    publishedAt: dateArb,
    effectiveAt: dateArb,
  })
  .map((i) => serviceItemSchema.parse(i));
const listArb = fc.uniqueArray(itemArb, { selector: (i) => i.code, maxLength: 8 });

const byCode = (d: ItemDiff) => new Map(d.changed.map((c) => [c.code, c]));
const sortedKeys = (ms: readonly object[]) => ms.map((m) => JSON.stringify(m)).sort();

describe("diffItemLists (properties)", () => {
  it("finds no changes between any list of valid items and itself", () => {
    fc.assert(
      fc.property(listArb, (a) => {
        expect(diffItemLists(v(1, a), v(2, a))).toEqual({ from: 1, to: 2, added: [], removed: [], changed: [] });
        // Also against a deep copy with the materials in reverse order.
        const copy = a.map((i) => ({ ...i, materials: [...i.materials].reverse().map((m) => ({ ...m })) }));
        expect(diffItemLists(v(1, a), v(2, copy)).changed).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it("swaps added↔removed, [old,new] and materials added↔removed when reversed", () => {
    fc.assert(
      fc.property(listArb, listArb, (a, b) => {
        const forward = diffItemLists(v(1, a), v(2, b));
        const backward = diffItemLists(v(2, b), v(1, a));
        expect(backward.from).toBe(2);
        expect(backward.to).toBe(1);
        expect(backward.added).toEqual(forward.removed);
        expect(backward.removed).toEqual(forward.added);
        const f = byCode(forward);
        const r = byCode(backward);
        expect([...r.keys()].sort()).toEqual([...f.keys()].sort());
        for (const [code, c] of f) {
          const back = r.get(code);
          expect(back).toBeDefined();
          const swapped = Object.fromEntries(Object.entries(c.fields).map(([k, pair]) => [k, [pair?.[1], pair?.[0]]]));
          expect(back?.fields).toEqual(swapped);
          expect(sortedKeys(back?.materialsAdded ?? [])).toEqual(sortedKeys(c.materialsRemoved));
          expect(sortedKeys(back?.materialsRemoved ?? [])).toEqual(sortedKeys(c.materialsAdded));
        }
        // Every code is accounted for once: added, removed, changed or unchanged.
        const codesA = new Set(a.map((i) => i.code));
        const codesB = new Set(b.map((i) => i.code));
        expect(forward.added.every((i) => !codesA.has(i.code))).toBe(true);
        expect(forward.removed.every((i) => !codesB.has(i.code))).toBe(true);
        expect([...f.keys()].every((c) => codesA.has(c) && codesB.has(c))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
