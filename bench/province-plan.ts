// Pure arithmetic of the province measurement (bench/province.ts): the halls and their ids, which node each
// hall's device, displays and probes use, the per-hall event schedule at a rate, the matching of probes to
// the displays' state changes grouped local vs cross-node, and the memory-per-hall figures. No I/O, no
// clock (times are passed in); unit-tested in province-plan.test.ts.
import { localDate } from "../contract/index.js";
import { addDays } from "../simulator/local-time.js";
import { summariesPerNode } from "./scale-out-plan.js";
import { summarize, type Summary } from "./stats.js";

export const DISPLAYS_PER_HALL = 20;

/** Halls of the measurement: BENCH_PROVINCE_HALLS when set, else 60 (the province of issue #11) or 12 quick. */
export function provinceHalls(raw: string | undefined, quick: boolean): number {
  if (raw === undefined || raw.trim() === "") return quick ? 12 : 60;
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new Error(`BENCH_PROVINCE_HALLS must be a whole number 1–999, got "${raw}"`);
  return n;
}

/** Node configurations, in order: BENCH_PROVINCE_NODES="1,2" (the default); each 1–8. The first is the baseline. */
export function provinceNodeCounts(raw: string | undefined): number[] {
  if (raw === undefined || raw.trim() === "") return [1, 2];
  const counts = raw.split(",").map((x) => Number(x.trim()));
  if (counts.length === 0 || counts.some((n) => !Number.isInteger(n) || n < 1 || n > 8)) throw new Error(`BENCH_PROVINCE_NODES must list node counts 1–8, got "${raw}"`);
  return counts;
}

/**
 * Where a hall's displays connect: "hall" — all on one node, as the reference nginx places walls that name
 * their hall, the default; "spread" — round-robin over the nodes within each hall, the worst case, where
 * every node computes every hall (BENCH_PROVINCE_PLACEMENT).
 */
export type DisplayPlacement = "hall" | "spread";

export function displayPlacement(raw: string | undefined): DisplayPlacement {
  if (raw === undefined || raw.trim() === "") return "hall";
  const p = raw.trim();
  if (p !== "hall" && p !== "spread") throw new Error(`BENCH_PROVINCE_PLACEMENT must be "hall" or "spread", got "${raw}"`);
  return p;
}

/** The multiple of the peak rate of the heavier live variant: BENCH_PROVINCE_HEAVY (default 10; 0 skips it). */
export function heavyFactor(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === "") return 10;
  const n = Number(raw.trim());
  if (!Number.isFinite(n) || n < 0 || n > 1000) throw new Error(`BENCH_PROVINCE_HEAVY must be a number 0–1000, got "${raw}"`);
  return n;
}

/** "prov-01" … : zero-padded so that the ids sort as the halls are numbered. */
export function hallIds(count: number): string[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `prov-${String(i + 1).padStart(width, "0")}`);
}

/** The simulator seed of hall `index` (0-based): distinct per hall, so that the halls' days differ. */
export function hallSeed(index: number): number {
  return 1000 + index;
}

/**
 * The day before yesterday, yesterday and today as local dates of `timeZone` at `nowMs`: the days the
 * 48 hours before `nowMs` (the history the nodes keep live) fall in.
 */
export function historyDates(nowMs: number, timeZone: string): { dayBefore: string; yesterday: string; today: string } {
  const today = localDate(nowMs, timeZone);
  return { dayBefore: addDays(today, -2), yesterday: addDays(today, -1), today };
}

/** The hour of the halls' day a province run starts at (their busy afternoon): see provinceZone. */
export const PROVINCE_LOCAL_HOUR = 15;

/**
 * A fixed-offset zone (no summer time) in which `nowMs` falls in hour `localHour` of the day: the province's
 * halls are placed there so that a run at any time of day meets them at the same point of their day — in
 * Asia/Shanghai a run at 01:20 local found today just begun and half the events in the halls' memory of a
 * run at 22:27, and their figures could not be compared (performance.md §8, session 19). `Etc/GMT` zones
 * count the other way: Etc/GMT-8 is UTC+8.
 */
