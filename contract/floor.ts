// The floor section of the live view (issue #9): windows idle while people wait, honest wait estimates
// per category as a P50–P80 band with the text a queue screen shows, and early warnings of a wait target
// about to break. Live view and /display only; refreshed at most every 5 s, the warnings at most every
// 30 s (docs/contract.md, "The floor section"). Each waiting ticket's own band is there too, by its
// printed number only, for queue screens.
import { z } from "zod";

/** An open window whose categories have tickets waiting but which has called nobody for the threshold. */
export const floorIdleSchema = z.strictObject({
  windowId: z.string(),
  /** When the window became idle: the start of its quiet stretch + the idle threshold (ISO). */
  since: z.string(),
  /** Minutes from `since` to the floor section's computation (one decimal). */
  idleMinutes: z.number(),
  /** The start of the quiet stretch: the last activity, queue refill or (re)opening (ISO); null if unknown. */
  lastActivityAt: z.string().nullable(),
});

/** measured: the category's own recent cycles; fallback: the hall's; unknown: too little history, or no window can call it. */
export const waitBasisSchema = z.enum(["measured", "fallback", "unknown"]);

/** The band a screen shows: rounded outward from P50–P80, e.g. "10–15 分钟", "3 分钟内". */
export const screenBandSchema = z.strictObject({
  lowMinutes: z.number(),
  highMinutes: z.number(),
  text: z.string(),
});

export const floorWaitSchema = z.strictObject({
  categoryId: z.string(),
  /** Tickets waiting now. */
  waiting: z.number().int().min(0),
  /** Expected wait of a ticket issued now, in minutes (one decimal); null with basis "unknown". */
  p50Minutes: z.number().nullable(),
  p80Minutes: z.number().nullable(),
  basis: waitBasisSchema,
  /** null with basis "unknown". */
  band: screenBandSchema.nullable(),
});

/** Expected arrivals in the next hour with the 80% band (P10–P90). */
export const arrivalBandSchema = z.strictObject({
  expected: z.number(),
  low: z.number(),
  high: z.number(),
});

/**
 * An early warning (docs/metrics.md, "Early warning (forecast)"): a category whose wait target is
 * projected to break within the next hour, before it has. Recomputed at most every 30 s per hall. A hall
 * without same-weekday history in its rollups gets none: nothing is forecast without history.
 */
export const floorWarningSchema = z.strictObject({
  categoryId: z.string(),
  /** When a ticket is projected to have waited past the target (ISO). */
  expectedBreachAt: z.string(),
  /** Longest projected wait within the next hour, in minutes (one decimal). */
  predictedWaitMinutes: z.number(),
  /** The hall's wait target (targets.waitMinutes). */
  targetMinutes: z.number(),
  /** The cold window that could help (the rebalancing rule); null when none qualifies. */
  helperWindowId: z.string().nullable(),
  /** Windows serving the category that are open now. */
  openWindows: z.array(z.string()),
  /** The category's forecast arrivals over the next hour; null when the category itself has no history. */
  forecastArrivals: arrivalBandSchema.nullable(),
});

/**
 * One waiting ticket's expected remaining wait, by its printed number (never the queue system's ticket
 * id): what a queue screen shows next to "A012" — "预计等待 10–15 分钟".
 */
export const floorTicketWaitSchema = z.strictObject({
  ticketNo: z.string(),
  categoryId: z.string(),
  /** Tickets of its category called before it (前面还有 N 人). */
  ahead: z.number().int().min(0),
  p50Minutes: z.number().nullable(),
  p80Minutes: z.number().nullable(),
  basis: waitBasisSchema,
  band: screenBandSchema.nullable(),
});

export const liveFloorSchema = z.strictObject({
  /** Idle-while-waiting windows, in configuration order. */
  idle: z.array(floorIdleSchema),
  /** One entry per configured category, in configuration order. */
  waits: z.array(floorWaitSchema),
  /** Early warnings, soonest breach first; empty when none (always present in the live view). */
  warnings: z.array(floorWarningSchema),
  /** Every waiting ticket in call order with its own band (present in the live view; optional in the type for older producers). */
  tickets: z.array(floorTicketWaitSchema).optional(),
});

export type FloorIdle = z.infer<typeof floorIdleSchema>;
export type WaitBasis = z.infer<typeof waitBasisSchema>;
export type ScreenBand = z.infer<typeof screenBandSchema>;
export type FloorWait = z.infer<typeof floorWaitSchema>;
export type ArrivalBand = z.infer<typeof arrivalBandSchema>;
export type FloorWarning = z.infer<typeof floorWarningSchema>;
export type LiveFloor = z.infer<typeof liveFloorSchema>;
export type FloorTicketWait = z.infer<typeof floorTicketWaitSchema>;
