// Hall configuration: PUT /api/halls/:hallId. Names are untrusted text, stored and returned as text.
import { z } from "zod";
import { idSchema, textSchema } from "./ids.js";

export const DEFAULT_HOT_UTILIZATION = 0.85;
export const DEFAULT_COLD_UTILIZATION = 0.35;
export const DEFAULT_FOLLOW_UP_WORKING_DAYS = 15;

function isIanaTimeZone(tz: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]{1,64}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const categorySchema = z.strictObject({
  id: idSchema,
  name: textSchema(100),
  itemCodes: z.array(textSchema(64), { error: "expected an array of item codes" }).max(2000),
});

const windowSchema = z.strictObject({
  id: idSchema,
  name: textSchema(100),
  department: textSchema(100),
  categories: z.array(idSchema, { error: "expected an array of category ids" }).max(200),
  comprehensive: z.boolean({ error: "expected true or false" }).optional(),
});

const ratio = z.number({ error: "expected a number between 0 and 1" }).min(0, { error: "expected a number between 0 and 1" }).max(1, { error: "expected a number between 0 and 1" });

const targetsSchema = z.strictObject({
  waitMinutes: z.number({ error: "expected a number of minutes" }).positive({ error: "must be greater than 0" }).max(24 * 60),
  hotUtilization: ratio.optional(),
  coldUtilization: ratio.optional(),
  /** Idle while waiting (issue #9): minutes an open window with people waiting may go without calling (default 5). */
  idleMinutes: z.number({ error: "expected a number of minutes" }).positive({ error: "must be greater than 0" }).max(24 * 60).optional(),
});

const hhmm = z
  .string({ error: 'expected "HH:MM"' })
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'expected "HH:MM" (00:00–24:00)' });

/** One opening interval in hall-local time: ISO weekday (1 = Monday … 7 = Sunday), from inclusive, to exclusive. */
const openingHoursSchema = z
  .strictObject({
    weekday: z.number({ error: "expected an ISO weekday 1–7" }).int({ error: "expected an ISO weekday 1–7" }).min(1, { error: "expected an ISO weekday 1–7" }).max(7, { error: "expected an ISO weekday 1–7" }),
    from: hhmm,
    to: hhmm,
  })
  .refine((h) => h.to > h.from, { error: "must end after it starts", path: ["to"] });

/** Opt-in public page and open data (issue #10): off unless enabled. */
const publicSchema = z.strictObject({
  enabled: z.boolean({ error: "expected true or false" }),
  /** Open-data cells with fewer tickets than this are suppressed (default 5). */
  minCellCount: z.number({ error: "expected a whole number" }).int({ error: "expected a whole number" }).min(1, { error: "must be at least 1" }).max(1000, { error: "must be at most 1000" }).optional(),
  /** The licence the hall publishes its open data under, as text (e.g. "CC BY 4.0"). */
  licence: textSchema(200).optional(),
});

export const hallConfigSchema = z
  .strictObject({
    name: textSchema(100),
    timezone: z.string({ error: "expected an IANA time zone" }).refine(isIanaTimeZone, { error: "unknown IANA time zone" }),
    categories: z.array(categorySchema, { error: "expected an array" }).max(200),
    windows: z.array(windowSchema, { error: "expected an array" }).max(500),
    targets: targetsSchema,
    /** 好差评 follow-up: working days to close a case opened by a poor evaluation (default 15). */
    followUp: z
      .strictObject({
        deadlineWorkingDays: z.number({ error: "expected a number of working days" }).int({ error: "expected a whole number" }).min(1, { error: "must be at least 1" }).max(60, { error: "must be at most 60" }),
      })
      .optional(),
    /** Issue #10: the public live page and open data, off by default. */
    public: publicSchema.optional(),
    /** Hall-local opening hours; a hall without them is treated as open around the clock. */
    openingHours: z.array(openingHoursSchema, { error: "expected an array of opening hours" }).max(50).optional(),
  })
  .superRefine((hall, ctx) => {
    const categoryIds = new Set<string>();
    hall.categories.forEach((c, i) => {
      if (categoryIds.has(c.id)) ctx.addIssue({ code: "custom", path: ["categories", i, "id"], message: `duplicate category id "${c.id}"` });
      categoryIds.add(c.id);
    });
    const windowIds = new Set<string>();
    hall.windows.forEach((w, i) => {
      if (windowIds.has(w.id)) ctx.addIssue({ code: "custom", path: ["windows", i, "id"], message: `duplicate window id "${w.id}"` });
      windowIds.add(w.id);
      w.categories.forEach((cid, j) => {
        if (!categoryIds.has(cid)) ctx.addIssue({ code: "custom", path: ["windows", i, "categories", j], message: `unknown category "${cid}"` });
      });
    });
    const hot = hall.targets.hotUtilization ?? DEFAULT_HOT_UTILIZATION;
    const cold = hall.targets.coldUtilization ?? DEFAULT_COLD_UTILIZATION;
    if (cold >= hot) ctx.addIssue({ code: "custom", path: ["targets", "coldUtilization"], message: "must be below hotUtilization" });
  });

export type HallConfig = z.infer<typeof hallConfigSchema>;
export type HallCategory = HallConfig["categories"][number];
export type HallWindow = HallConfig["windows"][number];

export const DEFAULT_PUBLIC_MIN_CELL_COUNT = 5;

/** Whether the hall opted in to the public page and open data. */
export function isPublicHall(hall: HallConfig): boolean {
  return hall.public?.enabled === true;
}

/** The thresholds with their defaults applied. */
export function resolvedTargets(hall: HallConfig) {
  return {
    waitMinutes: hall.targets.waitMinutes,
    hotUtilization: hall.targets.hotUtilization ?? DEFAULT_HOT_UTILIZATION,
    coldUtilization: hall.targets.coldUtilization ?? DEFAULT_COLD_UTILIZATION,
  };
}
