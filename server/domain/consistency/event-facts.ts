// The facts the event rules need, folded from accepted events as they arrive: visits per case and item,
// completions that requested materials, and completions per item and hall-local day. Like HallFacts it
// is keyed by ids, so repeated events change nothing and arrival order does not matter.
import { localDate, parseIsoTimestamp, type HallEvent } from "../../../contract/index.js";
import type { ItemOutcomes, MaterialRequest, Visit } from "./inputs.js";

interface TicketInfo {
  ticketNo: string;
  itemCode: string | null;
  date: string;
  ms: number;
  eventId: string;
}

interface Completion {
  ticketId: string;
  windowId: string;
  ts: string;
  ms: number;
  eventId: string;
  date: string;
  needsMaterials: boolean;
  materials: readonly string[];
}

/** Whether an event at (ms, eventId) comes before `prev` in time (ties broken by event id, as HallFacts does). */
const earlier = (ms: number, eventId: string, prev: { ms: number; eventId: string }) => ms < prev.ms || (ms === prev.ms && eventId < prev.eventId);

export class ConsistencyFacts {
  private readonly tickets = new Map<string, TicketInfo>();
  private readonly visits = new Map<string, Visit>();
  /**
   * Each case's visits held: the ticket id of its only one, or the list when there are several. Most cases
   * come once, and only a case seen twice can pass a visit limit, so the rule reads the few repeat cases
   * (`repeatVisitsSince`) instead of grouping two months of visits at every evaluation — ~55,000 on a busy
   * hall, 50–90 ms of event loop each time (issue #8, bench/consistency-steady.ts).
   */
  private readonly caseTickets = new Map<string, string | string[]>();
  /**
   * The cases whose held visits fall on two dates or more, kept as visits come and go: the rule reads
   * only these, and testing every case with several tickets at each evaluation grew with the cases held —
   * 7% of a cluster node's busy time at 1,000 events/s, where every repeat falls on one day (issue #11's
   * scale-out profile).
   */
  private readonly repeatCases = new Set<string>();
  /** One completion per ticket and window (the first by time). */
  private readonly completions = new Map<string, Completion>();
  /**
   * The completions that requested materials — the only ones the material rule reads; most request none —
   * each with its date and the request as the rule reads it (null while its ticket's item is unknown), kept
   * as completions and their tickets fold. Walking every completion, then building each request again at
   * every evaluation, was 2.5% and then 3.5% of a node's busy main thread (issue #11's profiles).
   */
  private readonly materialRequests = new Map<string, { date: string; request: MaterialRequest | null }>();
  /**
   * Each ticket's completion keys, so that a change of its item moves its completions' counts. An array, not
   * a Set: nearly every ticket has one, and a Set's table for one key cost ~330 bytes (issue #8, memory).
   */
  private readonly completionsOfTicket = new Map<string, string[]>();
  /**
   * Completions and needs_materials per hall-local date and item, kept as completions and their tickets'
   * items change: the event rules ask for 30 days of them after every burst of events, and counting them
   * again each time was most of an evaluation on a busy hall (issue #8).
   */
  private readonly outcomeCounts = new Map<string, Map<string, { completions: number; needsMaterials: number }>>();

  /**
   * One string per hall-local date, item code and printed ticket number: each event brings its own copies,
   * and two months of visits hold them per ticket (issue #8, bench/memory-steady.ts). Codes and numbers
   * repeat from day to day (a hall prints A001 every morning), so the table stays small; both tables are
   * cleared at each prune (daily), so that numbers a queue system never repeats cannot pile up in them.
   */
  private readonly strings = new Map<string, string>();
  /** UTC quarter hour → its hall-local date (one string per day; localDate formats a new one at each call). */
  private readonly dates = new Map<number, string>();

  constructor(private readonly timeZone: string) {}

  private shared(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }

  private dateOf(ms: number): string {
    // Hall-local midnights fall on whole quarter hours of UTC (every offset in use is a multiple of 15 min,
    // e.g. +5:45): all instants of one UTC quarter hour share a hall-local date.
    const quarter = Math.floor(ms / 900_000);
    let date = this.dates.get(quarter);
    if (date === undefined) {
      date = localDate(ms, this.timeZone);
      this.dates.set(quarter, date);
    }
    return date;
  }

