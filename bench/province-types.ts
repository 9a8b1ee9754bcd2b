// The shapes the province measurement (province.ts) passes between its parts — its halls, displays, started
// nodes, live phases and configuration runs — and the text helpers its log lines and rows share.
import type { Socket } from "socket.io-client";
import type { HallEvent } from "../contract/index.js";
import type { LoadResult } from "./load.js";
import type { GcMemory } from "./memory-hook.js";
import type { OverviewMatch } from "./overview-match.js";
import type { OverviewPolls, OverviewWatch } from "./overview-watch.js";
import type * as plan from "./province-plan.js";
import type { BenchServer } from "./server.js";
import type { Summary } from "./stats.js";

export type Ack = { ok: boolean; data?: { results: { status: string }[] } };

export interface Hall {
  index: number;
  id: string;
  deviceToken: string;
  displayToken: string;
  /** Today's whole simulated day (the live background's source) and where its busiest hour starts. */
  live: HallEvent[];
  liveStart: number;
}

export interface Display extends plan.WatchedDisplay {
  socket: Socket;
  changes: { at: number; state: string }[];
  disconnected: boolean;
}

export type { GcMemory };

export interface Started {
  nodes: BenchServer[];
  startMs: number[];
  rebuildMs: (number | null)[];
  /** When each node held its consistency facts, read after it was up (ms from its start, per its log). */
  consistencyMs: (number | null)[];
  /** RSS as it was after the settle, before the forced GC. */
  rssMiB: number[];
  gc: GcMemory[];
}

export interface PhaseRun {
  name: string;
  perHallPerSecond: number;
  offeredPerSecond: number;
  /** Probes the phase was to send, and those sent and accepted (or stored after a failed ack). */
  planned: number;
  probes: number;
  latency: plan.LocalCross;
  missedByNode: number[];
  wrongAtEndByNode: number[];
  endWaitMs: number;
  background: { offered: number; accepted: number; notAccepted: number; errors: number; ackMs: Summary; ackedPerSecond: number; seconds: number; sendingSeconds: number };
  rss: { node: number; samples: number[]; growth: ReturnType<typeof plan.thirdsGrowth> }[];
  /** Node CPU over the phase, % of one core. */
  cpuPercent: (number | null)[];
  clientLoopDelayMs: { p50: number; p99: number; max: number };
  load: { before: number[]; after: number[] };
  /** Each node's memory after a forced GC at the end of the phase (after the end check). */
  gcAtEnd: GcMemory[];
  failedProbes: Live["failed"];
  /** The province overview during the phase: probe → `/overview` push on every node, pushes' gaps, `GET /api/overview` timed. */
  overview: { push: OverviewMatch; gaps: Summary; polls: OverviewPolls };
  /** Each probe of the phase: where it went and how its hall's displays saw it (to tell one stall from a steady cost). */
  perProbe: { k: number; hall: number; node: number; atS: number; monoUs: number; ackMs: number | null; n: number; p50: number; max: number; crossMax: number | null }[];
}

export interface ConfigRun {
  nodes: number;
  label: string;
  heldEvents: number;
  empty: Omit<Started, "nodes">;
  loaded: Omit<Started, "nodes">;
  /** Loaded against empty: RSS after the forced GC, the main thread's V8 heap used after it, the RSS before it. */
  memory: { rss: plan.MemoryPerHall; heap: plan.MemoryPerHall; rssAsSeen: plan.MemoryPerHall };
  displaysPerNode: number[];
  displayDisconnects: number;
  phases: PhaseRun[];
  load: { beforeStart: number[]; afterStart: number[]; end: number[] };
}

export interface Live {
  urls: string[];
  nodes: BenchServer[];
  halls: Hall[];
  displays: Display[];
  devices: Socket[];
  probeSockets: Map<string, Socket>;
  cursors: { at: number; loop: number }[];
  /** Probes accepted (or found stored after a failed ack), with their send → ack time (null: ack failed). */
  sent: (plan.SentProbe & { k: number; ackMs: number | null; monoUs: number })[];
  /**
   * Probes whose ack failed or did not say accepted: reported, not retried. Whether each was stored after
   * all is read from the log at the end of the phase; a stored one counts as sent from then on.
   */
  failed: { k: number; id: string; phase: string; hall: number; node: number; at: number; monoUs: number; state: plan.ProbeState; afterMs: number; error: string; stored?: boolean }[];
  databaseUrl: string;
  tag: string;
  /** An overseer's token (every hall) and its `/overview` sockets, one per node. */
  overseerToken: string;
  overview: OverviewWatch | null;
}

/** The preload's outcome: the load's figures, the events stored, its shape, yesterday's rollups and the load average. */
export type Preload = LoadResult & { stored: number; shape: ReturnType<typeof plan.preloadShape>; rollups?: { ms: number; pending: number }; load: number[] };

export const label = (n: number) => `${n} node${n > 1 ? "s" : ""}`;
export const ms = (x: number) => `${Math.round(x)} ms`;
export const mibs = (xs: readonly number[]) => xs.map((x) => `${Math.round(x)} MiB`).join(", ");

export const slowest = (xs: PhaseRun["perProbe"]) =>
  [...xs]
    .sort((a, b) => b.max - a.max)
    .slice(0, 3)
    .map((p) => `${Math.round(p.max)} ms (hall ${p.hall + 1} via node ${p.node + 1} at ${Math.round(p.atS)} s, p50 ${Math.round(p.p50)}, ack ${p.ackMs === null ? "failed" : ms(p.ackMs)})`)
    .join(", ");
