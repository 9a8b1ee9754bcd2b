// 去标识化: after a fuzz run that plants PRC resident ID numbers (18 and 15 digits) and mobile numbers
// (+86, spaces, dashes, full-width digits) in every kind of field, nothing that looks like one is found in
// any table of the storage (SQLite file or PostgreSQL), in the server's complete log output (debug level), on the wall's display
// snapshot or the staff console's view, or in any export (history, staffing, monthly report and what-if as
// CSV and XLSX, the consistency CSV, the quarantine list, follow-ups, item lists and diffs). No bearer
// token appears in the logs. The scanner (test/fuzz/privacy-scan.ts) has its own patterns, independent of
// the server's detector.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HALL_ID_POOL } from "../fuzz/arbitraries.js";
import { formatFailures, FUZZ_HALL, ITEMS_HALL, runFuzz, type FuzzReport, type FuzzSession } from "../fuzz/run-fuzz.js";
import { personalNumbersIn, scanDatabase, scanStorage, scanSurfaces, scanText, shanghaiDate, tokensIn, type PrivacyFinding, type SurfaceScan } from "../fuzz/privacy-scan.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);
const SEED = Number(process.env.FUZZ_SEED ?? 7);

let session: FuzzSession;
let report: FuzzReport;
let surfaces: SurfaceScan;
const dbFindings: PrivacyFinding[] = [];
let dbStats: ReturnType<typeof scanDatabase>;

beforeAll(async () => {
  const r = await runFuzz({ runs: RUNS, seed: SEED, stopServer: false, logLevel: "debug" });
  session = r.session;
  report = r;
  dbStats = session.server.databaseUrl ? await scanStorage(session.server, dbFindings) : scanDatabase(session.server.dbFile, dbFindings);
  surfaces = await scanSurfaces({
    url: session.server.url,
    adminToken: session.adminToken,
    hallIds: [FUZZ_HALL, ITEMS_HALL, ...HALL_ID_POOL],
    staffTokens: Object.values(session.staffTokens),
    logs: session.server.output,
    tokens: r.tokens,
    today: shanghaiDate(Date.now()),
  });
}, 150_000);

afterAll(async () => {
  await session?.server.stop();
  session?.server.remove();
});

const show = (f: PrivacyFinding[]) => f.slice(0, 20).map((x) => `${x.where} [${x.kind}] ${x.match}: …${x.context}…`).join("\n");

describe("the privacy scanner itself", () => {
  it("finds every planted form, and not timestamps, hashes, decimals or masked values", () => {
    for (const s of ["13912345678", "+86 139 1234 5678", "86-13912345678", "139-1234-5678", "电话１３９１２３４５６７８", "11010519491231002X", "110105491231002", "T-13912345678", "tel:110105194912310021"])
      expect(personalNumbersIn(s), s).not.toEqual([]);
    for (const s of ["2026-11-25T09:31:05.120+08:00", "1795570265120", "a1b2c313912345678f", "1.955328351229114", "***********", "******************", "20261125", "ev-1234", "SB-001", "hp_13912345678abcdefghijklmnopqrstuvwxyzABCDEFG"])
      expect(personalNumbersIn(s), s).toEqual([]);
    const found: PrivacyFinding[] = [];
    scanText("x", '{"comment":"请拨打+86 139 1234 5678"}', found);
    expect(found).toHaveLength(1);
    expect(tokensIn("Bearer hp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", [])).toHaveLength(1);
  });
});

describe("after a fuzz run that plants personal numbers everywhere", () => {
  it("the fuzz run itself passed and did plant and refuse personal numbers", () => {
    expect(report.failures, formatFailures(report.failures)).toEqual([]);
    // every target got inputs with a planted personal number, and (no failures) refused every one of them
    for (const [target, c] of Object.entries(report.counts)) expect(c.planted, target).toBeGreaterThan(0);
    expect(report.database.quarantine).toBeGreaterThan(0);
  });

  it("no table of the storage holds one (every column of every row)", () => {
    expect(dbStats.tables).toBeGreaterThan(5);
    expect(dbStats.rows).toBeGreaterThan(report.database.events);
    expect(dbFindings, show(dbFindings)).toEqual([]);
  });

  it("no export, display snapshot, staff view or log line holds one", () => {
    expect(surfaces.looked.length).toBeGreaterThan(50);
    expect(surfaces.looked.some((l) => l.includes("xlsx"))).toBe(true);
    expect(surfaces.looked.some((l) => l.startsWith("display snapshot"))).toBe(true);
    expect(surfaces.looked.some((l) => l.startsWith("staff view"))).toBe(true);
    expect(surfaces.findings, show(surfaces.findings)).toEqual([]);
  });

  it("the logs are complete (debug level) and hold no bearer token", () => {
    expect(session.server.output).toContain("HallPulse is ready");
    expect(surfaces.tokensInLogs).toEqual([]);
  });

  it("the quarantine keeps the refused inputs, masked", async () => {
    const res = await fetch(`${session.server.url}/api/halls/${FUZZ_HALL}/quarantine?limit=500`, { headers: { authorization: `Bearer ${session.adminToken}` } });
    const { items } = (await res.json()) as { items: { field: string; error: string; payload: string }[] };
    const personal = items.filter((i) => i.error.includes("personal data is not accepted"));
    expect(personal.length).toBeGreaterThan(0);
    expect(personal.some((i) => i.payload.includes("*****"))).toBe(true);
  });
});
