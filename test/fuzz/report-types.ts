// The targets and the shape of a fuzz run's report: per-target counts, failures, what the storage held.
// Shared by the runner, the target drivers, the checks and the formatting.
export const TARGETS = ["events", "ingest", "staff", "halls", "items"] as const;
export type TargetName = (typeof TARGETS)[number];

export interface Counts {
  inputs: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  errors: number;
  /** Inputs with a planted personal number (each must have been refused). */
  planted: number;
}
export interface FuzzFailure {
  target: TargetName | "server" | "database";
  index: number;
  problem: string;
  how: string;
  input: string;
}
export interface FuzzReport {
  seed: number;
  runs: number;
  counts: Record<TargetName, Counts>;
  ms: Record<TargetName, number>;
  totalMs: number;
  failures: FuzzFailure[];
  database: { events: number; quarantine: number; halls: number; items: number };
  /** Tokens created for the run (for the privacy scan of the logs). */
  tokens: string[];
}

export const emptyCounts = (): Counts => ({ inputs: 0, accepted: 0, duplicate: 0, rejected: 0, errors: 0, planted: 0 });
