// The rules a display follows on /display, as a small pure state machine (unit-tested): a snapshot
// replaces everything; an update applies only on top of the seq it was made from; an update already
// held is ignored (never applied twice); a gap asks for a resync.
// Imported from the contract files themselves (not index.js) so that the wall bundle carries no zod.
import { seqEpoch, type DisplaySnapshot, type DisplayUpdate, type HallSummary, type LoadView } from "../../../contract/live-view.js";
import { applyLoadViewPatch } from "../../../contract/view-patch.js";

export type UpdateOutcome = "applied" | "ignored" | "gap";

export interface FeedState {
  hall: HallSummary | null;
  view: LoadView | null;
  seq: number | null;
}

export function emptyFeed(): FeedState {
  return { hall: null, view: null, seq: null };
}

export function applySnapshot(state: FeedState, snapshot: DisplaySnapshot): FeedState | null {
  // A snapshot older than what we hold would move the screen back in time — comparable only within one
  // boot epoch: another epoch is another run or another node of a cluster, and its snapshot is current.
  if (state.seq !== null && seqEpoch(snapshot.seq) === seqEpoch(state.seq) && snapshot.seq < state.seq) return null;
  return { hall: snapshot.hall, view: snapshot.view, seq: snapshot.seq };
}

export function applyUpdate(state: FeedState, update: DisplayUpdate): { outcome: UpdateOutcome; state: FeedState } {
  if (state.seq === null || state.view === null) return { outcome: "gap", state };
  // Already held — within one epoch; an update of another epoch cannot chain on what we hold: resync.
  if (seqEpoch(update.seq) === seqEpoch(state.seq) && update.seq <= state.seq) return { outcome: "ignored", state };
  if (update.baseSeq !== state.seq) return { outcome: "gap", state };
  return {
    outcome: "applied",
    state: { hall: update.hall ?? state.hall, view: applyLoadViewPatch(state.view, update.view), seq: update.seq },
  };
}