  add(event: HallEvent): void {
    const ms = parseIsoTimestamp(event.ts);
    if (ms === null) return;
    if (event.type === "ticket.issued") {
      const prev = this.tickets.get(event.ticketId);
      // The earliest issue counts (as in HallFacts), whatever the arrival order: for the ticket and its visit.
      if (prev && !earlier(ms, event.id, prev)) return;
      const date = this.dateOf(ms);
      const itemCode = event.itemCode === undefined ? null : this.shared(event.itemCode);
      const ticketNo = this.shared(event.ticketNo);
      this.countTicket(event.ticketId, -1);
      this.tickets.set(event.ticketId, { ticketNo, itemCode, date, ms, eventId: event.id });
      this.countTicket(event.ticketId, 1);
      for (const key of this.completionsOfTicket.get(event.ticketId) ?? []) if (this.materialRequests.has(key)) this.keepMaterialRequest(key);
      this.dropVisit(event.ticketId);
      if (event.caseRef && itemCode) this.keepVisit({ caseRef: event.caseRef, itemCode, date, ticketId: event.ticketId, ticketNo });
    } else if (event.type === "service.completed") {
      const key = `${event.ticketId}\u0000${event.windowId}`;
      const prev = this.completions.get(key);
      // The first by time: compare instants, not the text (offsets may differ).
      if (prev && !earlier(ms, event.id, prev)) return;
      if (prev) this.count(prev, -1);
      const keys = this.completionsOfTicket.get(event.ticketId);
      if (!keys) this.completionsOfTicket.set(event.ticketId, [key]);
      else if (!keys.includes(key)) keys.push(key);
      const materials = event.requestedMaterials ?? [];
      this.completions.set(key, {
        ticketId: event.ticketId,
        windowId: event.windowId,
        ts: event.ts,
        ms,
        eventId: event.id,
        date: this.dateOf(ms),
        needsMaterials: event.outcome === "needs_materials",
        materials,
      });
      if (materials.length > 0) this.keepMaterialRequest(key);
      else this.materialRequests.delete(key);
      this.count(this.completions.get(key) as Completion, 1);
    }
  }

  /** Adds (+1) or takes back (−1) a completion in the counts of its date and its ticket's item. */
  private count(c: Completion, sign: 1 | -1): void {
    const code = this.tickets.get(c.ticketId)?.itemCode;
    if (!code) return;
    let byItem = this.outcomeCounts.get(c.date);
    if (!byItem) {
      byItem = new Map();
      this.outcomeCounts.set(c.date, byItem);
    }
    const o = byItem.get(code) ?? { completions: 0, needsMaterials: 0 };
    o.completions += sign;
    if (c.needsMaterials) o.needsMaterials += sign;
    if (o.completions === 0) byItem.delete(code);
    else byItem.set(code, o);
    if (byItem.size === 0) this.outcomeCounts.delete(c.date);
  }

  /** Every completion of a ticket, counted in (+1) or out (−1) under the ticket's current item. */
  private countTicket(ticketId: string, sign: 1 | -1): void {
    for (const key of this.completionsOfTicket.get(ticketId) ?? []) {
      const c = this.completions.get(key);
      if (c) this.count(c, sign);
    }
  }

  /** Visits on or after `sinceDate` (hall-local YYYY-MM-DD). */
  visitsSince(sinceDate: string): Visit[] {
    const out: Visit[] = [];
    for (const v of this.visits.values()) if (v.date >= sinceDate) out.push(v);
    return out;
  }

  /**
   * The visits on or after `sinceDate` of every case held on two dates or more (at any date). A case seen
   * on one day only passes any visit limit (at least one day), however many tickets it drew that day. In the
   * benchmark's 1,000 events/s every repeat falls on one day, and copying them all out at each evaluation
   * was a tenth of the server's allocations (issue #8's allocation profile).
   */
  repeatVisitsSince(sinceDate: string): Visit[] {
    const out: Visit[] = [];
    for (const caseRef of this.repeatCases) {
      for (const id of this.caseTickets.get(caseRef) as string[]) {
        const v = this.visits.get(id);
        if (v && v.date >= sinceDate) out.push(v);
      }
    }
    return out;
  }

  private onTwoDates(ticketIds: readonly string[]): boolean {
    let date: string | undefined;
    for (const id of ticketIds) {
      const d = this.visits.get(id)?.date;
      if (d === undefined) continue;
      if (date === undefined) date = d;
      else if (d !== date) return true;
    }
    return false;
  }

  private keepVisit(v: Visit): void {
    this.visits.set(v.ticketId, v);
    const ids = this.caseTickets.get(v.caseRef);
    if (ids === undefined) this.caseTickets.set(v.caseRef, v.ticketId);
    else if (typeof ids === "string") this.caseTickets.set(v.caseRef, [ids, v.ticketId]);
    else ids.push(v.ticketId);
    this.noteRepeat(v.caseRef);
  }