export function provinceZone(nowMs: number, localHour = PROVINCE_LOCAL_HOUR): string {
  let offset = (((localHour - new Date(nowMs).getUTCHours()) % 24) + 24) % 24;
  if (offset > 11) offset -= 24;
  return offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/** Event and ticket id prefixes of a hall's simulated day: distinct per hall and date. */
export function dayPrefixes(hallId: string, date: string): { idPrefix: string; ticketIdPrefix: string } {
  return { idPrefix: hallId, ticketIdPrefix: `${hallId}-${date}` };
}

/**
 * The preload's shape: one device socket per hall (a device token names one hall), with the batches in
 * flight shared out so that about `inFlightTotal` are in flight in all, as the ingest measurement's 16 × 4.
 */
export function preloadShape(halls: number, inFlightTotal = 64, batchSize = 100): { devices: number; inFlight: number; batchSize: number } {
  if (!Number.isInteger(halls) || halls < 1) throw new Error(`halls must be a positive integer, got ${halls}`);
  return { devices: halls, inFlight: Math.max(1, Math.round(inFlightTotal / halls)), batchSize };
}

/** The node (0-based) of hall `hall`'s device socket: round-robin by hall, as nginx spreads halls' LANs. */
export function deviceNode(hall: number, nodes: number): number {
  if (!Number.isInteger(nodes) || nodes < 1) throw new Error(`nodes must be a positive integer, got ${nodes}`);
  return hall % nodes;
}

/**
 * The node of each of hall `hall`'s displays. "spread": round-robin within the hall, starting at the
 * hall's index so that the province's totals stay within one of each other when `perHall` is not a
 * multiple of `nodes`. "hall": all on one node, ⌊hall / N⌋ mod N — blocks of N halls per node, so that the
 * probes (sent to node hall + round, `probeAt`) reach both their hall's node and the others in every
 * phase, not all local in one phase and all cross-node in the next.
 */
export function displayNodes(hall: number, perHall: number, nodes: number, placement: DisplayPlacement = "spread"): number[] {
  if (!Number.isInteger(nodes) || nodes < 1) throw new Error(`nodes must be a positive integer, got ${nodes}`);
  return Array.from({ length: Math.max(0, perHall) }, (_, j) => (placement === "hall" ? Math.floor(hall / nodes) % nodes : (hall + j) % nodes));
}

export type ProbeState = "paused" | "open";

export interface ProbeStep {
  hall: number;
  /** The node the probe is sent to. */
  node: number;
  /** How many probes this hall had before this one. */
  round: number;
  state: ProbeState;
  type: "window.paused" | "window.resumed";
}

/**
 * Probe `k` (0-based, one a second): the next hall in turn, sent to a node in turn. The node shifts by one
 * every round of the halls (node = hall + round), so that consecutive probes go to different nodes and a
 * hall's successive probes too, whatever the numbers of halls and nodes. A hall's probes alternate paused / open, paused first
 * (its probe window is opened before the first probe).
 */
export function probeAt(k: number, halls: number, nodes: number): ProbeStep {
  if (!Number.isInteger(halls) || halls < 1) throw new Error(`halls must be a positive integer, got ${halls}`);
  if (!Number.isInteger(nodes) || nodes < 1) throw new Error(`nodes must be a positive integer, got ${nodes}`);
  const round = Math.floor(k / halls);
  const paused = round % 2 === 0;
  return { hall: k % halls, node: ((k % halls) + round) % nodes, round, state: paused ? "paused" : "open", type: paused ? "window.paused" : "window.resumed" };
}

/** The distinct (hall, node) pairs probes `from` … `from + count − 1` use: the probe sockets to connect. */
export function probePairs(from: number, count: number, halls: number, nodes: number): { hall: number; node: number }[] {
  const seen = new Map<string, { hall: number; node: number }>();
  for (let k = from; k < from + count; k++) {
    const p = probeAt(k, halls, nodes);
    seen.set(`${p.hall}/${p.node}`, { hall: p.hall, node: p.node });
  }
  return [...seen.values()];
}

/**
 * Events a hall owes at `elapsedMs` into a phase at `perSecond`, with its phase offset (0 ≤ phase < 1, in
 * events): the halls' sends are staggered instead of all falling in the same tick. Never negative.
 */
export function owedEvents(elapsedMs: number, perSecond: number, phase: number): number {
  return Math.max(0, Math.floor((Math.max(0, elapsedMs) / 1000) * perSecond + phase));
}

/** Hall `hall`'s phase offset among `halls`: evenly spread over [0, 1). */
export function hallPhase(hall: number, halls: number): number {
  return halls > 0 ? (hall % halls) / halls : 0;
}

/**
 * The index of the first event of the busiest clock hour (UTC hours: a whole-hour offset zone has the same
 * hours) in a day's timestamps sorted ascending: the live background starts there, so that a hall sends
 * what its peak hour holds (calls, services), not the morning's window openings. 0 when empty.
 */
export function busiestHourStart(sortedTimestampsMs: readonly number[]): number {
  const counts = new Map<number, { first: number; n: number }>();
  sortedTimestampsMs.forEach((t, i) => {
    const h = Math.floor(t / 3_600_000);
    const c = counts.get(h);
    if (c) c.n++;
    else counts.set(h, { first: i, n: 1 });
  });
  let best: { first: number; n: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best?.first ?? 0;
}

export interface SentProbe {
  hall: number;
  node: number;
  /** Send time (ms, any monotonic clock shared with the displays' change times). */
  at: number;
  state: ProbeState;
  phase: string;
}

export interface WatchedDisplay {
  hall: number;
  node: number;
  /** Each change of the probe window's state the display saw, in time order. */
  changes: readonly { at: number; state: string }[];
}

export interface ProbeSample {
  /** Index of the probe in the list given to matchProbes. */
  probe: number;
  phase: string;
  /** The node the display is on. */
  displayNode: number;
  /** The node that took the probe. */
  probeNode: number;
  ms: number;
}

export interface ProbeMatch {
  samples: ProbeSample[];
  /** probe × display pairs of each phase where the display never showed the probe's state in time, per display node. */
  missed: Record<string, number[]>;
}

/**
 * Send → display for every probe × display of the probe's hall: the display's first change to the probe's
 * state at or after the send and before the hall's next probe + `graceMs` (as bench/cluster-probe.ts).
 */
export function matchProbes(probes: readonly SentProbe[], displays: readonly WatchedDisplay[], nodes: number, graceMs = 1000): ProbeMatch {
  const byHall = new Map<number, { p: SentProbe; i: number }[]>();
  probes.forEach((p, i) => byHall.set(p.hall, [...(byHall.get(p.hall) ?? []), { p, i }]));
  for (const list of byHall.values()) list.sort((a, b) => a.p.at - b.p.at);
  const samples: ProbeSample[] = [];
  const missed: Record<string, number[]> = {};
  for (const p of probes) missed[p.phase] ??= Array.from({ length: nodes }, () => 0);
  for (const d of displays) {
    const list = byHall.get(d.hall) ?? [];
    list.forEach(({ p, i }, k) => {
      const until = (list[k + 1]?.p.at ?? Infinity) + graceMs;
      const c = d.changes.find((x) => x.at >= p.at && x.state === p.state && x.at < until);
      if (c) samples.push({ probe: i, phase: p.phase, displayNode: d.node, probeNode: p.node, ms: c.at - p.at });
      else {
        const row = missed[p.phase] as number[];
        row[d.node] = (row[d.node] ?? 0) + 1;
      }
    });
  }
  return { samples, missed };
}

export interface LocalCross {
  all: Summary;
  /** Displays on the node that took the probe. */
  local: Summary;
  /** Displays on any other node: commit → NOTIFY → log follower → coalesced flush. Empty with one node. */
  cross: Summary;
  /** By the display's node. */
  byNode: Summary[];
}

/** Percentiles of the merged samples (not means of percentiles), split local vs cross-node. */
export function groupLocalCross(samples: readonly ProbeSample[], nodes: number): LocalCross {
  const byNode = summariesPerNode(
    samples.map((s) => ({ node: s.displayNode, ms: s.ms })),
    nodes,
  );
  return {
    all: summarize(samples.map((s) => s.ms)),
    local: summarize(samples.filter((s) => s.displayNode === s.probeNode).map((s) => s.ms)),
    cross: summarize(samples.filter((s) => s.displayNode !== s.probeNode).map((s) => s.ms)),
    byNode,
  };
}

/** The state each hall's probe window should show at the end: its last probe's, or open when never probed. */
export function expectedEndStates(probes: readonly SentProbe[], halls: number): ProbeState[] {
  const out: ProbeState[] = Array.from({ length: halls }, () => "open");
  const lastAt: number[] = Array.from({ length: halls }, () => -Infinity);
  for (const p of probes)
    if (p.at >= (lastAt[p.hall] ?? -Infinity)) {
      lastAt[p.hall] = p.at;
      out[p.hall] = p.state;
    }
  return out;
}

/** Displays, per node, whose last seen state is not their hall's expected end state (a real loss). */
export function wrongAtEnd(displays: readonly WatchedDisplay[], expected: readonly ProbeState[], nodes: number): number[] {
  const out = Array.from({ length: nodes }, () => 0);
  for (const d of displays) if (d.changes.at(-1)?.state !== expected[d.hall]) out[d.node] = (out[d.node] ?? 0) + 1;
  return out;
}

export interface MemoryPerHall {
  loadedMeanMiB: number;
  emptyMeanMiB: number;
  /** loaded / empty. */
  ratio: number;
  /** loaded − empty, MiB per node. */
  deltaMiB: number;
  perHallMiB: number;
  /** KB (1,000 bytes) of RSS per event held in the 48-hour live state. */
  perEventKB: number;
}

/** RSS of nodes with the province loaded against nodes with the same halls and no events. */
export function memoryPerHall(loadedMiB: readonly number[], emptyMiB: readonly number[], halls: number, heldEvents: number): MemoryPerHall {
  const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
  const loadedMeanMiB = mean(loadedMiB);
  const emptyMeanMiB = mean(emptyMiB);
  const deltaMiB = loadedMeanMiB - emptyMeanMiB;
  return {
    loadedMeanMiB,
    emptyMeanMiB,
    ratio: loadedMeanMiB / emptyMeanMiB,
    deltaMiB,
    perHallMiB: halls > 0 ? deltaMiB / halls : Number.NaN,
    perEventKB: heldEvents > 0 ? (deltaMiB * 2 ** 20) / 1000 / heldEvents : Number.NaN,
  };
}

/** Mean of the last third of samples over the mean of the first third (memory growth over a phase). */
export function thirdsGrowth(samples: readonly number[]): { firstThird: number; lastThird: number; ratio: number } {
  if (samples.length === 0) return { firstThird: Number.NaN, lastThird: Number.NaN, ratio: Number.NaN };
  const third = Math.max(1, Math.floor(samples.length / 3));
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const firstThird = mean(samples.slice(0, third));
  const lastThird = mean(samples.slice(-third));
  return { firstThird, lastThird, ratio: lastThird / firstThird };
}
