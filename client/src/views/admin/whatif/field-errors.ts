// Which field of the allocation editor the server's 400 points at: the window's name, its categories, its
// open time as a whole, one interval, or one end of an interval. Pure, on the store's FieldTarget, so the
// editor and its open-time cell mark the same field the same way.
import type { FieldTarget } from "../../../stores/whatif-drafts.js";

/** The error is about this window's name, categories or its open time as a whole (not one interval). */
export function errorAt(target: FieldTarget | null, windowId: string, kind: "window" | "categories" | "open"): boolean {
  return !!target && target.kind === kind && target.windowId === windowId && (kind !== "open" || (target.kind === "open" && target.interval === null));
}

/** The error is about this interval of this window (either end, or both). */
export function intervalErrorAt(target: FieldTarget | null, windowId: string, index: number): boolean {
  return target?.kind === "open" && target.windowId === windowId && target.interval === index;
}

/** This end (0 from, 1 to) of the interval is to be marked invalid: the one named, or both when none is. */
export function endInvalidAt(target: FieldTarget | null, windowId: string, index: number, end: 0 | 1): boolean {
  return target?.kind === "open" && target.windowId === windowId && target.interval === index && (target.end === null || target.end === end);
}
