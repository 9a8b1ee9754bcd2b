// The facts the event rules need, folded from accepted events as they arrive: visits per case and item,
// completions that requested materials, and completions per item and hall-local day. Like HallFacts it
// is keyed by ids, so repeated events change nothing and arrival order does not matter.
import { localDate, parseIsoTimestamp, type HallEvent } from "../../../contract/index.js";
import { CaseVisits } from "./case-visits.js";
import type { ItemOutcomes, MaterialRequest, Visit } from "./inputs.js";

interface TicketInfo {
  /** The ticket's id as its issue gave it: a completion folded later is keyed by this string, not a copy. */
  id: string;
  ticketNo: string;
  itemCode: string | null;
  date: string;
  ms: number;
  eventId: string;
  /**
   * The case of its visit (最多跑一次), while the visit is held: a ticket issued for a case and an item.
   * The visit is read from the ticket (visitOf) instead of kept as an object of its own (~90 bytes a
   * ticket for two months, issue #11's memory per hall).
   */
  caseRef: string | null;
}

interface Completion {
  windowId: string;
  ms: number;
  eventId: string;
  date: string;
  needsMaterials: boolean;
  materials: readonly string[];
  /** The event's own text, kept only where materials were requested (a request shows it). */
  ts?: string;
  /** The request as the material rule reads it, null while the ticket's item is unknown; only with materials. */
  request?: MaterialRequest | null;
}

/** A completion without requested materials (most): one shared empty list instead of one each. */
const NO_MATERIALS: readonly string[] = Object.freeze([]);

/** Whether an event at (ms, eventId) comes before `prev` in time (ties broken by event id, as HallFacts does). */
const earlier = (ms: number, eventId: string, prev: { ms: number; eventId: string }) => ms < prev.ms || (ms === prev.ms && eventId < prev.eventId);

