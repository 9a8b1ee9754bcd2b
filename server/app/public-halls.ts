// The public side of every hall (issue #10): the live public view and ticket lookups from the in-memory
// live state, and the open data from the day rollups. Only halls whose configuration opts in are served;
// any other hall — configured or not — is simply not there (null), so that the answer does not reveal
// which halls exist.
import { DEFAULT_PUBLIC_MIN_CELL_COUNT, isPublicHall, localDate, startOfLocalDay, type HallConfig } from "../../contract/index.js";
import type { OpenDataDaily, PublicHallView, PublicTicket } from "../../contract/public.js";
import { openDataRows } from "../domain/public/open-data.js";
import { openFindingsPerDay, type FindingSpan } from "../domain/public/open-findings.js";
import { publicTicketIndex } from "../domain/public/public-ticket.js";
import { publicHallView } from "../domain/public/public-view.js";
import type { CalendarHolder } from "./calendar-holder.js";
import type { HallDirectory } from "./hall-directory.js";
import type { RollupReader } from "./history-query.js";
import type { LiveHalls } from "./live-halls.js";
import type { Clock } from "./ports.js";

/** Findings with their lifetimes (the finding repository's per-rule history). */
export interface FindingHistory {
  history(hallId: string, since: Date): Promise<FindingSpan[]>;
}

export interface PublicHallsDeps {
  directory: HallDirectory;
  live: LiveHalls;
  calendar: CalendarHolder;
  clock: Clock;
  rollups: RollupReader;
  findings: FindingHistory;
}

/**
 * A public view is rebuilt at most once a second per published live view: a crowd of phones polling the
 * same hall then costs one computation per second, however many they are.
 */
const VIEW_REUSE_MS = 1000;

const DAY_MS = 86_400_000;
const nextDate = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

export class PublicHalls {
  private readonly tickets = new Map<string, { seq: number; at: number; index: Map<string, PublicTicket> }>();
  private readonly views = new Map<string, { seq: number; at: number; view: PublicHallView; json: string; etag: string }>();

  constructor(private readonly deps: PublicHallsDeps) {}

  /** The hall's configuration if it opted in, else null. */
  hall(hallId: string): HallConfig | null {
    const hall = this.deps.directory.get(hallId);
    return hall && isPublicHall(hall) ? hall : null;
  }

  /** The view serialized once for every request that shares it, with an ETag for revalidation. */
  viewJson(hallId: string): { json: string; etag: string } | null {
    return this.cachedView(hallId);
  }

  private cachedView(hallId: string) {
    const hall = this.hall(hallId);
    if (!hall) return null;
    const snapshot = this.deps.live.snapshot(hallId);
    if (!snapshot) return null;
    const now = this.deps.clock.now();
    const cached = this.views.get(hallId);
    if (cached && cached.seq === snapshot.seq && now >= cached.at && now - cached.at < VIEW_REUSE_MS) return cached;
    const view = publicHallView({ hallId, hall, view: snapshot.view, calendar: this.deps.calendar.get(), now });
    const json = JSON.stringify(view);
    const entry = { seq: snapshot.seq, at: now, view, json, etag: `W/"${snapshot.seq.toString(36)}-${now.toString(36)}"` };
    this.views.set(hallId, entry);
    return entry;
  }

  /**
   * undefined: no such public hall; null: no such ticket today. Today's tickets are indexed once per
   * published live view (and at most once a second), so a crowd of lookups costs one pass over the queues.
   */
  ticket(hallId: string, ticketNo: string): PublicTicket | null | undefined {
    const hall = this.hall(hallId);
    if (!hall) return undefined;
    const snapshot = this.deps.live.snapshot(hallId);
    const seq = snapshot?.seq ?? -1;
    const now = this.deps.clock.now();
    let cached = this.tickets.get(hallId);
    if (!cached || cached.seq !== seq || now < cached.at || now - cached.at >= VIEW_REUSE_MS) {
      const waits = snapshot?.view.floor?.waits ?? [];
      const live = this.deps.live;
      const index = publicTicketIndex({
        hallId,
        hall,
        facts: live.facts(hallId),
        waits,
        ticketBand: (ticketId) => live.ticketBand(hallId, ticketId),
        dayStart: startOfLocalDay(now, hall.timezone),
        now,
      });
      cached = { seq, at: now, index };
      this.tickets.set(hallId, cached);
    }
    return cached.index.get(ticketNo.toUpperCase()) ?? null;
  }

  /** The hall-local date of yesterday: the last day open data publishes (today is not over). */
  lastCompleteDay(hall: HallConfig): string {
    return localDate(startOfLocalDay(this.deps.clock.now(), hall.timezone) - 1, hall.timezone);
  }

  /** Daily open data for the whole hall-local days from … to (both included; the caller checks the range). */
  async openData(hallId: string, from: string, to: string): Promise<OpenDataDaily | null> {
    const hall = this.hall(hallId);
    if (!hall) return null;
    const dates: string[] = [];
    for (let d = from; d <= to; d = nextDate(d)) dates.push(d);
    const minCellCount = hall.public?.minCellCount ?? DEFAULT_PUBLIC_MIN_CELL_COUNT;
    const rows = dates.length > 0 ? openDataRows(await this.deps.rollups.readDays(hallId, from, to), hall, dates, minCellCount) : [];
    const since = new Date(Date.parse(`${from}T00:00:00Z`) - 2 * DAY_MS);
    const findings = dates.length > 0 ? openFindingsPerDay(await this.deps.findings.history(hallId, since), dates, hall.timezone) : [];
    return {
      hallId,
      name: hall.name,
      from,
      to,
      licence: hall.public?.licence ?? null,
      minCellCount,
      waitTargetMinutes: hall.targets.waitMinutes,
      pendingDays: await this.deps.rollups.pending(hallId, localDate(this.deps.clock.now(), hall.timezone)),
      rows,
      findings,
    };
  }
}
