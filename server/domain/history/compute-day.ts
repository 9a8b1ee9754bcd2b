// Everything the rollup store keeps for one hall-local day, from that day's facts: the 15-minute rollup
// and the floor figures (idle per window, waits by priority). One function for the rollup worker and the
// benchmark's datasets, so that what is benchmarked is what the server writes.
import type { HallConfig } from "../../../contract/index.js";
import type { HallFacts } from "../hall-facts.js";
import { floorDayOf, type FloorDays } from "./floor-days.js";
import { computeRollup, type Rollup } from "./rollup.js";

/** `asOf`: when the day is computed (a running idle episode counts up to then). */
export function computeDay(facts: HallFacts, hall: HallConfig, day: string, start: number, end: number, asOf: number): { rollup: Rollup; floor: FloorDays } {
  const rollup = computeRollup(facts, hall, start, end);
  return { rollup, floor: floorDayOf(facts, hall, day, start, end, asOf, rollup.waits) };
}
