// The rules a wall display keeps its held view by, as pure functions of the held seq/view and a message,
// so that the test /display client (display-socket-client.ts) records exactly what a display would do:
// a snapshot replaces the view unless it is older (same boot epoch) or the very seq held; an update applies
// only on top of its baseSeq; and patch entries equal to what is held are noted (the contract says patch
// lists carry only changed entries).
import { seqEpoch, type DisplaySnapshot, type DisplayUpdate, type LoadView } from "../../contract/index.js";

/** What the client holds when a message arrives. */
export interface Held {
  seq: number | null;
  view: LoadView | null;
}

/** How a snapshot is treated: `stale`, `repeat` or `applied` (it then becomes the held state). */
export function snapshotOutcome(held: Held, s: DisplaySnapshot): "stale" | "repeat" | "applied" {
  // Seqs compare only within one boot epoch (contract: a cluster's nodes count their own).
  const sameEpoch = held.seq !== null && seqEpoch(s.seq) === seqEpoch(held.seq);
  if (held.seq !== null && held.view !== null && sameEpoch && s.seq < held.seq) return "stale";
  if (held.seq !== null && held.view !== null && s.seq === held.seq) return "repeat";
  return "applied";
}

/** How an update is treated: `stale`, `gap` (not applied, resync due) or `applied` on top of the held view. */
export function updateOutcome(held: Held, u: DisplayUpdate): "stale" | "gap" | "applied" {
  if (held.seq !== null && seqEpoch(u.seq) === seqEpoch(held.seq) && u.seq <= held.seq) return "stale";
  if (held.view === null || u.baseSeq !== held.seq) return "gap";
  return "applied";
}

/** The entries of an update's patch equal to what is already held (each named for a failure message). */
export function unchangedPatchEntries(held: LoadView, u: DisplayUpdate): string[] {
  const out: string[] = [];
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  for (const w of u.view.windows ?? []) {
    const before = held.windows.find((x) => x.windowId === w.windowId);
    if (before && same(before, w)) out.push(`seq ${u.seq}: window ${w.windowId}`);
  }
  for (const c of u.view.categories ?? []) {
    const before = held.categories.find((x) => x.categoryId === c.categoryId);
    if (before && same(before, c)) out.push(`seq ${u.seq}: category ${c.categoryId}`);
  }
  if (u.view.imbalance && same(u.view.imbalance, held.imbalance)) out.push(`seq ${u.seq}: imbalance`);
  if (u.view.recentCalls && same(u.view.recentCalls, held.recentCalls)) out.push(`seq ${u.seq}: recentCalls`);
  return out;
}
