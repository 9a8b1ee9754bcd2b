// Item lists (事项清单) over HTTP: what an import checks and reports before it stores anything. Files
// with bad rows are refused as a whole with every error by file line and header (or partly imported with
// ?partial=true), malformed files get 400 and leave the server up, ?dryRun=true reports headers, unmapped
// headers, missing fields and errors without storing, and ?mapping maps a file's own headers to fields.
import { describe, expect, it } from "vitest";
import { BAD_ROWS_ERRORS, CUSTOM_HEADERS_ITEMS, CUSTOM_HEADERS_MAPPING, FIXTURE_HEADERS as HALL_HEADERS, FIXTURE_ITEMS as EXPECTED, FIXTURE_COLUMNS } from "../fixtures/items/expected-items.js";
import { byCode, CSV, current, fixture, freshHall, importAs, JSON_TYPE, server, setUpItemsServer, versionsOf, XLSX } from "./items-api-fixture.js";

setUpItemsServer();

/** A refused file must not have taken the server down. */
async function expectHealthy(): Promise<void> {
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
}

describe("POST …/items/:source — files with errors", () => {
  it("refuses a file with bad rows as a whole (400, every error by file line and header), and ?partial=true imports the good row", async () => {
    const hallId = "items-bad";
    await freshHall(hallId);

    const refused = await importAs(hallId, "hall", fixture("bad-rows.csv"), CSV);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "bad_request" });
    expect(refused.body).toMatchObject({ version: null, imported: 0, rejectedRows: 8, headers: HALL_HEADERS });
    expect(refused.body.errors).toEqual(BAD_ROWS_ERRORS);
    // Nothing was stored.
    expect(await versionsOf(hallId, "hall")).toEqual([]);
    expect((await current(hallId, "hall")).status).toBe(404);

    const partial = await importAs(hallId, "hall", fixture("bad-rows.csv"), CSV, "?partial=true");
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ version: 1, imported: 1, rejectedRows: 8, dryRun: false });
    expect(partial.body.errors).toEqual(BAD_ROWS_ERRORS);
    const got = await current(hallId, "hall");
    expect(got.status).toBe(200);
    expect(got.body.version).toBe(1);
    expect(got.body.items.map((i) => i.code)).toEqual(["330399-QR-0601"]);
    expect(got.body.items[0]).toMatchObject({ name: "出生登记", department: "公安局", promisedDays: 0, maxVisits: 1, fullyOnline: false });
    const versions = await versionsOf(hallId, "hall");
    expect(versions.map((v) => [v.version, v.itemCount, v.skippedRows, v.format])).toEqual([[1, 1, 8, "csv"]]);
  });

  it("refuses JSON items with errors by position and field", async () => {
    const hallId = "items-bad-json";
    await freshHall(hallId);
    const items = [EXPECTED[0], { ...EXPECTED[1], maxVisits: 3, colour: "red" }, EXPECTED[0]];
    const res = await importAs(hallId, "online", Buffer.from(JSON.stringify(items)), JSON_TYPE);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: "bad_request" }, version: null, imported: 0 });
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { row: 2, column: "colour", message: "unknown field" },
        { row: 2, column: "maxVisits", message: "expected 0, 1 or 2" },
        { row: 3, column: "code", message: 'duplicate item code "330399-XK-0101" (first at item 1)' },
      ]),
    );
    expect(res.body.errors).toHaveLength(3);
    expect(await versionsOf(hallId, "online")).toEqual([]);
  });

  it("answers malformed files (truncated XLSX, random bytes, an unclosed quote, an empty body) with 400 and errors, and stays up", async () => {
    const hallId = "items-malformed";
    await freshHall(hallId);

    const truncated = await importAs(hallId, "online", fixture("truncated.xlsx"), XLSX);
    expect(truncated.status).toBe(400);
    expect(truncated.body).toMatchObject({ error: { code: "bad_request" }, version: null, imported: 0 });
    expect(truncated.body.errors).toEqual([{ row: 0, column: "", message: "not a readable XLSX file (Corrupted zip: can't find end of central directory)" }]);
    await expectHealthy();

    const random = await importAs(hallId, "online", fixture("random.bin"), "application/octet-stream");
    expect(random.status).toBe(400);
    expect(random.body).toMatchObject({ error: { code: "bad_request" }, version: null, imported: 0 });
    expect(random.body.errors).toEqual([{ row: 0, column: "", message: "not a CSV text file (it contains NUL bytes)" }]);
    await expectHealthy();

    const randomAsXlsx = await importAs(hallId, "online", fixture("random.bin"), XLSX);
    expect(randomAsXlsx.status).toBe(400);
    expect(randomAsXlsx.body.errors).toHaveLength(1);
    expect(randomAsXlsx.body.errors[0]).toMatchObject({ row: 0, column: "" });
    expect(randomAsXlsx.body.errors[0]?.message).toMatch(/^not a readable XLSX file/);
    await expectHealthy();

    const randomAsJson = await importAs(hallId, "online", fixture("random.bin"), JSON_TYPE);
    expect(randomAsJson.status).toBe(400);
    expect(randomAsJson.body.errors).toEqual([{ row: 0, column: "", message: "not a JSON text file (it contains NUL bytes)" }]);
    await expectHealthy();

    const unclosed = await importAs(hallId, "online", fixture("unclosed-quote.csv"), CSV);
    expect(unclosed.status).toBe(400);
    expect(unclosed.body).toMatchObject({ error: { code: "bad_request" }, version: null, imported: 0 });
    expect(unclosed.body.errors).toEqual([{ row: 3, column: "", message: "a quoted cell starting on line 3 is never closed; lines 3–4 could not be read" }]);
    await expectHealthy();

    const empty = await importAs(hallId, "online", new Uint8Array(0), CSV);
    expect(empty.status).toBe(400);
    expect(empty.body.error).toMatchObject({ code: "bad_request", field: "body" });

    const headerOnly = await importAs(hallId, "online", Buffer.from(HALL_HEADERS.join(",")), CSV);
    expect(headerOnly.status).toBe(400);
    expect(headerOnly.body.errors).toEqual([{ row: 0, column: "", message: "the file holds no items" }]);

    // Nothing was stored by any of them; a good file still imports afterwards.
    expect(await versionsOf(hallId, "online")).toEqual([]);
    const good = await importAs(hallId, "online", fixture("utf8-bom.csv"), CSV);
    expect(good.status).toBe(201);
    expect(good.body.version).toBe(1);
    await expectHealthy();
  });
});

