// Today's arrivals so far per category and 15-minute slot of the local day — the running count the
// forecast updates history with. Same definition as `arrivals` everywhere: a ticket counts once, at its
// first ticket.issued, in the category it was issued in (docs/metrics.md, "Per category").
import type { HallFacts } from "../hall-facts.js";
import { SLOT_MS, SLOTS_PER_DAY } from "./local-clock.js";

export function todayArrivalSlots(facts: HallFacts, categoryIds: readonly string[], dayStart: number, now: number): Map<string, number[]> {
  const out = new Map<string, number[]>(categoryIds.map((id) => [id, new Array<number>(SLOTS_PER_DAY).fill(0)]));
  for (const t of facts.tickets.values()) {
    const issue = t.issues[0];
    if (!issue || issue.ts < dayStart || issue.ts >= now) continue;
    const slots = out.get(issue.categoryId);
    const s = Math.floor((issue.ts - dayStart) / SLOT_MS);
    if (slots && s < SLOTS_PER_DAY) slots[s] = (slots[s] ?? 0) + 1;
  }
  return out;
}
