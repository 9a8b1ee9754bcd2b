// The part of today's 15-minute slots worth drawing: from the full hour before the first slot with any
// activity up to now, so a hall that opens at 08:30 does not show eight empty hours. Shared by the two
// day charts so their time axes line up.
import type { TodayBucket } from "../../../contract/index.js";
import { hallClock } from "../composables/format.js";

export interface DaySlot {
  /** "HH:MM" in the hall's time zone. */
  label: string;
  bucket: TodayBucket;
}

const isActive = (b: TodayBucket) => b.arrivals > 0 || b.served > 0 || b.avgWaitSeconds !== null;

export function daySlots(buckets: readonly TodayBucket[], timeZone: string): DaySlot[] {
  const first = buckets.findIndex(isActive);
  if (first < 0) return [];
  let start = first;
  // Back to the slot that starts the hour (at most 3 slots of 15 minutes).
  while (start > 0 && start > first - 3 && !hallClock(Date.parse((buckets[start] as TodayBucket).start), timeZone, false).endsWith(":00")) start--;
  return buckets.slice(start).map((bucket) => ({ label: hallClock(Date.parse(bucket.start), timeZone, false), bucket }));
}

/** True when any slot of today holds a figure (else the charts say "no data yet today"). */
export const hasDayData = (buckets: readonly TodayBucket[] | undefined) => (buckets ?? []).some(isActive);

/** Axis labels on full hours only (every slot is still a bar/point). */
export const onTheHour = (_index: number, label: string) => label.endsWith(":00");
