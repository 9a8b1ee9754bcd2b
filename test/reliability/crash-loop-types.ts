// The crash loop's public shapes: what a caller may tune (CrashLoopOptions, defaults documented on each
// field) and what a run reports (CrashLoopReport, its DisplayReport and the named CheckResults).
// Re-exported from crash-loop.ts, which is what test/integration and scripts/ import.

export interface CrashLoopOptions {
  /** Kill/restart cycles (each: SIGKILL at a random moment, check the file, restart). */
  cycles: number;
  /** Ingest devices sending at once (default 4). */
  devices?: number;
  /** /display clients following the hall through the restarts (default 2, at least 2 recommended). */
  displays?: number;
  /** Seed of the event stream, the kill moments and the pretended ack losses (default: random). */
  seed?: number;
  /** Events sent between two kills, on average (default 120). */
  eventsPerCycle?: number;
  /** Largest batch a device sends (default 30). */
  batchMax?: number;
  /** Batches a device keeps awaiting their ack at once (default 2). */
  inFlight?: number;
  /**
   * Probability that a device, in a generation (the time between two kills), pretends to have lost one
   * ack it did receive and resends that batch after the next restart. One device per generation always
   * does (default 0.5).
   */
  ackLossRate?: number;
  /** Mean pause of a device between two batches, in ms (default 20). */
  paceMs?: number;
  /**
   * Probability that a restart is itself killed at a random moment of the server's start (migrations
   * check, rebuild of the live halls, …) before the real restart (default 0.2).
   */
  bootKillRate?: number;
  /** Per-step deadline in ms (waiting for devices, displays, health; default 60 000). */
  stepTimeoutMs?: number;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
  /** Keep the temp directory with the database (default: removed when every check passed). */
  keepDir?: boolean;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface DisplayReport {
  clients: number;
  /** Connections over all clients (each client: 1 + one per restart it followed). */
  connections: number;
  snapshotsApplied: number;
  updatesApplied: number;
  /** Updates received that were not applied because their seq was already held or passed (server resends). */
  staleUpdates: number;
  /** Updates received whose baseSeq was not the held seq (not applied, resync asked). */
  gaps: number;
  /** Updates applied a second time (same seq) — must be 0. */
  appliedTwice: number;
  /** Updates applied on top of another seq than their baseSeq — must be 0. */
  appliedOnWrongBase: number;
  /** Applied seqs not strictly increasing — must be 0. */
  seqRegressions: number;
}

export interface CrashLoopReport {
  seed: number;
  cycles: number;
  kills: number;
  /** Extra kills during a restart (not counted in `kills`). */
  bootKills: number;
  devices: number;
  /** Events in the generated stream. */
  events: number;
  /** Events the devices hold as acknowledged at the end (accepted or duplicate). */
  acked: number;
  /** Acked events whose first acknowledgement said `accepted`. */
  accepted: number;
  /** Acked events whose acknowledgement said `duplicate` (their earlier ack was lost or pretended lost). */
  duplicates: number;
  /** Events resent because an attempt got no ack (a kill, a disconnect or a timeout). */
  retriedAfterLostAck: number;
  /** … of those, acknowledged `duplicate`: committed before the kill, the ack lost with the process. */
  lostAckDuplicates: number;
  /** Events of batches a device pretended to have lost the ack of, resent after the next restart. */
  replayed: number;
  /** … of those, acknowledged `duplicate` (must equal `replayed`). */
  replayedDuplicates: number;
  rejected: number;
  /** Acknowledged events missing from the database (at any check) — must be 0. */
  lost: number;
  /** Events stored more than once, or acknowledged `accepted` twice — must be 0. */
  doubled: number;
  /** Rows in the database (this hall's events) at the end. */
  rowsInDb: number;
  /** Kills that happened with at least one batch awaiting its ack. */
  killsWithEventsInFlight: number;
  /** Events awaiting their ack at the kills, summed. */
  eventsInFlightAtKills: number;
  integrity: string;
  display: DisplayReport;
  checks: CheckResult[];
  ok: boolean;
  durationMs: number;
  /** The temp directory of the run (kept when a check failed or keepDir). */
  dir: string;
  /** The command that replays this run (same seed and stream parameters). */
  replay: string;
}