describe("POST …/items/:source — dry run and header mapping", () => {
  const MAPPING = CUSTOM_HEADERS_MAPPING;
  const CUSTOM_HEADERS = ["编号", "服务事项", "牵头单位", "办结时限", "跑腿次数", "要件清单", "备注"];
  const mappingQuery = (m: unknown) => `mapping=${encodeURIComponent(JSON.stringify(m))}`;

  it("reports headers, unmapped headers, missing fields and errors without storing anything; with ?mapping the file imports", async () => {
    const hallId = "items-mapping";
    await freshHall(hallId);

    const dry = await importAs(hallId, "online", fixture("custom-headers.csv"), CSV, "?dryRun=true");
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ version: null, imported: 0, dryRun: true, headers: CUSTOM_HEADERS, unmapped: CUSTOM_HEADERS });
    expect(dry.body.missing).toEqual(["code", "name", "department", "promisedDays", "maxVisits"]);
    expect(dry.body.errors).toEqual([
      { row: 1, column: "code", message: "no column for the required field code (事项编码): map one of the file's columns to it" },
      { row: 1, column: "name", message: "no column for the required field name (事项名称): map one of the file's columns to it" },
      { row: 1, column: "department", message: "no column for the required field department (实施部门): map one of the file's columns to it" },
      { row: 1, column: "promisedDays", message: "no column for the required field promisedDays (承诺时限): map one of the file's columns to it" },
      { row: 1, column: "maxVisits", message: "no column for the required field maxVisits (最多跑动次数): map one of the file's columns to it" },
    ]);
    expect(await versionsOf(hallId, "online")).toEqual([]);

    // Without the mapping a real import refuses the file.
    const unmapped = await importAs(hallId, "online", fixture("custom-headers.csv"), CSV);
    expect(unmapped.status).toBe(400);
    expect(unmapped.body).toMatchObject({ version: null, imported: 0 });
    expect(unmapped.body.errors).toHaveLength(5);

    const dryMapped = await importAs(hallId, "online", fixture("custom-headers.csv"), CSV, `?dryRun=true&${mappingQuery(MAPPING)}`);
    expect(dryMapped.status).toBe(200);
    expect(dryMapped.body).toMatchObject({ version: null, imported: 0, importable: 2, dryRun: true, headers: CUSTOM_HEADERS, unmapped: ["备注"], missing: [], errors: [] });
    // A dry run of a good file stores nothing either.
    const dryGood = await importAs(hallId, "online", fixture("utf8-bom.csv"), CSV, "?dryRun=true");
    expect(dryGood.status).toBe(200);
    expect(dryGood.body).toMatchObject({ version: null, dryRun: true, errors: [], headers: HALL_HEADERS, columns: FIXTURE_COLUMNS, importable: 3 });
    expect(await versionsOf(hallId, "online")).toEqual([]);
    expect((await current(hallId, "online")).status).toBe(404);

    const mapped = await importAs(hallId, "online", fixture("custom-headers.csv"), CSV, `?${mappingQuery(MAPPING)}`);
    expect(mapped.status).toBe(201);
    expect(mapped.body).toMatchObject({ version: 1, imported: 2, errors: [], unmapped: ["备注"], missing: [], dryRun: false });
    const got = await current(hallId, "online");
    expect(byCode(got.body.items)).toEqual(CUSTOM_HEADERS_ITEMS);
    expect((await versionsOf(hallId, "online")).map((v) => v.version)).toEqual([1]);
  });

  it("answers a malformed mapping with 400 naming it", async () => {
    const hallId = "items-mapping";
    const notJson = await importAs(hallId, "online", fixture("custom-headers.csv"), CSV, "?mapping=%7Bcode");
    expect(notJson.status).toBe(400);
    expect(notJson.body.error).toMatchObject({ code: "bad_request", field: "mapping" });
    const unknownField = await importAs(hallId, "online", fixture("custom-headers.csv"), CSV, `?${mappingQuery({ colour: "备注" })}`);
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toMatchObject({ code: "bad_request", field: "mapping.colour" });
    expect((await versionsOf(hallId, "online")).map((v) => v.version)).toEqual([1]);
  });
});
