// The forms one /display publication is sent in. Every display receives the same seqs; what differs is
// what it asked for at connect: `compact` (today's series as its changed tail) and `floorTickets: false`
// (no per-ticket waits in the floor section — the wall shows none, and on a busy hall they were most of
// what it downloaded: ~60–90 KB every 5 s to every wall, issue #8).
import type { DisplaySnapshot, DisplayUpdate, LoadView, LoadViewPatch, LiveFloor } from "../../contract/index.js";
import { compactPatch } from "../domain/view-diff.js";

export type DisplayFormKey = "full" | "compact" | "lean" | "compactLean";

export interface DisplayFormChoice {
  compact: boolean;
  floorTickets: boolean;
}

export const DISPLAY_FORM_KEYS: readonly DisplayFormKey[] = ["full", "compact", "lean", "compactLean"];

export function formKeyOf(choice: DisplayFormChoice): DisplayFormKey {
  if (choice.floorTickets) return choice.compact ? "compact" : "full";
  return choice.compact ? "compactLean" : "lean";
}

export const isLean = (key: DisplayFormKey): boolean => key === "lean" || key === "compactLean";

export type UpdateForms = Record<DisplayFormKey, DisplayUpdate>;

/** The floor section without its per-ticket list. */
function leanFloor(floor: LiveFloor): LiveFloor {
  const { tickets: _tickets, ...rest } = floor;
  return rest;
}

/** A live view as a display that declined the per-ticket waits receives it. */
export function leanView(view: LoadView): LoadView {
  return view.floor ? { ...view, floor: leanFloor(view.floor) } : view;
}

export function snapshotForm(snapshot: DisplaySnapshot, key: DisplayFormKey): DisplaySnapshot {
  return isLean(key) ? { ...snapshot, view: leanView(snapshot.view) } : snapshot;
}

/**
 * The four forms of one update from its full patch. A lean form carries `floor` only when something
 * besides the per-ticket list changed, so a wall is not woken by tickets it does not show.
 */
export function updateForms(prev: LoadView, next: LoadView, patch: LoadViewPatch, seq: number, baseSeq: number): UpdateForms {
  const compact = compactPatch(prev, next, patch);
  const leanChanged = patch.floor !== undefined && prev.floor !== undefined && next.floor !== undefined && JSON.stringify(leanFloor(prev.floor)) !== JSON.stringify(leanFloor(next.floor));
  const lean = (p: LoadViewPatch): LoadViewPatch => {
    if (p.floor === undefined) return p;
    const { floor, ...rest } = p;
    return leanChanged || prev.floor === undefined ? { ...rest, floor: leanFloor(floor) } : rest;
  };
  return {
    full: { seq, baseSeq, view: patch },
    compact: { seq, baseSeq, view: compact },
    lean: { seq, baseSeq, view: lean(patch) },
    compactLean: { seq, baseSeq, view: lean(compact) },
  };
}
