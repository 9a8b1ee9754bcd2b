// Property-based fuzzing of every entry point against the real server process (test/fuzz/): HTTP events,
// /ingest, /staff, hall configuration and item-list imports, with valid inputs, near-valid mutations,
// planted personal numbers and garbage. A small run here; `npm run test:fuzz -- --runs 100000` for the
// full one. FUZZ_RUNS and FUZZ_SEED override the count and the seed (a failure prints its seed).
import { afterAll, describe, expect, it } from "vitest";
import { formatFailures, formatReport, runFuzz, TARGETS, type FuzzReport, type FuzzSession } from "../fuzz/run-fuzz.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261125);

let session: FuzzSession | null = null;
afterAll(async () => {
  await session?.server.stop();
  session?.server.remove();
});

describe("fuzzing every entry point of a real server", () => {
  let report: FuzzReport;

  it(`answers ${RUNS} generated inputs, each accepted, duplicate or refused naming a field`, async () => {
    const r = await runFuzz({ runs: RUNS, seed: SEED, stopServer: false });
    session = r.session;
    report = r;
    console.log(formatReport(r));
    expect(r.failures, `seed ${r.seed}\n${formatFailures(r.failures)}`).toEqual([]);
    for (const t of TARGETS) {
      expect(r.counts[t].inputs, t).toBeGreaterThan(0);
      expect(r.counts[t].rejected, `${t}: something was refused`).toBeGreaterThan(0);
      expect(r.counts[t].accepted + r.counts[t].duplicate, `${t}: something got through`).toBeGreaterThan(0);
      expect(r.counts[t].errors, t).toBe(0);
    }
    const total = TARGETS.reduce((a, t) => a + r.counts[t].inputs, 0);
    expect(total).toBeGreaterThanOrEqual(RUNS);
  }, 150_000);

  it("left only valid rows in the database, and both kinds of row", () => {
    // checkDatabase ran inside runFuzz (its findings are failures above); here: it did look at rows
    expect(report.database.events).toBeGreaterThan(0);
    expect(report.database.quarantine).toBeGreaterThan(0);
    expect(report.database.halls).toBeGreaterThan(2);
    expect(report.database.items).toBeGreaterThan(0);
  });

  it("kept the server alive and healthy", async () => {
    const res = await fetch(`${session?.server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(session?.server.output ?? "").not.toMatch(/unhandled ?rejection|uncaught ?exception/i);
  });
});
