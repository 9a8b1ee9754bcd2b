// The forms one /display publication is sent in. Every display receives the same seqs; what differs is
// what it asked for at connect (docs/contract.md, /display):
// - `compact`: today's series as its changed tail;
// - `floorTickets: false`: no per-ticket waits in the floor section (the wall shows none; on a busy hall
//   they were ~60–90 KB every 5 s to every wall);
// - `fieldDeltas`: changed windows and categories as their changed fields only (under a steady stream
//   every open window's open and busy seconds move at each update: whole entries were most of its bytes).
// Issue #8: bytes per update are what 500 walls pay on every update.
import type { DisplaySnapshot, DisplayUpdate, LoadView, LoadViewPatch, LiveFloor } from "../../contract/index.js";
import { compactPatch, fieldDeltaPatch } from "../domain/view-diff.js";

export interface DisplayFormChoice {
  compact: boolean;
  floorTickets: boolean;
  fieldDeltas: boolean;
}

/** One key per combination of the choices, e.g. "compact+lean+fields"; "full" for none. */
export type DisplayFormKey = string;

export function formKeyOf(choice: DisplayFormChoice): DisplayFormKey {
  const parts = [choice.compact ? "compact" : "", choice.floorTickets ? "" : "lean", choice.fieldDeltas ? "fields" : ""].filter((p) => p !== "");
  return parts.length === 0 ? "full" : parts.join("+");
}

const CHOICES: readonly DisplayFormChoice[] = [false, true].flatMap((compact) =>
  [true, false].flatMap((floorTickets) => [false, true].map((fieldDeltas) => ({ compact, floorTickets, fieldDeltas }))),
);

export const DISPLAY_FORM_KEYS: readonly DisplayFormKey[] = CHOICES.map(formKeyOf);

/** The form the wall asks for (client/src/stores/display-store.ts) — most displays take it. */
export const WALL_FORM: DisplayFormKey = formKeyOf({ compact: true, floorTickets: false, fieldDeltas: true });

export const isLean = (key: DisplayFormKey): boolean => key.split("+").includes("lean");

export type UpdateForms = Record<DisplayFormKey, DisplayUpdate> & { full: DisplayUpdate };

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
 * Every form of one update from its full patch. A lean form carries `floor` only when something besides
 * the per-ticket list changed, so a wall is not woken by tickets it does not show.
 */
export function updateForms(prev: LoadView, next: LoadView, patch: LoadViewPatch, seq: number, baseSeq: number): UpdateForms {
  const compact = compactPatch(prev, next, patch);
  const leanChanged = patch.floor !== undefined && prev.floor !== undefined && next.floor !== undefined && JSON.stringify(leanFloor(prev.floor)) !== JSON.stringify(leanFloor(next.floor));
  const lean = (p: LoadViewPatch): LoadViewPatch => {
    if (p.floor === undefined) return p;
    const { floor, ...rest } = p;
    return leanChanged || prev.floor === undefined ? { ...rest, floor: leanFloor(floor) } : rest;
  };
  // The windows and categories are the same in every form: their field deltas are worked out once.
  const lists: LoadViewPatch = { from: patch.from, to: patch.to };
  if (patch.windows) lists.windows = patch.windows;
  if (patch.categories) lists.categories = patch.categories;
  const deltas = fieldDeltaPatch(prev, lists);
  const forms: Record<DisplayFormKey, DisplayUpdate> = {};
  for (const choice of CHOICES) {
    let view = choice.compact ? compact : patch;
    if (!choice.floorTickets) view = lean(view);
    if (choice.fieldDeltas) {
      const { windows: _windows, categories: _categories, ...rest } = view;
      view = { ...rest, ...deltas };
    }
    forms[formKeyOf(choice)] = { seq, baseSeq, view };
  }
  return forms as UpdateForms;
}
