// The shared state of one simulated day, threaded through the windows, kiosk, service and arrival parts.
import type { HallConfig, HallEvent, Priority } from "../contract/index.js";
import { Agenda } from "./agenda.js";
import type { DaySchedule } from "./day-profile.js";
import type { DayStats } from "./day-stats.js";
import type { Rng } from "./random.js";
import { MIN, afterServiceTime, servicePeriodsOf } from "./service-hours.js";
import type { CategorySimParams, HallSimParams } from "./sim-params.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event before it gets its id, hall and timestamp (those are assigned once the day is sorted). */
export type EventBody = DistributiveOmit<HallEvent, "id" | "hallId" | "ts">;

/** Serving order inside a queue: green channel, then tickets transferred in, then appointments, then the rest. */
export const TIER: Record<Priority | "transferred", number> = { green: 0, transferred: 1, appointment: 2, normal: 3 };

export interface Ticket {
  id: string;
  no: string;
  /** The category it waits in now (changes on transfer). */
  categoryId: string;
  issuedAt: number;
  /** Ordering key inside the tier: issue time (kept across a transfer). */
  since: number;
  tier: number;
  seq: number;
  transferred: boolean;
  channel: "kiosk" | "online" | "staff";
  itemCode: string | undefined;
  caseRef: string;
}

export interface Win {
  id: string;
  categories: string[];
  staffId: string;
  /** off: not opened yet today. */
  state: "off" | "idle" | "busy" | "paused" | "closed";
  lunchAt: number | null;
  lunchBackAt: number;
  lunchTaken: boolean;
  breaks: { at: number; ms: number; reason: string }[];
  closeAt: number;
  pokePending: boolean;
}

export interface DaySim {
  readonly hall: HallConfig;
  readonly params: HallSimParams;
  readonly rng: Rng;
  readonly agenda: Agenda;
  readonly stats: DayStats;
  readonly ticketIdPrefix: string;
  readonly wins: Win[];
  readonly winsByCategory: Map<string, Win[]>;
  readonly queues: Map<string, Ticket[]>;
  /** Tickets issued per category today, for the ticket numbers. */
  readonly counters: Map<string, number>;
  /** Tie-breaker between tickets issued in the same millisecond. */
  ticketSeq: number;
  /** Times in ms since local midnight. */
  readonly lunchEnd: number;
  readonly ticketsUntil: number;
  readonly hardStop: number;
  readonly kioskCapMs: number;
  /** Events in the order they happened; `t` is agenda time at emission. */
  readonly emitted: { t: number; body: EventBody }[];
  emit(body: EventBody): void;
  /** See `afterServiceTime`, for this day's service periods. */
  afterServiceTime(t: number, serviceMs: number): number;
}

export interface DaySimSetup {
  hall: HallConfig;
  params: HallSimParams;
  schedule: DaySchedule;
  rng: Rng;
  stats: DayStats;
  ticketIdPrefix: string;
  wins: Win[];
}

export function createDaySim({ hall, params, schedule, rng, stats, ticketIdPrefix, wins }: DaySimSetup): DaySim {
  const agenda = new Agenda();
  const emitted: DaySim["emitted"] = [];
  const winsByCategory = new Map<string, Win[]>();
  for (const w of wins) for (const c of w.categories) winsByCategory.set(c, [...(winsByCategory.get(c) ?? []), w]);
  const queues = new Map<string, Ticket[]>();
  for (const c of hall.categories) queues.set(c.id, []);
  const hardStop = schedule.hardStop * MIN;
  const periods = servicePeriodsOf(schedule, hardStop);
  return {
    hall, params, rng, agenda, stats, ticketIdPrefix, wins, winsByCategory, queues,
    counters: new Map<string, number>(),
    ticketSeq: 0,
    lunchEnd: schedule.lunch ? schedule.lunch.end * MIN : 0,
    ticketsUntil: schedule.ticketsUntil * MIN,
    hardStop,
    kioskCapMs: (params.kioskCapMinutes ?? 120) * MIN,
    emitted,
    emit: (body) => void emitted.push({ t: agenda.now, body }),
    afterServiceTime: (t, serviceMs) => afterServiceTime(periods, t, serviceMs),
  };
}

/** The category's parameters; resolveSimParams guarantees an entry for every category of the hall. */
export function catParams(sim: DaySim, categoryId: string): CategorySimParams {
  return sim.params.categories[categoryId] as CategorySimParams;
}
