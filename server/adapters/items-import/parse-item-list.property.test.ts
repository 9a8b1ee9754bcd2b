// Property tests: parseItemList never throws on random bytes, random text, or damaged copies of the real fixtures, in any format, and always answers with items or errors.
import fs from "node:fs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { serviceItemSchema } from "../../../contract/index.js";
import { parseItemList, type ItemListFormat, type ParsedItemList } from "./parse-item-list.js";

const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/items/${name}`, import.meta.url));

function expectWellFormed(r: ParsedItemList): void {
  expect(Array.isArray(r.items)).toBe(true);
  expect(Array.isArray(r.errors)).toBe(true);
  expect(r.items.length + r.errors.length).toBeGreaterThan(0);
  for (const e of r.errors) {
    expect(Number.isInteger(e.row) && e.row >= 0).toBe(true);
    expect(typeof e.column).toBe("string");
    expect(e.message.length).toBeGreaterThan(0);
  }
  for (const item of r.items) expect(serviceItemSchema.safeParse(item).success).toBe(true);
  expect(new Set(r.items.map((i) => i.code)).size).toBe(r.items.length);
}

async function check(bytes: Uint8Array, format: ItemListFormat, extra: { encoding?: string } = {}): Promise<void> {
  expectWellFormed(await parseItemList({ bytes, format, ...extra }));
}

/** Damages a copy: a few bytes overwritten, optionally cut short. */
const damaged = (original: Buffer) =>
  fc
    .record({
      flips: fc.array(fc.tuple(fc.nat({ max: original.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 16 }),
      cut: fc.option(fc.nat({ max: original.length }), { nil: undefined }),
    })
    .map(({ flips, cut }) => {
      const b = Buffer.from(original);
      for (const [at, value] of flips) b[at] = value;
      return cut === undefined ? b : b.subarray(0, cut);
    });

const TOKENS = ['"', ",", "\n", "\r\n", "\r", "；", ";", "|", "\uFEFF", " ", "事项编码", "事项名称", "实施部门", "承诺时限", "最多跑动次数", "申请材料", "公开时间", "即办", "5个工作日", "3", "是", "否", "原件", "扫描件", "2026-02-30", "2026年10月9日", "A-1", "\u0000", "\u0007"];
const csvText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.array(fc.constantFrom(...TOKENS), { maxLength: 80 }).map((t) => t.join("")),
);
const jsonText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.array(fc.dictionary(fc.constantFrom("code", "name", "department", "promisedDays", "maxVisits", "materials", "publishedAt", "__proto__", "x"), fc.jsonValue({ maxDepth: 2 })), { maxLength: 5 }).map((v) => JSON.stringify({ items: v })),
);
const encoding = fc.constantFrom<string | undefined>(undefined, "utf-8", "gbk", "gb18030");
const randomBytes = fc.uint8Array({ maxLength: 2048 });

describe("parseItemList never throws (properties)", () => {
  it("on random bytes, in each format", async () => {
    await fc.assert(
      fc.asyncProperty(randomBytes, fc.constantFrom<ItemListFormat>("csv", "json", "xlsx"), encoding, async (bytes, format, enc) => check(bytes, format, { encoding: enc })),
      { numRuns: 300 },
    );
  });

  it("on random CSV-like text, in UTF-8 and GBK", async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.constantFrom("utf-8", "gbk"), async (text, enc) => {
        const bytes = enc === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8");
        await check(bytes, "csv");
      }),
      { numRuns: 300 },
    );
  });

  it("on random JSON-like text", async () => {
    await fc.assert(
      fc.asyncProperty(jsonText, async (text) => check(Buffer.from(text, "utf8"), "json")),
      { numRuns: 300 },
    );
  });

  it("on text given as XLSX and on zip-looking bytes", async () => {
    const zipLike = fc.uint8Array({ maxLength: 1024 }).map((b) => Buffer.concat([Buffer.from("PK\x03\x04"), b]));
    await fc.assert(
      fc.asyncProperty(fc.oneof(zipLike, csvText.map((t) => Buffer.from(t, "utf8"))), async (bytes) => check(bytes, "xlsx")),
      { numRuns: 300 },
    );
  });

  it("on damaged copies of the XLSX fixture", async () => {
    await fc.assert(
      fc.asyncProperty(damaged(fixture("items.xlsx")), async (bytes) => check(bytes, "xlsx")),
      { numRuns: 150 },
    );
  }, 60_000);

  it("on damaged copies of the CSV and JSON fixtures", async () => {
    const copies = fc.constantFrom("utf8-bom.csv", "gbk.csv", "bad-rows.csv", "items.json").chain((name) => damaged(fixture(name)).map((bytes) => ({ name, bytes })));
    await fc.assert(
      fc.asyncProperty(copies, async ({ name, bytes }) => check(bytes, name.endsWith(".json") ? "json" : "csv")),
      { numRuns: 300 },
    );
  });
});
