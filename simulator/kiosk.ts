// The ticket kiosk: refuses tickets once the day is full (限号), otherwise issues one and queues it.
import type { Priority } from "../contract/index.js";
import { TIER, catParams, type DaySim, type Ticket } from "./day-sim.js";
import { enqueue } from "./queues.js";
import type { Rng } from "./random.js";
import { MIN, SEC } from "./service-hours.js";

/** An applicant coming back with a requested material keeps the case and, where it fits, the item. */
export interface Returning {
  caseRef: string;
  itemCode: string | undefined;
}

/** An applicant arrives at the kiosk now, for `categoryId`. */
export function arrive(sim: DaySim, categoryId: string, returning?: Returning): void {
  const now = sim.agenda.now;
  const windows = sim.winsByCategory.get(categoryId);
  if (!windows || now >= sim.ticketsUntil) return;
  if (kioskRefuses(sim, categoryId, windows.length)) {
    sim.stats.turnedAway++;
    return;
  }
  const ticket = issueTicket(sim, categoryId, returning);
  sim.stats.issued++;
  if (returning) sim.stats.returns++;
  enqueue(sim, ticket);
}

/** 限号: the kiosk stops issuing when the expected wait runs past the day or past the cap. */
function kioskRefuses(sim: DaySim, categoryId: string, windowCount: number): boolean {
  const now = sim.agenda.now;
  const p = catParams(sim, categoryId);
  const waiting = sim.queues.get(categoryId)?.length ?? 0;
  const expectedCall = sim.afterServiceTime(now, (waiting * p.meanHandleSeconds * SEC) / windowCount);
  return expectedCall - now > sim.kioskCapMs || expectedCall + p.meanHandleSeconds * SEC > sim.hardStop - 10 * MIN;
}

function issueTicket(sim: DaySim, categoryId: string, returning: Returning | undefined): Ticket {
  const { rng } = sim;
  const now = sim.agenda.now;
  const p = catParams(sim, categoryId);
  const { priority, channel } = drawPriority(rng, returning !== undefined);
  const count = (sim.counters.get(categoryId) ?? 0) + 1;
  sim.counters.set(categoryId, count);
  const no = `${p.prefix}${String(count).padStart(3, "0")}`;
  const itemCode = drawItemCode(sim, categoryId, returning, rng);
  // The property order below is also the order of the random draws.
  const ticket: Ticket = {
    id: `${sim.ticketIdPrefix}-${no}`,
    no,
    categoryId,
    issuedAt: now,
    since: now,
    tier: TIER[priority],
    seq: sim.ticketSeq++,
    transferred: false,
    channel,
    itemCode,
    caseRef: returning ? returning.caseRef : `c-${rng.hex(12)}`,
  };
  sim.emit({
    type: "ticket.issued",
    ticketId: ticket.id,
    ticketNo: no,
    categoryId,
    ...(itemCode !== undefined ? { itemCode } : {}),
    channel,
    caseRef: ticket.caseRef,
    priority,
  });
  return ticket;
}

/** Green channel (绿色通道) and appointments are first visits only; a returning applicant queues as normal. */
function drawPriority(rng: Rng, returning: boolean): { priority: Priority; channel: Ticket["channel"] } {
  const r = rng.next();
  if (!returning && r < 0.03) return { priority: "green", channel: rng.chance(0.5) ? "staff" : "kiosk" };
  if (!returning && r < 0.13) return { priority: "appointment", channel: rng.chance(0.75) ? "online" : "kiosk" };
  const c = rng.next();
  return { priority: "normal", channel: c < 0.9 ? "kiosk" : c < 0.96 ? "staff" : "online" };
}

/** Items earlier in the category's list are the more common ones. */
function drawItemCode(sim: DaySim, categoryId: string, returning: Returning | undefined, rng: Rng): string | undefined {
  const codes = sim.hall.categories.find((c) => c.id === categoryId)?.itemCodes ?? [];
  if (returning?.itemCode !== undefined && codes.includes(returning.itemCode)) return returning.itemCode;
  return codes.length > 0 ? rng.weightedPick(codes, codes.map((_, i) => 1 / (i + 1) ** 0.6)) : undefined;
}
