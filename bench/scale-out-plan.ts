// Pure arithmetic of the scale-out measurement (issue #11): how clients are spread over the nodes, how
// the latency samples of every display are summarized per node group, and the province load estimate
// (halls × windows × events/s × displays) set against the measured figures. Unit-tested in
// scale-out-plan.test.ts; no I/O, no clock.
import { summarize, type Summary } from "./stats.js";

/** The node (0-based) each of `count` clients connects to: round-robin, so counts differ by at most one. */
export function roundRobin(count: number, nodes: number): number[] {
  if (!Number.isInteger(nodes) || nodes < 1) throw new Error(`nodes must be a positive integer, got ${nodes}`);
  return Array.from({ length: Math.max(0, count) }, (_, i) => i % nodes);
}

/** How many of the `count` clients land on each node under roundRobin. */
export function perNode(count: number, nodes: number): number[] {
  const out = Array.from({ length: nodes }, () => 0);
  for (const n of roundRobin(count, nodes)) out[n] = (out[n] ?? 0) + 1;
  return out;
}

export interface NodeSample {
  /** 0-based node the display is connected to. */
  node: number;
  ms: number;
}

export interface GroupSummaries {
  /** Every display, all nodes merged (the percentile of the merged samples, not a mean of percentiles). */
  all: Summary;
  /** Displays on node 0, where the events are sent: the local path. */
  local: Summary;
  /** Displays on every other node: commit → NOTIFY → follower → coalesced flush. Empty with one node. */
  remote: Summary;
  /** One summary per node, index = node. */
  byNode: Summary[];
}

/** One summary per node (index = node) of the samples' times; a sample of a node outside 0…nodes−1 is refused. */
export function summariesPerNode(samples: readonly NodeSample[], nodes: number): Summary[] {
  const byNode: number[][] = Array.from({ length: nodes }, () => []);
  for (const s of samples) {
    const bucket = byNode[s.node];
    if (!bucket) throw new Error(`sample of node ${s.node} outside 0…${nodes - 1}`);
    bucket.push(s.ms);
  }
  return byNode.map((xs) => summarize(xs));
}

export function summarizeByNode(samples: readonly NodeSample[], nodes: number): GroupSummaries {
  const byNode = summariesPerNode(samples, nodes);
  return {
    all: summarize(samples.map((s) => s.ms)),
    local: byNode[0] ?? summarize([]),
    remote: summarize(samples.filter((s) => s.node !== 0).map((s) => s.ms)),
    byNode,
  };
}

export interface HallDayRates {
  events: number;
  windows: number;
  /** First to last event of the day, hours. */
  spanHours: number;
  /** Events in the busiest clock hour. */
  peakHourEvents: number;
  /** Events in the busiest minute. */
  peakMinuteEvents: number;
  /** Per window per hour, averaged over the span. */
  perWindowHourMean: number;
  /** Per window per hour in the busiest hour. */
  perWindowHourPeak: number;
}

/** Event rates of one simulated hall day from its events' timestamps (ms, any order). */
export function hallDayRates(timestampsMs: readonly number[], windows: number): HallDayRates {
  if (timestampsMs.length === 0 || windows < 1) return { events: 0, windows, spanHours: 0, peakHourEvents: 0, peakMinuteEvents: 0, perWindowHourMean: 0, perWindowHourPeak: 0 };
  let min = Infinity;
  let max = -Infinity;
  const hours = new Map<number, number>();
  const minutes = new Map<number, number>();
  for (const t of timestampsMs) {
    if (t < min) min = t;
    if (t > max) max = t;
    const h = Math.floor(t / 3_600_000);
    const m = Math.floor(t / 60_000);
    hours.set(h, (hours.get(h) ?? 0) + 1);
    minutes.set(m, (minutes.get(m) ?? 0) + 1);
  }
  const spanHours = Math.max((max - min) / 3_600_000, 1 / 60);
  const peakHourEvents = Math.max(...hours.values());
  return {
    events: timestampsMs.length,
    windows,
    spanHours,
    peakHourEvents,
    peakMinuteEvents: Math.max(...minutes.values()),
    perWindowHourMean: timestampsMs.length / spanHours / windows,
    perWindowHourPeak: peakHourEvents / windows,
  };
}

export interface ProvinceShape {
  halls: number;
  windowsPerHall: number;
  /** Events per window per hour (state which: mean or peak hour). */
  eventsPerWindowHour: number;
  displaysPerHall: number;
}

export interface ProvinceLoad {
  windows: number;
  displays: number;
  eventsPerSecond: number;
  /** Events per second of one hall. */
  eventsPerSecondPerHall: number;
  /**
   * Display updates per second at most: a hall's displays get one update per coalescing interval with an
   * event in it, so at most min(hall events/s, 1000 / flushMs) per display.
   */
  displayUpdatesPerSecond: number;
}

/** The province's offered load; `flushMs` is the coalescing interval (at most one update per display per flush). */
export function provinceLoad(p: ProvinceShape, flushMs = 250): ProvinceLoad {
  const windows = p.halls * p.windowsPerHall;
  const displays = p.halls * p.displaysPerHall;
  const eventsPerSecondPerHall = (p.windowsPerHall * p.eventsPerWindowHour) / 3600;
  return {
    windows,
    displays,
    eventsPerSecond: eventsPerSecondPerHall * p.halls,
    eventsPerSecondPerHall,
    displayUpdatesPerSecond: displays * Math.min(eventsPerSecondPerHall, 1000 / flushMs),
  };
}
