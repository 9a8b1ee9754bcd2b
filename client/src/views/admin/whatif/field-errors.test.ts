// The editor's field marks for a server 400: the window, categories and whole open time of one window,
// one interval, and the end of it that is named (both ends when none is).
import { describe, expect, it } from "vitest";
import type { FieldTarget } from "../../../stores/whatif-drafts.js";
import { endInvalidAt, errorAt, intervalErrorAt } from "./field-errors.js";

const open = (interval: number | null, end: 0 | 1 | null): FieldTarget => ({ kind: "open", windowId: "w3", interval, end });

describe("field errors", () => {
  it("marks a window's name, categories or whole open time, and nothing without a target", () => {
    expect(errorAt({ kind: "window", windowId: "w1" }, "w1", "window")).toBe(true);
    expect(errorAt({ kind: "window", windowId: "w1" }, "w2", "window")).toBe(false);
    expect(errorAt({ kind: "categories", windowId: "w1" }, "w1", "categories")).toBe(true);
    expect(errorAt({ kind: "categories", windowId: "w1" }, "w1", "window")).toBe(false);
    expect(errorAt(open(null, null), "w3", "open")).toBe(true);
    // An error about one interval is shown at the interval, not at the whole open time.
    expect(errorAt(open(0, null), "w3", "open")).toBe(false);
    expect(errorAt(null, "w1", "window")).toBe(false);
    expect(errorAt({ kind: "form" }, "w1", "window")).toBe(false);
  });

  it("marks one interval, and the end it names or both ends", () => {
    expect(intervalErrorAt(open(1, null), "w3", 1)).toBe(true);
    expect(intervalErrorAt(open(1, null), "w3", 0)).toBe(false);
    expect(intervalErrorAt(open(null, null), "w3", 0)).toBe(false);
    expect(intervalErrorAt({ kind: "date" }, "w3", 0)).toBe(false);
    expect([endInvalidAt(open(0, null), "w3", 0, 0), endInvalidAt(open(0, null), "w3", 0, 1)]).toEqual([true, true]);
    expect([endInvalidAt(open(0, 1), "w3", 0, 0), endInvalidAt(open(0, 1), "w3", 0, 1)]).toEqual([false, true]);
    expect(endInvalidAt(open(0, 0), "w2", 0, 0)).toBe(false);
    expect(endInvalidAt(null, "w3", 0, 0)).toBe(false);
  });
});
