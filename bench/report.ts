// The shape every measurement returns, and the table the runner prints.
import { round } from "./stats.js";

export interface Row {
  /** Which measurement (ingest, event-to-wall, …). */
  bench: string;
  /** What this row measures. */
  figure: string;
  value: number;
  unit: string;
  /** The reference measured in the same run (or a fixed budget when stated). */
  baseline?: { name: string; value: number } | undefined;
  /** value / baseline.value. */
  ratio?: number | null | undefined;
  /** The issue's target for this figure, in words. */
  target?: string | undefined;
  /** Whether the target is met; null when the row has no target. */
  met?: boolean | null | undefined;
  note?: string | undefined;
}

export interface BenchResult {
  name: string;
  rows: Row[];
  /** Everything else worth keeping (samples, settings, per-query figures). */
  details: Record<string, unknown>;
  ms: number;
}

export interface BenchContext {
  quick: boolean;
  log(msg: string): void;
}

const fmt = (x: number | null | undefined, unit = ""): string => {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  return `${round(x).toLocaleString("en-US")}${unit ? ` ${unit}` : ""}`;
};

export function tableLines(rows: readonly Row[], markdown: boolean): string[] {
  const header = ["bench", "figure", "value", "baseline (same run)", "ratio", "target", "met"];
  const body = rows.map((r) => [
    r.bench,
    r.figure,
    fmt(r.value, r.unit),
    r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value, r.unit)}` : "–",
    r.ratio === null || r.ratio === undefined ? "–" : `${round(r.ratio)}×`,
    r.target ?? "–",
    r.met === true ? "yes" : r.met === false ? "**NO**" : "–",
  ]);
  if (markdown) {
    return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...body.map((b) => `| ${b.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`)];
  }
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map((b) => line(b.map((c) => c.replace(/\*\*/g, ""))))];
}
