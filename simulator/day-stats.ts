// The counts of one simulated day, reported next to its events (backfill and the CLI print them).
import type { DayKind } from "./day-profile.js";

export interface DayStats {
  date: string;
  kind: DayKind;
  events: number;
  windowsOpened: number;
  issued: number;
  /** Arrivals refused by the kiosk because the day's capacity was used up (限号). */
  turnedAway: number;
  called: number;
  recalls: number;
  noShows: number;
  transfers: number;
  served: number;
  evaluations: number;
  /** Tickets issued to applicants coming back with a requested material. */
  returns: number;
  /** Tickets still waiting when the last window closed. */
  leftWaiting: number;
}

/** All counts at zero; the key order is part of the output (callers serialise stats as JSON). */
export function emptyDayStats(date: string, kind: DayKind): DayStats {
  return {
    date, kind, events: 0, windowsOpened: 0, issued: 0, turnedAway: 0, called: 0, recalls: 0, noShows: 0,
    transfers: 0, served: 0, evaluations: 0, returns: 0, leftWaiting: 0,
  };
}
