// Item lists (事项清单) over HTTP against the real server process: imports of the real fixture files
// (UTF-8 CSV with BOM, GBK CSV, XLSX, JSON) as immutable versions, exact row/column errors, partial and
// dry-run imports, explicit header mapping, malformed files that leave the server up, versions and
// their diff, and the access matrix.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody, ImportError, ItemDiff, ItemListVersion, ServiceItem } from "../../contract/index.js";
import { Api, type ApiResponse } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";
import { FIXTURE_HEADERS as HALL_HEADERS, FIXTURE_ITEMS as EXPECTED, FIXTURE_COLUMNS } from "../fixtures/items/expected-items.js";

const fixture = (name: string) => fs.readFileSync(new URL(`../fixtures/items/${name}`, import.meta.url));

const CSV = "text/csv";
const JSON_TYPE = "application/json";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";


/** What POST …/items/:source answers (ImportOutcome), with the error object on a 400. */
interface ImportBody {
  version: number | null;
  imported: number;
  errors: ImportError[];
  rejectedRows: number;
  dryRun: boolean;
  headers?: string[];
  unmapped?: string[];
  missing?: string[];
  encoding?: string;
  error?: ErrorBody["error"];
}

interface ItemListBody {
  version: number;
  items: ServiceItem[];
}

const server = new ServerProcess();
let admin: Api;
const tok = {} as Record<"manager" | "staff" | "display" | "device" | "hallAdmin" | "otherManager" | "otherAdmin", string>;

const ROLES_HALL = "items-roles";
const OTHER_HALL = "items-other";

const byCode = (items: readonly ServiceItem[]) => [...items].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

