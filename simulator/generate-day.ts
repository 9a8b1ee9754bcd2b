// One simulated hall day as contract events: a discrete-event simulation of windows (open, lunch,
// short breaks, close), kiosk tickets, calls, recalls, no-shows, transfers, services and evaluations.
// Deterministic for (seed, hallId, date); no personal data anywhere (caseRef is an opaque pseudonym).
// This is the public entry; the parts of the simulation live in the modules it imports.
import { ID_PATTERN, type HallConfig, type HallEvent } from "../contract/index.js";
import { scheduleArrivals } from "./arrivals.js";
import { dayKindOf, scheduleFor } from "./day-profile.js";
import { createDaySim, type DaySim } from "./day-sim.js";
import { emptyDayStats, type DayStats } from "./day-stats.js";
import { demoSimParams } from "./demo-hall.js";
import { formatOffset, isoWithOffset, localMidnight } from "./local-time.js";
import { Rng, hashSeed } from "./random.js";
import { resolveSimParams, type HallSimParams } from "./sim-params.js";
import { closeRemainingWindows, planWindowDay } from "./window-flow.js";
import { chooseWindows } from "./window-staffing.js";

export type { DayStats } from "./day-stats.js";

export interface GenerateDayOptions {
  hall: HallConfig;
  hallId: string;
  /** Local calendar date, "YYYY-MM-DD". */
  date: string;
  seed: number;
  /** Multiplies arrivals (and the number of staffed windows, up to what is configured); default 1. */
  scale?: number;
  /** Offset of the hall's local time from UTC; default 480 (UTC+8, Asia/Shanghai). */
  utcOffsetMinutes?: number;
  /** Event ids are `${idPrefix}:${date}:${n}`; default the hall id. */
  idPrefix?: string;
  /** Ticket ids are `${ticketIdPrefix}-${ticketNo}`; default the date. */
  ticketIdPrefix?: string;
  /** Demand and handling parameters; default the demo hall's (fallbacks for unknown categories). */
  params?: HallSimParams;
}

function resolveParams(hall: HallConfig, params: HallSimParams | undefined): HallSimParams {
  if (params) return resolveSimParams(hall, params);
  const knowsDemo = hall.categories.some((c) => c.id in demoSimParams.categories);
  return resolveSimParams(hall, knowsDemo ? demoSimParams : undefined);
}

function assertId(text: string, what: string): void {
  if (!ID_PATTERN.test(text)) throw new Error(`${what} "${text}" is not a valid contract id (1–64 of A-Z a-z 0-9 . _ : -)`);
}

/** One simulated day of the hall, with counts; `generateHallDay` returns just the events. */
export function simulateHallDay(opts: GenerateDayOptions): { events: HallEvent[]; stats: DayStats } {
  const { hall, hallId, date } = opts;
  const scale = opts.scale ?? 1;
  if (!(scale >= 0)) throw new Error(`scale must be ≥ 0, got ${scale}`);
  const offset = opts.utcOffsetMinutes ?? 480;
  const idPrefix = opts.idPrefix ?? hallId;
  const ticketIdPrefix = opts.ticketIdPrefix ?? date;
  const params = resolveParams(hall, opts.params);
  const kind = dayKindOf(date);
  const schedule = scheduleFor(kind);
  // Every random draw of the day comes from this one generator, so the order of the steps below is part
  // of the output: reordering them changes every day ever generated for a seed.
  const rng = new Rng(hashSeed(opts.seed, hallId, date));
  const stats = emptyDayStats(date, kind);
  const dayStart = localMidnight(date, offset); // validates the date too
  assertId(`${idPrefix}:${date}:1`, "event id");
  assertId(`${ticketIdPrefix}-A0001`, "ticket id");
  if (!schedule || scale === 0) return { events: [], stats };

  const wins = chooseWindows(hall, params, kind, schedule, scale, rng);
  stats.windowsOpened = wins.length;
  const sim = createDaySim({ hall, params, schedule, rng, stats, ticketIdPrefix, wins });
  planWindowDay(sim, schedule);
  scheduleArrivals(sim, date, kind, scale);
  sim.agenda.run();
  closeRemainingWindows(sim);
  for (const q of sim.queues.values()) stats.leftWaiting += q.length;

  const events = toContractEvents(sim, { hallId, date, idPrefix, dayStart, offset });
  stats.events = events.length;
  return { events, stats };
}

/** The events of one simulated hall day, sorted by ts. */
export function generateHallDay(opts: GenerateDayOptions): HallEvent[] {
  return simulateHallDay(opts).events;
}

interface EventStamp {
  hallId: string;
  date: string;
  idPrefix: string;
  /** Local midnight as epoch ms. */
  dayStart: number;
  offset: number;
}

/** Numbers the day's events in time order and gives them their hall and local timestamp. */
function toContractEvents(sim: DaySim, { hallId, date, idPrefix, dayStart, offset }: EventStamp): HallEvent[] {
  const emitted = sim.emitted;
  emitted.sort((a, b) => a.t - b.t); // stable: same-millisecond events keep their causal order
  const offsetText = formatOffset(offset);
  return emitted.map(({ t, body }, i) => ({ id: `${idPrefix}:${date}:${i + 1}`, hallId, ts: isoWithOffset(dayStart + t, offset, offsetText), ...body }) as HallEvent);
}
