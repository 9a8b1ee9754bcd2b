// The floor section of the live view (issue #9): windows idle while people wait, and honest wait
// estimates per category as a P50–P80 band with the text a queue screen shows. Live view and /display
// only; refreshed at most every 5 s (docs/contract.md, "The floor section"). Per-ticket estimates are not
// part of the wall push: a queue screen needs categories, a ticket lookup will carry its own.
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

export const liveFloorSchema = z.strictObject({
  /** Idle-while-waiting windows, in configuration order. */
  idle: z.array(floorIdleSchema),
  /** One entry per configured category, in configuration order. */
  waits: z.array(floorWaitSchema),
});

export type FloorIdle = z.infer<typeof floorIdleSchema>;
export type WaitBasis = z.infer<typeof waitBasisSchema>;
export type ScreenBand = z.infer<typeof screenBandSchema>;
export type FloorWait = z.infer<typeof floorWaitSchema>;
export type LiveFloor = z.infer<typeof liveFloorSchema>;