  /** Whether the case is in `repeatCases` now that its visits changed. */
  private noteRepeat(caseRef: string): void {
    const ids = this.caseTickets.get(caseRef);
    if (ids !== undefined && typeof ids !== "string" && this.onTwoDates(ids)) this.repeatCases.add(caseRef);
    else this.repeatCases.delete(caseRef);
  }

  private dropVisit(ticketId: string): void {
    const v = this.visits.get(ticketId);
    if (!v) return;
    this.visits.delete(ticketId);
    const ids = this.caseTickets.get(v.caseRef);
    if (ids === undefined || typeof ids === "string") this.caseTickets.delete(v.caseRef);
    else {
      const rest = ids.filter((id) => id !== ticketId);
      this.caseTickets.set(v.caseRef, rest.length === 1 ? (rest[0] as string) : rest);
    }
    this.noteRepeat(v.caseRef);
  }

  materialRequestsSince(sinceDate: string): MaterialRequest[] {
    const out: MaterialRequest[] = [];
    this.materialRequests.forEach(({ date, request }) => {
      if (request !== null && date >= sinceDate) out.push(request);
    });
    return out;
  }

  /** The request of the completion at `key` (which requested materials) as its completion and ticket are now. */
  private keepMaterialRequest(key: string): void {
    const c = this.completions.get(key) as Completion;
    const t = this.tickets.get(c.ticketId);
    const request = t?.itemCode ? { ticketId: c.ticketId, ticketNo: t.ticketNo, itemCode: t.itemCode, windowId: c.windowId, ts: c.ts, materials: c.materials } : null;
    this.materialRequests.set(key, { date: c.date, request });
  }

  outcomesSince(sinceDate: string): ItemOutcomes[] {
    const byItem = new Map<string, ItemOutcomes>();
    for (const [date, counts] of this.outcomeCounts) {
      if (date < sinceDate) continue;
      for (const [code, n] of counts) {
        const o = byItem.get(code) ?? { itemCode: code, completions: 0, needsMaterials: 0 };
        o.completions += n.completions;
        o.needsMaterials += n.needsMaterials;
        byItem.set(code, o);
      }
    }
    return [...byItem.values()].sort((a, b) => (a.itemCode < b.itemCode ? -1 : 1));
  }

  /** The dates the last prune kept from (pruning again to the same dates would find nothing new to drop). */
  private prunedVisits = "";
  private prunedOutcomes = "";

  /**
   * Forgets visits dated before `visitsFrom` and completions dated before `outcomesFrom`, then every ticket
   * dated before the later of the two that no kept visit or completion needs. The visits rule reads 60 days,
   * the outcome and material rules 30: a completion older than those 30 days is read by no rule, and
   * keeping completions as long as visits held a busy hall's every completion of two months (issue #8's
   * steady-state memory, bench/memory-steady.ts). Runs when a date moves on (once a day): pruning at every
   * evaluation walked every fact under load. An event of an older day that arrives later stays until then;
   * every rule reads by date (`…Since`), so it changes no finding.
   */
  pruneBefore(visitsFrom: string, outcomesFrom: string = visitsFrom): void {
    if (visitsFrom <= this.prunedVisits && outcomesFrom <= this.prunedOutcomes) return;
    this.prunedVisits = visitsFrom > this.prunedVisits ? visitsFrom : this.prunedVisits;
    this.prunedOutcomes = outcomesFrom > this.prunedOutcomes ? outcomesFrom : this.prunedOutcomes;
    const ticketsFrom = visitsFrom > outcomesFrom ? visitsFrom : outcomesFrom;
    // Started afresh: kept facts keep their strings, and the tables never hold more than a few days' values.
    this.strings.clear();
    this.dates.clear();
    for (const [k, v] of this.visits) if (v.date < visitsFrom) this.dropVisit(k);
    const keep = new Set<string>();
    for (const [k, c] of this.completions) {
      if (c.date < outcomesFrom) {
        this.count(c, -1);
        this.completions.delete(k);
        this.materialRequests.delete(k);
        const keys = this.completionsOfTicket.get(c.ticketId);
        if (keys) this.completionsOfTicket.set(c.ticketId, keys.filter((x) => x !== k));
      } else keep.add(c.ticketId);
    }
    for (const [id, keys] of this.completionsOfTicket) if (keys.length === 0) this.completionsOfTicket.delete(id);
    for (const v of this.visits.values()) keep.add(v.ticketId);
    for (const [id, t] of this.tickets) if (t.date < ticketsFrom && !keep.has(id)) this.tickets.delete(id);
  }
}
