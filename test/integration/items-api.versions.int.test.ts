// Item lists (事项清单) over HTTP: well-formed import files become immutable versions. The real fixture
// files (UTF-8 CSV with BOM, GBK CSV, XLSX, JSON, a bare JSON array, XLSX sent as octet-stream) import as
// versions holding the same items, every old version stays readable, …/versions lists them newest first,
// and …/diff reports what changed between two versions.
import { describe, expect, it } from "vitest";
import type { ErrorBody, ItemDiff, ServiceItem } from "../../contract/index.js";
import { FIXTURE_HEADERS as HALL_HEADERS, FIXTURE_ITEMS as EXPECTED, FIXTURE_COLUMNS } from "../fixtures/items/expected-items.js";
import { admin, byCode, CSV, current, fixture, freshHall, importAs, JSON_TYPE, setUpItemsServer, versionsOf, XLSX } from "./items-api-fixture.js";

setUpItemsServer();

describe("POST /api/halls/:hallId/items/:source — well-formed files", () => {
  const HALL = "items-formats";

  it("imports the UTF-8 CSV with BOM, the GBK CSV (detected and told), the XLSX and the JSON as versions 1–5 holding the same items", async () => {
    await freshHall(HALL);

    const utf8 = await importAs(HALL, "online", fixture("utf8-bom.csv"), CSV);
    expect(utf8.status).toBe(201);
    expect(utf8.body).toEqual({ version: 1, imported: 3, errors: [], headers: HALL_HEADERS, unmapped: [], missing: [], columns: FIXTURE_COLUMNS, encoding: "utf-8", rejectedRows: 0, importable: 3, dryRun: false });

    // GBK without saying so: detected (GB18030 is GBK's superset).
    const gbkDetected = await importAs(HALL, "online", fixture("gbk.csv"), CSV);
    expect(gbkDetected.status).toBe(201);
    expect(gbkDetected.body).toMatchObject({ version: 2, imported: 3, errors: [], headers: HALL_HEADERS, encoding: "gb18030", rejectedRows: 0 });

    const gbkTold = await importAs(HALL, "online", fixture("gbk.csv"), CSV, "?encoding=gbk");
    expect(gbkTold.status).toBe(201);
    expect(gbkTold.body).toMatchObject({ version: 3, imported: 3, errors: [], headers: HALL_HEADERS, encoding: "gbk" });

    const xlsx = await importAs(HALL, "online", fixture("items.xlsx"), XLSX);
    expect(xlsx.status).toBe(201);
    expect(xlsx.body).toMatchObject({ version: 4, imported: 3, errors: [], headers: HALL_HEADERS, unmapped: [], missing: [], columns: FIXTURE_COLUMNS, rejectedRows: 0 });

    const json = await importAs(HALL, "online", fixture("items.json"), JSON_TYPE);
    expect(json.status).toBe(201);
    expect(json.body).toMatchObject({ version: 5, imported: 3, errors: [], rejectedRows: 0 });

    // The current list is the newest version; every older one is still there, unchanged.
    const now = await current(HALL, "online");
    expect(now.status).toBe(200);
    expect(now.body.version).toBe(5);
    expect(byCode(now.body.items)).toEqual(byCode(EXPECTED));
    for (const v of [1, 2, 3, 4]) {
      const old = await current(HALL, "online", `?version=${v}`);
      expect(old.status, `version ${v}`).toBe(200);
      expect(old.body.version).toBe(v);
      expect(byCode(old.body.items), `version ${v}`).toEqual(byCode(EXPECTED));
    }
    expect((await current(HALL, "online", "?version=6")).status).toBe(404);

    // Newest first, with the format each came in.
    const versions = await versionsOf(HALL, "online");
    expect(versions.map((v) => [v.version, v.source, v.format, v.itemCount, v.skippedRows])).toEqual([
      [5, "online", "json", 3, 0],
      [4, "online", "xlsx", 3, 0],
      [3, "online", "csv", 3, 0],
      [2, "online", "csv", 3, 0],
      [1, "online", "csv", 3, 0],
    ]);
    for (const v of versions) expect(Number.isNaN(Date.parse(v.importedAt)), v.importedAt).toBe(false);

    // The same items whatever the format: the diff of the CSV version and the JSON version is empty.
    const diff = await admin.request<ItemDiff>("GET", `/api/halls/${HALL}/items/online/diff?from=1&to=5`);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual({ from: 1, to: 5, added: [], removed: [], changed: [] });

    // The other source of the hall is untouched.
    expect(await versionsOf(HALL, "hall")).toEqual([]);
    expect((await current(HALL, "hall")).status).toBe(404);
  });

  it("imports a bare JSON array into the hall source and an XLSX sent as octet-stream (known by its zip magic)", async () => {
    const hallId = "items-bare";
    await freshHall(hallId);
    const arr = await importAs(hallId, "hall", Buffer.from(JSON.stringify(EXPECTED)), JSON_TYPE);
    expect(arr.status).toBe(201);
    expect(arr.body).toMatchObject({ version: 1, imported: 3, errors: [] });
    const xlsx = await importAs(hallId, "hall", fixture("items.xlsx"), "application/octet-stream");
    expect(xlsx.status).toBe(201);
    expect(xlsx.body).toMatchObject({ version: 2, imported: 3, errors: [] });
    const got = await current(hallId, "hall");
    expect(got.body.version).toBe(2);
    expect(byCode(got.body.items)).toEqual(byCode(EXPECTED));
    expect((await versionsOf(hallId, "hall")).map((v) => [v.version, v.format])).toEqual([
      [2, "xlsx"],
      [1, "json"],
    ]);
  });
});

