// Formats a crash-loop report for people: printed by the integration test and by `npm run test:crash`,
// ending with the PASSED/FAILED line and, on failure, the command that replays the run.
import type { CrashLoopReport } from "./crash-loop-types.js";

/** The report as a few lines of text: the counts table, then each check. */
export function formatCrashLoopReport(r: CrashLoopReport): string {
  const rows: [string, string | number][] = [
    ["seed", r.seed],
    ["cycles (SIGKILL + restart)", `${r.kills}/${r.cycles}`],
    ["extra kills during a restart", r.bootKills],
    ["devices / displays", `${r.devices} / ${r.display.clients}`],
    ["events sent", r.events],
    ["events acked", r.acked],
    ["  accepted", r.accepted],
    ["  duplicate (ack lost, retried)", r.duplicates],
    ["retried after a kill / lost ack", `${r.retriedAfterLostAck} (duplicate ${r.lostAckDuplicates})`],
    ["replayed after restart", `${r.replayed} (duplicate ${r.replayedDuplicates})`],
    ["kills with events in flight", `${r.killsWithEventsInFlight}/${r.kills} (${r.eventsInFlightAtKills} events)`],
    ["rows in database", r.rowsInDb],
    ["rejected", r.rejected],
    ["LOST", r.lost],
    ["DOUBLED", r.doubled],
    ["integrity_check", r.integrity],
    ["display connections", r.display.connections],
    ["display snapshots / updates applied", `${r.display.snapshotsApplied} / ${r.display.updatesApplied}`],
    ["display applied twice / wrong base / gaps / stale", `${r.display.appliedTwice} / ${r.display.appliedOnWrongBase} / ${r.display.gaps} / ${r.display.staleUpdates}`],
    ["duration", `${(r.durationMs / 1000).toFixed(1)} s`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const lines = rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`);
  lines.push("", ...r.checks.map((c) => `  ${c.ok ? "ok  " : "FAIL"}  ${c.name} — ${c.detail}`));
  lines.push(
    "",
    `crash loop ${r.ok ? "PASSED" : "FAILED"}: cycles=${r.kills} acked=${r.acked} lost=${r.lost} doubled=${r.doubled} integrity=${r.integrity === "ok" ? "ok" : "FAILED"} seed=${r.seed}`,
  );
  if (!r.ok) lines.push(`replay with: ${r.replay}   (database kept in ${r.dir})`);
  return lines.join("\n");
}