export class ConsistencyFacts {
  private readonly tickets = new Map<string, TicketInfo>();
  /** The visits held, indexed by case for the visit rule (a ticket's visit is its case and date here). */
  private readonly cases = new CaseVisits((ticketId) => this.tickets.get(ticketId)?.date);
  /**
   * One completion per ticket and window (the first by time), by ticket: the one, or the list when the
   * ticket was completed at several windows. Keyed by ticket, not by a ticket-and-window string, so that a
   * completion costs no key of its own and a ticket's completions are found at once when its item changes
   * (~130 bytes a completion less, issue #11's memory per hall).
   */
  private readonly completions = new Map<string, Completion | Completion[]>();
  /**
   * The completions that requested materials — the only ones the material rule reads; most request none —
   * each holding its request as the rule reads it, kept as completions and their tickets fold. Walking every
   * completion, then building each request again at every evaluation, was 2.5% and then 3.5% of a node's
   * busy main thread (issue #11's profiles).
   */
  private readonly withMaterials = new Set<Completion>();
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
      const ticketId = event.ticketId;
      const prev = this.tickets.get(ticketId);
      // The earliest issue counts (as in HallFacts), whatever the arrival order: for the ticket and its visit.
      if (prev && !earlier(ms, event.id, prev)) return;
      const date = this.dateOf(ms);
      const itemCode = event.itemCode === undefined ? null : this.shared(event.itemCode);
      const ticketNo = this.shared(event.ticketNo);
      this.countTicket(ticketId, -1);
      this.dropVisit(ticketId);
      this.tickets.set(ticketId, { id: prev?.id ?? ticketId, ticketNo, itemCode, date, ms, eventId: event.id, caseRef: null });
      this.countTicket(ticketId, 1);
      for (const c of completionsIn(this.completions.get(ticketId))) if (c.request !== undefined) this.keepMaterialRequest(ticketId, c);
      if (event.caseRef && itemCode) this.keepVisit(ticketId, event.caseRef);
    } else if (event.type === "service.completed") {
      // The string where the ticket is known: the event's own copy is dropped with the event.
      const ticketId = this.tickets.get(event.ticketId)?.id ?? event.ticketId;
      const held = this.completions.get(ticketId);
      const prev = completionsIn(held).find((c) => c.windowId === event.windowId);
      // The first by time: compare instants, not the text (offsets may differ).
      if (prev && !earlier(ms, event.id, prev)) return;
      if (prev) {
        this.count(ticketId, prev, -1);
        this.withMaterials.delete(prev);
      }
      const materials = event.requestedMaterials && event.requestedMaterials.length > 0 ? event.requestedMaterials : NO_MATERIALS;
      const c: Completion = { windowId: this.shared(event.windowId), ms, eventId: event.id, date: this.dateOf(ms), needsMaterials: event.outcome === "needs_materials", materials };
      if (materials.length > 0) c.ts = event.ts;
      this.completions.set(ticketId, withCompletion(held, prev, c));
      if (materials.length > 0) {
        this.keepMaterialRequest(ticketId, c);
        this.withMaterials.add(c);
      }
      this.count(ticketId, c, 1);
    }
  }

  /** Adds (+1) or takes back (−1) a completion in the counts of its date and its ticket's item. */
  private count(ticketId: string, c: Completion, sign: 1 | -1): void {
    const code = this.tickets.get(ticketId)?.itemCode;
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
    for (const c of completionsIn(this.completions.get(ticketId))) this.count(ticketId, c, sign);
  }

  /** Visits on or after `sinceDate` (hall-local YYYY-MM-DD). */
  visitsSince(sinceDate: string): Visit[] {
    const out: Visit[] = [];
    this.tickets.forEach((t, ticketId) => {
      if (t.caseRef !== null && t.date >= sinceDate) out.push(visitOf(ticketId, t, t.caseRef));
    });
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
    this.cases.forEachRepeat((caseRef, id) => {
      const t = this.tickets.get(id);
      if (t && t.date >= sinceDate) out.push(visitOf(id, t, caseRef));
    });
    return out;
  }

  /** Holds the ticket's visit for the case (its item known: a visit is a case and an item). */
  private keepVisit(ticketId: string, caseRef: string): void {
    (this.tickets.get(ticketId) as TicketInfo).caseRef = caseRef;
    this.cases.add(caseRef, ticketId);
  }

  private dropVisit(ticketId: string): void {
    const t = this.tickets.get(ticketId);
    if (!t || t.caseRef === null) return;
    const caseRef = t.caseRef;
    t.caseRef = null;
    this.cases.remove(caseRef, ticketId);
  }

  materialRequestsSince(sinceDate: string): MaterialRequest[] {
    const out: MaterialRequest[] = [];
    this.withMaterials.forEach((c) => {
      if (c.request && c.date >= sinceDate) out.push(c.request);
    });
    return out;
  }

  /** The request of a completion with materials, as its completion and ticket are now. */
  private keepMaterialRequest(ticketId: string, c: Completion): void {
    const t = this.tickets.get(ticketId);
    c.request = t?.itemCode ? { ticketId, ticketNo: t.ticketNo, itemCode: t.itemCode, windowId: c.windowId, ts: c.ts as string, materials: c.materials } : null;
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
    for (const [id, t] of this.tickets) if (t.caseRef !== null && t.date < visitsFrom) this.dropVisit(id);
    const keep = new Set<string>();
    for (const [ticketId, held] of this.completions) {
      const kept = completionsIn(held).filter((c) => {
        if (c.date >= outcomesFrom) return true;
        this.count(ticketId, c, -1);
        this.withMaterials.delete(c);
        return false;
      });
      if (kept.length === 0) this.completions.delete(ticketId);
      else {
        this.completions.set(ticketId, kept.length === 1 ? (kept[0] as Completion) : kept);
        keep.add(ticketId);
      }
    }
    for (const [id, t] of this.tickets) if (t.caseRef !== null) keep.add(id);
    for (const [id, t] of this.tickets) if (t.date < ticketsFrom && !keep.has(id)) this.tickets.delete(id);
  }
}

/** The completions held for a ticket, as a list. */
function completionsIn(held: Completion | Completion[] | undefined): readonly Completion[] {
  return held === undefined ? [] : Array.isArray(held) ? held : [held];
}

/** What is held for a ticket once `c` replaces `prev` (the same window's), or joins the others. */
function withCompletion(held: Completion | Completion[] | undefined, prev: Completion | undefined, c: Completion): Completion | Completion[] {
  if (held === undefined || held === prev) return c;
  const others = completionsIn(held).filter((x) => x !== prev);
  return others.length === 0 ? c : [...others, c];
}

function visitOf(ticketId: string, t: TicketInfo, caseRef: string): Visit {
  return { caseRef, itemCode: t.itemCode as string, date: t.date, ticketId, ticketNo: t.ticketNo };
}
