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

/** The thresholds with their defaults applied. */
export function resolvedTargets(hall: HallConfig) {
  return {
    waitMinutes: hall.targets.waitMinutes,
    hotUtilization: hall.targets.hotUtilization ?? DEFAULT_HOT_UTILIZATION,
    coldUtilization: hall.targets.coldUtilization ?? DEFAULT_COLD_UTILIZATION,
  };
}