async function upload(token: string | null, hallId: string, source: string, bytes: Uint8Array, contentType: string, query = ""): Promise<ApiResponse<ImportBody>> {
  const res = await fetch(`${server.url}/api/halls/${hallId}/items/${source}${query}`, {
    method: "POST",
    headers: { ...(token !== null ? { authorization: `Bearer ${token}` } : {}), "content-type": contentType },
    body: bytes,
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: body as ImportBody };
}

const importAs = (hallId: string, source: string, bytes: Uint8Array, contentType: string, query = "") => upload(server.adminToken, hallId, source, bytes, contentType, query);

async function versionsOf(hallId: string, source: string): Promise<ItemListVersion[]> {
  const res = await admin.request<{ versions: ItemListVersion[] }>("GET", `/api/halls/${hallId}/items/${source}/versions`);
  expect(res.status).toBe(200);
  return res.body.versions;
}

async function current(hallId: string, source: string, query = ""): Promise<ApiResponse<ItemListBody>> {
  return admin.request<ItemListBody>("GET", `/api/halls/${hallId}/items/${source}${query}`);
}

async function freshHall(hallId: string): Promise<void> {
  const res = await admin.putHall(hallId, testHall);
  expect(res.status).toBe(201);
}

async function expectHealthy(): Promise<void> {
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
}

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  await freshHall(ROLES_HALL);
  await freshHall(OTHER_HALL);
  const make = async (req: { role: string; hallId: string; windowId?: string }) => {
    const res = await admin.createToken(req);
    expect(res.status).toBe(201);
    return res.body.token;
  };
  tok.manager = await make({ role: "manager", hallId: ROLES_HALL });
  tok.staff = await make({ role: "staff", hallId: ROLES_HALL, windowId: "w1" });
  tok.display = await make({ role: "display", hallId: ROLES_HALL });
  tok.device = await make({ role: "device", hallId: ROLES_HALL });
  tok.hallAdmin = await make({ role: "admin", hallId: ROLES_HALL });
  tok.otherManager = await make({ role: "manager", hallId: OTHER_HALL });
  tok.otherAdmin = await make({ role: "admin", hallId: OTHER_HALL });
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

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

describe("POST …/items/:source — files with errors", () => {
  const BAD_ROW_ERRORS: ImportError[] = [
    { row: 3, column: "承诺时限", message: 'expected a whole number, got "五个工作日"' },
    { row: 4, column: "公开时间", message: 'not a real date: "2026-02-30"' },
    { row: 5, column: "申请材料", message: 'material 2: form must be original (原件) or copy (复印件), got "扫描件"' },
    { row: 6, column: "最多跑动次数", message: "expected 0, 1 or 2" },
    { row: 8, column: "是否全程网办", message: 'expected yes or no (是/否), got "部分"' },
    { row: 9, column: "事项编码", message: 'duplicate item code "330399-QR-0601" (first on line 2)' },
    { row: 10, column: "", message: "expected 14 cells as in the header, found 3" },
    { row: 12, column: "事项名称", message: "required" },
  ];

  it("refuses a file with bad rows as a whole (400, every error by file line and header), and ?partial=true imports the good row", async () => {
    const hallId = "items-bad";
    await freshHall(hallId);

    const refused = await importAs(hallId, "hall", fixture("bad-rows.csv"), CSV);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "bad_request" });
    expect(refused.body).toMatchObject({ version: null, imported: 0, rejectedRows: 8, headers: HALL_HEADERS });
    expect(refused.body.errors).toEqual(BAD_ROW_ERRORS);
    // Nothing was stored.
    expect(await versionsOf(hallId, "hall")).toEqual([]);
    expect((await current(hallId, "hall")).status).toBe(404);

    const partial = await importAs(hallId, "hall", fixture("bad-rows.csv"), CSV, "?partial=true");
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ version: 1, imported: 1, rejectedRows: 8, dryRun: false });
    expect(partial.body.errors).toEqual(BAD_ROW_ERRORS);
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
  const MAPPING = { code: "编号", name: "服务事项", department: "牵头单位", promisedDays: "办结时限", maxVisits: "跑腿次数", materials: "要件清单" };
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
    expect(byCode(got.body.items)).toEqual([
      {
        code: "330399-QR-0801",
        name: "内地居民结婚登记",
        department: "民政局",
        type: "",
        promisedDays: 0,
        legalDays: null,
        maxVisits: 1,
        fullyOnline: false,
        fees: "",
        conditions: "",
        materials: [
          { name: "户口簿", form: "original", copies: 1, required: true },
          { name: "居民身份证", form: "original", copies: 1, required: true },
          { name: "本人无配偶声明", form: "original", copies: 1, required: true },
        ],
        approvedAt: null,
        publishedAt: null,
        effectiveAt: null,
      },
      {
        code: "330399-QR-0802",
        name: "内地居民离婚登记",
        department: "民政局",
        type: "",
        promisedDays: 30,
        legalDays: null,
        maxVisits: 2,
        fullyOnline: false,
        fees: "",
        conditions: "",
        materials: [{ name: "离婚协议书", form: "original", copies: 3, required: true }],
        approvedAt: null,
        publishedAt: null,
        effectiveAt: null,
      },
    ]);
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

describe("access to the item lists", () => {
  beforeAll(async () => {
    const res = await importAs(ROLES_HALL, "online", fixture("items.json"), JSON_TYPE);
    expect(res.status).toBe(201);
  });

  const get = (token: string | null, path: string) => admin.as(token).request<ErrorBody>("GET", path);
  const listPath = `/api/halls/${ROLES_HALL}/items/online`;

  it("lets a manager read the list, its versions and diffs, but not import (403)", async () => {
    expect((await get(tok.manager, listPath)).status).toBe(200);
    expect((await get(tok.manager, `${listPath}?version=1`)).status).toBe(200);
    expect((await get(tok.manager, `${listPath}/versions`)).status).toBe(200);
    expect((await get(tok.manager, `${listPath}/diff?from=1&to=1`)).status).toBe(200);
    const post = await upload(tok.manager, ROLES_HALL, "online", fixture("items.json"), JSON_TYPE);
    expect(post.status).toBe(403);
    expect(post.body.error?.code).toBe("forbidden");
  });

  it("lets staff read the current list, but not import", async () => {
    const res = await admin.as(tok.staff).request<ItemListBody>("GET", listPath);
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(byCode(res.body.items)).toEqual(byCode(EXPECTED));
    expect((await upload(tok.staff, ROLES_HALL, "online", fixture("items.json"), JSON_TYPE)).status).toBe(403);
  });

  it("refuses display and device tokens (403), another hall's tokens (403) and no token (401)", async () => {
    for (const [who, token] of [
      ["display", tok.display],
      ["device", tok.device],
      ["other hall's manager", tok.otherManager],
      ["other hall's admin", tok.otherAdmin],
    ] as const) {
      const res = await get(token, listPath);
      expect(res.status, who).toBe(403);
      expect(res.body.error.code, who).toBe("forbidden");
      expect((await upload(token, ROLES_HALL, "online", fixture("items.json"), JSON_TYPE)).status, who).toBe(403);
    }
    const none = await get(null, listPath);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe("unauthorized");
    expect((await upload(null, ROLES_HALL, "online", fixture("items.json"), JSON_TYPE)).status).toBe(401);
    // Nothing was imported by any refused request.
    expect((await versionsOf(ROLES_HALL, "online")).map((v) => v.version)).toEqual([1]);
  });

  it("lets the hall's own admin import", async () => {
    const res = await upload(tok.hallAdmin, ROLES_HALL, "hall", fixture("items.json"), JSON_TYPE);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ version: 1, imported: 3 });
  });

  it("answers an unknown hall with 404 and a bad source with 400 naming `source`", async () => {
    expect((await admin.request("GET", "/api/halls/no-such-hall/items/online")).status).toBe(404);
    const post = await importAs("no-such-hall", "online", fixture("items.json"), JSON_TYPE);
    expect(post.status).toBe(404);
    expect(post.body.error?.code).toBe("not_found");

    const badGet = await admin.request<ErrorBody>("GET", `/api/halls/${ROLES_HALL}/items/offline`);
    expect(badGet.status).toBe(400);
    expect(badGet.body.error).toMatchObject({ code: "bad_request", field: "source" });
    const badPost = await importAs(ROLES_HALL, "offline", fixture("items.json"), JSON_TYPE);
    expect(badPost.status).toBe(400);
    expect(badPost.body.error).toMatchObject({ code: "bad_request", field: "source" });
    const badVersions = await admin.request<ErrorBody>("GET", `/api/halls/${ROLES_HALL}/items/both/versions`);
    expect(badVersions.status).toBe(400);
    expect(badVersions.body.error.field).toBe("source");
  });
});
