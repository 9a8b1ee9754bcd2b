// Durability (issue #7): devices send events over /ingest with acks and retries and two displays follow
// /display with reconnection on, while the server process is killed with SIGKILL at random (seeded)
// moments and restarted on the same SQLite file. Every acknowledged event is stored exactly once (read
// from the file itself after every kill), integrity_check is ok, acks lost to a kill come back as
// `duplicate`, the figures after the last restart equal the log's, and the displays end equal to the
// server's snapshot without ever applying an update twice.
//
// A few cycles here; any number on demand: `npm run test:crash -- --cycles 200`. A failure prints its
// seed: replay it with `npm run test:crash -- --cycles N --seed S` (or CRASH_SEED=S for this file).
import { describe, expect, it } from "vitest";
import { formatCrashLoopReport, runCrashLoop } from "../reliability/crash-loop.js";

const CYCLES = Number(process.env.CRASH_CYCLES ?? 4);
const SEED = process.env.CRASH_SEED === undefined ? undefined : Number(process.env.CRASH_SEED);

describe("crash loop: SIGKILL during ingest and display", () => {
  it(
    `loses no acknowledged event, doubles none, and the displays end equal to the server (${CYCLES} cycles)`,
    async () => {
      const report = await runCrashLoop({ cycles: CYCLES, devices: 4, displays: 2, ...(SEED !== undefined ? { seed: SEED } : {}) });
      console.info(formatCrashLoopReport(report));

      const failed = report.checks.filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail}`);
      expect(failed, `replay with: ${report.replay}`).toEqual([]);
      expect(report.kills).toBe(CYCLES);
      expect(report.acked).toBe(report.events);
      expect(report.lost).toBe(0);
      expect(report.doubled).toBe(0);
      expect(report.rejected).toBe(0);
      expect(report.rowsInDb).toBe(report.events);
      expect(report.integrity).toBe("ok");
      // Duplicates retried after a kill (the ack lost) were acknowledged as duplicate, never counted twice.
      expect(report.replayed).toBeGreaterThan(0);
      expect(report.replayedDuplicates).toBe(report.replayed);
      expect(report.accepted + report.duplicates).toBe(report.events);
      // Displays: followed every restart, never applied an update twice or on the wrong base.
      expect(report.display.clients).toBe(2);
      expect(report.display.connections).toBeGreaterThanOrEqual(2 * (CYCLES + 1));
      expect(report.display.appliedTwice).toBe(0);
      expect(report.display.appliedOnWrongBase).toBe(0);
      expect(report.display.seqRegressions).toBe(0);
      expect(report.checks.find((c) => c.name === "displays equal the server's snapshot and live view")?.ok).toBe(true);
      expect(report.checks.find((c) => c.name === "figures after the last restart equal the log's")?.ok).toBe(true);
    },
    150_000,
  );
});
