// The crash loop (issue #7, durability): simulator-like devices send events over socket.io `/ingest`
// with acks and retries, and displays follow `/display` with reconnection on, while the server process
// is killed with SIGKILL at random (seeded) moments and restarted on the same SQLite file, over and over.
//
// What it proves, per run:
// - every event the server acknowledged is in the database exactly once — checked on the file itself
//   after every kill (the server down, the file as the crash left it) and at the end;
// - `PRAGMA integrity_check` is ok after every kill and at the end;
// - an acknowledgement lost to a kill is retried with the same ids and answered `duplicate`, never
//   counted twice; batches a device pretends it lost are resent after the next restart and must all be
//   `duplicate`;
// - after the last restart the server's figures equal those computed from the log alone;
// - the displays connected through the restarts hold exactly the server's snapshot and the live view of
//   GET /load, and none applied an update twice or on top of the wrong seq.
//
// This file is the driver (set up, kill cycle after cycle, finish the stream, compare, then the verdict);
// the parts it drives live beside it:
// - crash-loop-settings.ts  the options with their defaults, and the replay command;
// - crash-run.ts      what a run holds and counts (server, ledger, devices, displays, checks, kill tallies);
// - crash-setup.ts    the start: server, hall, tokens, the stream dealt to the devices, the kill moments;
// - kill-cycle.ts     one cycle: SIGKILL with batches in flight, check the file, maybe kill the restart, restart;
// - crash-verdict.ts  the final checks and the report;
// - event-stream.ts   the hall and its seeded event stream (the workload);
// - device.ts         an /ingest device that retries until acked and pretends to lose acks;
// - ledger.ts         what the devices were acknowledged, shared by all of them;
// - kill-during-boot.ts  a restart killed part-way through its start;
// - db-file-check.ts  integrity_check and the stored ids, read from the file as the crash left it;
// - display-checks.ts the /display clients' promises and their final comparison with the server;
// - view-compare.ts   JSON equality and a readable diff for failure details;
// - report-format.ts  the report as text; crash-loop-types.ts the options and report shapes.
//
// Used by test/integration/crash-loop.int.test.ts (a few cycles) and scripts/crash-loop.ts (any number,
// `npm run test:crash -- --cycles 200 [--seed S]`).
import { performance } from "node:perf_hooks";
import { Rng } from "../../simulator/random.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { figuresFromLog } from "../helpers/log-figures.js";
import type { CrashLoopOptions, CrashLoopReport } from "./crash-loop-types.js";
import { crashLoopSettings } from "./crash-loop-settings.js";
import { CrashRun } from "./crash-run.js";
import { setUpRun, type KillMoment } from "./crash-setup.js";
import { crashLoopReport, verdictChecks } from "./crash-verdict.js";
import { checkFile } from "./db-file-check.js";
import { compareDisplaysWithServer } from "./display-checks.js";
import { HALL } from "./event-stream.js";
import { killCycle } from "./kill-cycle.js";
import { deepEqual, diffSummary } from "./view-compare.js";
import { until } from "./wait.js";

// The public API, unchanged by the split: callers import everything from this file.
export type { CheckResult, CrashLoopOptions, CrashLoopReport, DisplayReport } from "./crash-loop-types.js";
export { crashStream } from "./event-stream.js";
export { formatCrashLoopReport } from "./report-format.js";

// ── the loop ─────────────────────────────────────────────────────────────────────────────────

export async function runCrashLoop(options: CrashLoopOptions): Promise<CrashLoopReport> {
  const began = performance.now();
  const s = crashLoopSettings(options);
  const rng = new Rng(s.seed);
  const run = new CrashRun(s.log);
  const { server, ledger, devices, displays } = run;

  try {
    const { firstStartMs, displayToken, startMs, killAt } = await setUpRun(run, s, rng);
    let lastRestartMs = firstStartMs;
    for (let cycle = 0; cycle < s.cycles; cycle++) lastRestartMs = await killCycle(run, s, rng, cycle, killAt[cycle] as KillMoment, lastRestartMs);

    // The rest of the stream, all sent and acknowledged after the last restart.
    ledger.allowance = Number.POSITIVE_INFINITY;
    await until(() => devices.every((d) => d.done), s.stepTimeout * 2, "devices to finish their streams", 10);
    await Promise.all(devices.map((d) => d.stop()));

    // ── displays: quiescence, then the held views against a fresh snapshot and GET /load ──
    const api = new Api(server.url, server.adminToken);
    const { displaysEqual, displayDetail } = await compareDisplaysWithServer({ url: server.url, displayToken, displays, displaysN: s.displays, api, stepTimeout: s.stepTimeout });
    run.check("displays equal the server's snapshot and live view", displaysEqual, displayDetail);

    // ── figures after the last restart equal those computed from the log alone ──
    const from = startMs - 40 * 60_000;
    const to = Date.now();
    const served = await api.load(HALL, { from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    const fromLog = figuresFromLog(server.dbFile, HALL, testHall, from, to);
    run.check(
      "figures after the last restart equal the log's",
      served.status === 200 && deepEqual(served.body, fromLog),
      served.status !== 200 ? `GET /load answered ${served.status}` : deepEqual(served.body, fromLog) ? "equal" : diffSummary(served.body, fromLog),
    );

    for (const d of displays) d.close();
    // One more SIGKILL, then the final file check on the file as that crash left it.
    await server.kill();
    run.final = checkFile(server.dbFile);
  } catch (err) {
    run.check("the loop ran to the end", false, err instanceof Error ? err.message : String(err));
  } finally {
    for (const d of devices) d.socket.disconnect();
    for (const d of displays) d.close();
    await server.stop().catch(() => {});
  }
  // The loop stopped early: still check the file as it was left.
  if (run.final === null) {
    try {
      run.final = checkFile(server.dbFile);
    } catch (err) {
      s.log(`the database file could not be checked: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  // ── the verdict ──
  const verdict = verdictChecks(run, s);
  const ok = run.checks.every((c) => c.ok);
  if (ok && !s.keepDir) server.remove();
  return crashLoopReport(run, s, verdict, ok, Math.round(performance.now() - began));
}
