// Text output of a run for the CLI and the test log: the table of counts, and the first failures.
import { TARGETS, type FuzzFailure, type FuzzReport } from "./report-types.js";

/** A table of the counts, for the CLI and test output. */
export function formatReport(r: FuzzReport): string {
  const head = ["target", "inputs", "accepted", "duplicate", "rejected", "errors", "planted PII", "seconds"];
  const rows = TARGETS.filter((t) => r.counts[t].inputs > 0).map((t) => [t, r.counts[t].inputs, r.counts[t].accepted, r.counts[t].duplicate, r.counts[t].rejected, r.counts[t].errors, r.counts[t].planted, (r.ms[t] / 1000).toFixed(1)].map(String));
  const total = TARGETS.reduce((a, t) => a + r.counts[t].inputs, 0);
  rows.push(["total", String(total), ...(["accepted", "duplicate", "rejected", "errors", "planted"] as const).map((k) => String(TARGETS.reduce((a, t) => a + r.counts[t][k], 0))), (r.totalMs / 1000).toFixed(1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ");
  return [line(head), ...rows.map(line), `seed ${r.seed}; database: ${r.database.events} events, ${r.database.quarantine} quarantined, ${r.database.halls} halls, ${r.database.items} items`].join("\n");
}

export function formatFailures(failures: readonly FuzzFailure[], max = 30): string {
  return failures
    .slice(0, max)
    .map((f) => `- [${f.target}#${f.index}] ${f.problem}${f.how ? `\n    how: ${f.how}` : ""}${f.input ? `\n    input: ${f.input}` : ""}`)
    .join("\n");
}
