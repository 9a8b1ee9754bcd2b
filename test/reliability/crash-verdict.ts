// The crash loop's verdict once the run is over: the named checks over the ledger, the file as the last
// crash left it and the displays' records (nothing lost, nothing doubled, integrity ok, lost acks answered
// `duplicate`, kills with events in flight, displays that followed every restart), and the report.
import type { CrashLoopReport, DisplayReport } from "./crash-loop-types.js";
import { replayCommand, type CrashLoopSettings } from "./crash-loop-settings.js";
import type { CrashRun } from "./crash-run.js";
import { displaysReport } from "./display-checks.js";

/** The figures the checks found, for the report. */
export interface Verdict {
  lost: number;
  doubled: number;
  /** "ok", or every integrity failure seen at a kill and at the end. */
  integrity: string;
  display: DisplayReport;
}

/** Adds the final checks to `run.checks` (after those the loop made) and returns their figures. */
export function verdictChecks(run: CrashRun, s: CrashLoopSettings): Verdict {
  const { ledger, events, final, displays, kills } = run;
  const check = run.check.bind(run);
  const idsSent = new Set(events.map((e) => e.id));
  const lostAtEnd = final ? [...ledger.serverAcked].filter((id) => !final?.ids.has(id)) : [];
  const unknownRows = final ? [...final.ids].filter((id) => !idsSent.has(id)) : [];
  const lost = run.lostAtKills + lostAtEnd.length;
  const doubledRows = Math.max(run.doubledAtKills, final?.doubled ?? 0);
  const doubled = doubledRows + ledger.acceptedTwice.size;
  const integrity = final ? final.integrity : "not checked";
  const allIntegrity = run.integrityFailures.length === 0 && integrity === "ok";

  if (!run.checks.some((c) => c.name === "the loop ran to the end")) check("the loop ran to the end", true, `${kills} kills`);
  check("every event acknowledged", ledger.acked.size === events.length, `${ledger.acked.size}/${events.length}`);
  check("no event rejected", ledger.rejected.length === 0, ledger.rejected.slice(0, 3).map((r) => `${r.id}: ${r.error}`).join("; ") || "none");
  check("no acknowledged event lost", final !== null && lost === 0, `lost=${lost} (at kills ${run.lostAtKills}, at end ${lostAtEnd.length}${lostAtEnd.length ? `: ${lostAtEnd.slice(0, 5).join(", ")}` : ""})`);
  check(
    "no event doubled",
    final !== null && doubled === 0 && unknownRows.length === 0 && final.rows === events.length,
    `doubled=${doubled} (event ids stored twice ${doubledRows}, accepted twice ${ledger.acceptedTwice.size}); rows=${final?.rows ?? "?"} events=${events.length} unknown=${unknownRows.length}`,
  );
  check("integrity_check ok after every kill and at the end", allIntegrity, [...run.integrityFailures, `end: ${integrity}`].join("; "));
  check(
    "acks lost to a kill come back as duplicate",
    ledger.unexpectedDuplicates.length === 0 && ledger.replayedNotDuplicate.length === 0 && (s.cycles === 0 || ledger.replayed > 0),
    `replayed=${ledger.replayed} duplicate=${ledger.replayedDuplicates} not-duplicate=${ledger.replayedNotDuplicate.length}; retried after a lost ack=${ledger.retriedAfterLostAck} (duplicate ${ledger.lostAckDuplicates}); unexpected duplicates=${ledger.unexpectedDuplicates.length}`,
  );
  check(
    "kills land with events in flight",
    kills === 0 || run.killsWithEventsInFlight * 2 >= kills,
    `${run.killsWithEventsInFlight}/${kills} kills with events awaiting their ack (${run.eventsInFlightAtKills} events)`,
  );

  const display: DisplayReport = displaysReport(displays);
  if (s.displays > 0) {
    check(
      "displays never applied an update twice",
      display.appliedTwice === 0 && display.appliedOnWrongBase === 0 && display.seqRegressions === 0 && display.staleUpdates === 0,
      `applied twice=${display.appliedTwice} on a wrong base=${display.appliedOnWrongBase} seq regressions=${display.seqRegressions} resent (stale)=${display.staleUpdates}`,
    );
    check(
      "displays followed every restart",
      displays.every((d) => d.connections >= kills + 1),
      displays.map((d, i) => `display ${i + 1}: ${d.connections} connections`).join(", "),
    );
  }
  return { lost, doubled, integrity: allIntegrity ? "ok" : [...run.integrityFailures, `end: ${integrity}`].join("; "), display };
}

/** The report of a finished run. */
export function crashLoopReport(run: CrashRun, s: CrashLoopSettings, v: Verdict, ok: boolean, durationMs: number): CrashLoopReport {
  const { ledger } = run;
  const statuses = [...ledger.acked.values()];
  return {
    seed: s.seed,
    cycles: s.cycles,
    kills: run.kills,
    bootKills: run.bootKills,
    devices: s.devices,
    events: run.events.length,
    acked: ledger.acked.size,
    accepted: statuses.filter((st) => st === "accepted").length,
    duplicates: statuses.filter((st) => st === "duplicate").length,
    retriedAfterLostAck: ledger.retriedAfterLostAck,
    lostAckDuplicates: ledger.lostAckDuplicates,
    replayed: ledger.replayed,
    replayedDuplicates: ledger.replayedDuplicates,
    rejected: ledger.rejected.length,
    lost: v.lost,
    doubled: v.doubled,
    rowsInDb: run.final?.rows ?? -1,
    killsWithEventsInFlight: run.killsWithEventsInFlight,
    eventsInFlightAtKills: run.eventsInFlightAtKills,
    integrity: v.integrity,
    display: v.display,
    checks: run.checks,
    ok,
    durationMs,
    dir: run.server.dir,
    replay: replayCommand(s),
  };
}
