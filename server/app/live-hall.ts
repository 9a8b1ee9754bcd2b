// What LiveHalls (live-halls.ts) keeps for one hall: its facts, the live view kept per fold, its /display
// feed and the state of its coalesced flushes.
import { HallFacts } from "../domain/hall-facts.js";
import { LiveLoadState } from "../domain/live-load/live-load-state.js";
import { UpdateFeed } from "./update-feed.js";

export interface LiveHall {
  facts: HallFacts;
  /** The load view and today's series kept per fold (a flush reads sums instead of every fact). */
  load: LiveLoadState;
  /** True once the log's last 48 hours were read into `facts`. */
  loaded: boolean;
  feed: UpdateFeed;
  lastFlushAt: number;
  /** A floor section refresh is queued or running (started right after a flush: LiveFloorCache.peek). */
  floorRefresh: boolean;
  /** Flushes were skipped since the last publication (no display here showed the hall): compute before reading it. */
  stale: boolean;
}

/** A hall with no facts yet, nothing published, its feed's seqs in the node's boot epoch. */
export function emptyLiveHall(bootEpoch: number): LiveHall {
  const facts = new HallFacts();
  return { facts, load: new LiveLoadState(facts), loaded: false, feed: new UpdateFeed(bootEpoch), lastFlushAt: 0, floorRefresh: false, stale: false };
}