describe("GET …/items/:source/diff", () => {
  it("reports added, removed and changed items (fields old → new, materials added and removed) between two versions", async () => {
    const hallId = "items-diff";
    await freshHall(hallId);
    const v1 = await importAs(hallId, "online", Buffer.from(JSON.stringify(EXPECTED)), JSON_TYPE);
    expect(v1.status).toBe(201);
    expect(v1.body.version).toBe(1);

    const [company, estate] = structuredClone(EXPECTED) as [ServiceItem, ServiceItem, ServiceItem];
    company.name = "有限责任公司设立登记（含分公司）";
    const householdBook = { name: "户口簿", form: "copy" as const, copies: 1, required: true };
    const marriage = estate.materials.find((m) => m.name === "婚姻关系证明");
    estate.materials = [...estate.materials.filter((m) => m.name !== "婚姻关系证明"), householdBook];
    const added: ServiceItem = {
      code: "330399-GG-0705",
      name: "完税证明开具",
      department: "税务局",
      type: "公共服务",
      promisedDays: 0,
      legalDays: null,
      maxVisits: 0,
      fullyOnline: true,
      fees: "不收费",
      conditions: "已缴纳税款",
      materials: [{ name: "纳税人身份证件", form: "copy", copies: 1, required: true }],
      approvedAt: "2026-08-17",
      publishedAt: "2026-08-17",
      effectiveAt: null,
    };
    // Version 2: 0101 renamed, 0402 with one material added and one removed, 0701 removed, 0705 added.
    const v2 = await importAs(hallId, "online", Buffer.from(JSON.stringify([company, estate, added])), JSON_TYPE);
    expect(v2.status).toBe(201);
    expect(v2.body.version).toBe(2);

    const diff = await admin.request<ItemDiff>("GET", `/api/halls/${hallId}/items/online/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.from).toBe(1);
    expect(diff.body.to).toBe(2);
    expect(diff.body.added).toEqual([added]);
    expect(diff.body.removed).toEqual([EXPECTED[2]]);
    expect([...diff.body.changed].sort((a, b) => (a.code < b.code ? -1 : 1))).toEqual([
      { code: "330399-QR-0402", fields: {}, materialsAdded: [householdBook], materialsRemoved: [marriage] },
      { code: "330399-XK-0101", fields: { name: ["有限责任公司设立登记", "有限责任公司设立登记（含分公司）"] }, materialsAdded: [], materialsRemoved: [] },
    ]);

    // Version 1 is immutable: still the original items.
    const old = await current(hallId, "online", "?version=1");
    expect(byCode(old.body.items)).toEqual(byCode(EXPECTED));
    const now = await current(hallId, "online");
    expect(now.body.version).toBe(2);
    expect(byCode(now.body.items)).toEqual(byCode([company, estate, added]));
    expect((await versionsOf(hallId, "online")).map((v) => [v.version, v.itemCount])).toEqual([
      [2, 3],
      [1, 3],
    ]);

    // The reverse diff swaps added and removed.
    const back = await admin.request<ItemDiff>("GET", `/api/halls/${hallId}/items/online/diff?from=2&to=1`);
    expect(back.status).toBe(200);
    expect(back.body.added).toEqual([EXPECTED[2]]);
    expect(back.body.removed).toEqual([added]);

    // Unknown versions and missing or bad parameters.
    expect((await admin.request("GET", `/api/halls/${hallId}/items/online/diff?from=1&to=3`)).status).toBe(404);
    const noFrom = await admin.request<ErrorBody>("GET", `/api/halls/${hallId}/items/online/diff?to=2`);
    expect(noFrom.status).toBe(400);
    expect(noFrom.body.error.field).toBe("from");
    const badTo = await admin.request<ErrorBody>("GET", `/api/halls/${hallId}/items/online/diff?from=1&to=x`);
    expect(badTo.status).toBe(400);
    expect(badTo.body.error.field).toBe("to");
  });
});
