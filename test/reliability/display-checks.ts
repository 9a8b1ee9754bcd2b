// The display side of the crash loop: what each /display client's records say about the promises a
// display makes through restarts (never an update applied twice, on the wrong base or out of order),
// and the final comparison of every held view with a fresh snapshot and with GET /load.
import type { Api } from "../helpers/api.js";
import { DisplayClient } from "../helpers/display-client.js";
import { stableFigures } from "../helpers/stable-figures.js";
import type { DisplayReport } from "./crash-loop-types.js";
import { HALL } from "./event-stream.js";
import { deepEqual, diffSummary } from "./view-compare.js";
import { sleep } from "./wait.js";

/** The display promises read from a client's records. */
function displayRecords(c: DisplayClient): Omit<DisplayReport, "clients" | "connections"> {
  let snapshotsApplied = 0;
  let updatesApplied = 0;
  let staleUpdates = 0;
  let gaps = 0;
  let appliedTwice = 0;
  let appliedOnWrongBase = 0;
  let seqRegressions = 0;
  const appliedUpdateSeqs = new Set<number>();
  let lastApplied = -Infinity;
  for (const m of c.received) {
    if (m.kind === "update" && m.outcome === "stale") staleUpdates += 1;
    if (m.kind === "update" && m.outcome === "gap") gaps += 1;
    if (m.outcome !== "applied") continue;
    if (m.message.seq <= lastApplied) seqRegressions += 1;
    lastApplied = m.message.seq;
    if (m.kind === "snapshot") {
      snapshotsApplied += 1;
      continue;
    }
    updatesApplied += 1;
    if (appliedUpdateSeqs.has(m.message.seq)) appliedTwice += 1;
    appliedUpdateSeqs.add(m.message.seq);
    if (m.message.baseSeq !== m.heldSeqBefore) appliedOnWrongBase += 1;
  }
  appliedTwice = Math.max(appliedTwice, c.duplicatesApplied);
  return { snapshotsApplied, updatesApplied, staleUpdates, gaps, appliedTwice, appliedOnWrongBase, seqRegressions };
}

/** The display promises summed over all clients, for the report. */
export function displaysReport(displays: readonly DisplayClient[]): DisplayReport {
  const perDisplay = displays.map(displayRecords);
  return {
    clients: displays.length,
    connections: displays.reduce((n, d) => n + d.connections, 0),
    snapshotsApplied: perDisplay.reduce((n, r) => n + r.snapshotsApplied, 0),
    updatesApplied: perDisplay.reduce((n, r) => n + r.updatesApplied, 0),
    staleUpdates: perDisplay.reduce((n, r) => n + r.staleUpdates, 0),
    gaps: perDisplay.reduce((n, r) => n + r.gaps, 0),
    appliedTwice: perDisplay.reduce((n, r) => n + r.appliedTwice, 0),
    appliedOnWrongBase: perDisplay.reduce((n, r) => n + r.appliedOnWrongBase, 0),
    seqRegressions: perDisplay.reduce((n, r) => n + r.seqRegressions, 0),
  };
}

/**
 * Once the devices are done: waits out the coalescing, then checks that every display held exactly a
 * fresh display's snapshot at its seq and now shows GET /load's live view. Up to 3 attempts, as the last
 * updates may still be on their way.
 */
export async function compareDisplaysWithServer(args: {
  url: string;
  displayToken: string;
  displays: readonly DisplayClient[];
  displaysN: number;
  api: Api;
  stepTimeout: number;
}): Promise<{ displaysEqual: boolean; displayDetail: string }> {
  const { url, displayToken, displays, displaysN, api, stepTimeout } = args;
  let displaysEqual = displaysN === 0;
  let displayDetail = displaysN === 0 ? "no displays" : "";
  for (let attempt = 1; attempt <= 3 && !displaysEqual; attempt++) {
    await sleep(800); // > the 250 ms coalescing: the last events are published
    const fresh = new DisplayClient({ url, token: displayToken, hallId: HALL, reconnection: false });
    try {
      await fresh.ready(stepTimeout);
      const snap = fresh.snapshots[0]?.message;
      if (!snap) throw new Error("fresh display got no snapshot");
      await Promise.all(displays.map((d) => d.waitFor((c) => c.seq !== null && c.seq >= snap.seq, stepTimeout, `display seq ≥ ${snap.seq}`)));
      const live = await api.load(HALL);
      const problems: string[] = [];
      displays.forEach((d, i) => {
        const held = d.viewAt(snap.seq);
        if (!held) problems.push(`display ${i + 1} never held seq ${snap.seq}`);
        else if (!deepEqual(held, snap.view)) problems.push(`display ${i + 1} at seq ${snap.seq} ≠ snapshot: ${diffSummary(held, snap.view)}`);
        const current = d.view;
        if (live.status !== 200) problems.push(`GET /load answered ${live.status}`);
        else if (!current || !deepEqual(stableFigures(current), stableFigures(live.body)))
          problems.push(`display ${i + 1} ≠ GET /load live view: ${current ? diffSummary(stableFigures(current), stableFigures(live.body)) : "no view"}`);
      });
      displaysEqual = problems.length === 0;
      displayDetail = displaysEqual ? `${displaysN} displays equal the snapshot at seq ${snap.seq} and GET /load` : `attempt ${attempt}: ${problems.join(" | ")}`;
    } finally {
      fresh.close();
    }
  }
  return { displaysEqual, displayDetail };
}
