// Property-based fuzzing of every entry point of a REAL server process: HTTP events, socket.io /ingest,
// /staff actions, hall configuration (PUT /api/halls/:hallId) and item-list imports (CSV incl. GBK, XLSX,
// JSON). Inputs come from fast-check (test/fuzz/arbitraries.ts), deterministic for a seed.
//
// Pass criteria, checked for every input and at the end:
//   - every input is answered: accepted, duplicate, or rejected naming a field (events, staff), or an
//     HTTP 2xx / 4xx with `error.field` or a clear code (halls, items); never a 5xx, never silence;
//   - "valid" inputs are accepted (or duplicate), inputs with a planted personal number are refused, and
//     nothing is accepted that the contract's schema refuses or that holds a personal number;
//   - the server process stays alive and healthy, and its output shows no unhandled rejection or
//     uncaught exception;
//   - afterwards the storage (SQLite file or PostgreSQL) holds only valid rows: every stored event re-parses with the contract's
//     schema (and its tsMs is its ts), every quarantine row names a field, every hall configuration and
//     stored item re-parses.
//
// This module runs the targets (target-*.ts) side by side and then the after-run checks
// (after-run-checks.ts); it also gathers, under the one import path the integration tests and
// scripts/fuzz.ts use, what they need from the other files.
import { checkServerDatabase, checkServerHealth } from "./after-run-checks.js";
import { startFuzzSession, type FuzzSession } from "./fuzz-session.js";
import { emptyCounts, TARGETS, type Counts, type FuzzFailure, type FuzzReport, type TargetName } from "./report-types.js";
import { fuzzHttpEvents } from "./target-events.js";
import { fuzzHalls } from "./target-halls.js";
import { fuzzIngestSocket } from "./target-ingest.js";
import { fuzzItems } from "./target-items.js";
import { fuzzStaff } from "./target-staff.js";

export { checkDatabase, checkServerDatabase, checkServerHealth } from "./after-run-checks.js";
export { FUZZ_HALL, fuzzHall, ITEMS_HALL, startFuzzSession, type FuzzSession } from "./fuzz-session.js";
export { formatFailures, formatReport } from "./report-format.js";
export { TARGETS, type Counts, type FuzzFailure, type FuzzReport, type TargetName } from "./report-types.js";

/** Share of the runs each target gets when several run (items and halls are the slow ones per input). */
const WEIGHTS: Record<TargetName, number> = { events: 0.45, ingest: 0.3, staff: 0.15, halls: 0.05, items: 0.05 };

export interface FuzzOptions {
  runs: number;
  seed?: number;
  targets?: readonly TargetName[];
  /** Stop the server at the end (default true). When false the caller owns `server` and must stop it. */
  stopServer?: boolean;
  logLevel?: string;
  onProgress?: (line: string) => void;
}

export function splitRuns(runs: number, targets: readonly TargetName[]): Record<TargetName, number> {
  const total = targets.reduce((s, t) => s + WEIGHTS[t], 0);
  const out = Object.fromEntries(TARGETS.map((t) => [t, 0])) as Record<TargetName, number>;
  for (const t of targets) out[t] = Math.max(1, Math.round((runs * WEIGHTS[t]) / total));
  return out;
}

export async function runFuzz(opts: FuzzOptions & { session?: FuzzSession }): Promise<FuzzReport & { session: FuzzSession }> {
  const seed = opts.seed ?? (Date.now() % 2 ** 31);
  const targets = opts.targets ?? TARGETS;
  const session = opts.session ?? (await startFuzzSession(opts.logLevel));
  const started = Date.now();
  const failures: FuzzFailure[] = [];
  const counts = Object.fromEntries(TARGETS.map((t) => [t, emptyCounts()])) as Record<TargetName, Counts>;
  const ms = Object.fromEntries(TARGETS.map((t) => [t, 0])) as Record<TargetName, number>;
  const split = splitRuns(opts.runs, targets);
  const progress = opts.onProgress ?? (() => {});

  const runners: Record<TargetName, () => Promise<void>> = {
    events: () => fuzzHttpEvents(session, split.events, seed, counts.events, failures),
    ingest: () => fuzzIngestSocket(session, split.ingest, seed, counts.ingest, failures),
    staff: () => fuzzStaff(session, split.staff, seed, counts.staff, failures),
    halls: () => fuzzHalls(session, split.halls, seed, counts.halls, failures),
    items: () => fuzzItems(session, split.items, seed, counts.items, failures),
  };
  const ticker = setInterval(() => {
    const line = targets.map((t) => `${t} ${counts[t].inputs}/${split[t]}`).join("  ");
    progress(`[${Math.round((Date.now() - started) / 1000)} s] ${line}`);
  }, 10_000);
  try {
    await Promise.all(
      targets.map(async (t) => {
        const t0 = Date.now();
        try {
          await runners[t]();
        } catch (err) {
          failures.push({ target: t, index: -1, problem: `the fuzzer stopped: ${err instanceof Error ? err.stack ?? err.message : String(err)}`, how: "", input: "" });
        }
        ms[t] = Date.now() - t0;
      }),
    );
  } finally {
    clearInterval(ticker);
  }

  failures.push(...(await checkServerHealth(session.server)));
  const database = await checkServerDatabase(session.server, failures);
  const tokens = [session.adminToken, session.deviceToken, ...Object.values(session.staffTokens)];
  if (opts.stopServer !== false) await session.server.stop();
  return { seed, runs: opts.runs, counts, ms, totalMs: Date.now() - started, failures, database, tokens, session };
}
