// 好差评 follow-up: every poor evaluation (rating ≤ 2) opens a case with a deadline in working days on
// the official calendar (per hall, default 15); managers move it through its states; overdue cases are
// counted for the wall, and the followed-up and on-time shares reported per month and window.
import {
  DEFAULT_FOLLOW_UP_WORKING_DAYS,
  localDate,
  parseIsoTimestamp,
  type FollowUpCase,
  type FollowUpReport,
  type FollowUpState,
  type HallEvent,
} from "../../contract/index.js";
import type { WorkingCalendar } from "../domain/calendar/working-calendar.js";
import { canTransition, followUpReport, isClosed, isOverdue, isPoorRating, POOR_RATING_MAX } from "../domain/followup/follow-up-rules.js";
import type { StoredCase } from "../adapters/sqlite/follow-up-repository.js";
import type { HallDirectory } from "./hall-directory.js";
import { DAY_MS, forLogSlices } from "./log-slices.js";
import type { Clock, EventLog } from "./ports.js";
import { TrailingRuns } from "./trailing-runs.js";

/** How far back the log is searched on start for poor evaluations without a case (a crash in between). */
const BACKFILL_DAYS = 120;

export interface FollowUpPorts {
  clock: Clock;
  log: EventLog;
  directory: HallDirectory;
  calendar(): WorkingCalendar;
  repo: {
    /** Opens each case its evaluation does not have yet (one transaction); returns how many were new. */
    openManyIfMissing(cases: readonly Omit<StoredCase, "id" | "state" | "history">[], openedAt: Date): Promise<number>;
    list(hallId: string): Promise<StoredCase[]>;
    /** How many cases isOverdue(case, today) holds for. */
    countOverdue(hallId: string, today: string): Promise<number>;
    get(hallId: string, id: number): Promise<StoredCase | null>;
    transition(hallId: string, id: number, from: FollowUpState, step: StoredCase["history"][number], history: StoredCase["history"]): Promise<boolean>;
  };
  onChange(hallId: string): void;
  /** Issue #11: cases were opened or moved here (other nodes of a cluster refresh their overdue counts). */
  onCasesChanged?(hallId: string): void;
}

export type TransitionResult = { ok: true; case: FollowUpCase } | { ok: false; status: 404 | 409 | 400; message: string };

export class FollowUpService {
  private readonly overdue = new Map<string, number>();
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private readonly recounts = new TrailingRuns();

  constructor(private readonly ports: FollowUpPorts) {}

  /** The overdue counts the walls show. The cases a crash may have left unopened: `backfill`, after the start. */
  async load(): Promise<void> {
    for (const hallId of this.ports.directory.ids()) await this.refreshOverdue(hallId);
  }

  /**
   * Opens the case of each poor evaluation of the last 120 days that has none — one committed just before
   * a crash, its case not yet written. Run once the server is up: reading 120 days of evaluations took
   * ~0.3 s of a busy hall's restart (issue #8's measurement 3). A hall at a time in the queue of the live
   * events' cases, so that those wait for one hall's read, not for every hall's. Every hall is tried; the
   * first failure is thrown at the end.
   */
  async backfill(): Promise<void> {
    const now = this.ports.clock.now();
    let failure: unknown = null;
    for (const hallId of this.ports.directory.ids()) {
      const step = this.queue.then(() => this.backfillHall(hallId, now - BACKFILL_DAYS * DAY_MS, now));
      this.queue = step.catch(() => undefined);
      await step.catch((err: unknown) => (failure ??= err));
    }
    if (failure !== null) throw failure;
  }

  private async backfillHall(hallId: string, since: number, now: number): Promise<void> {
    // Only evaluations without a case are looked into: each needs its ticket's issue from the log.
    const cased = new Set((await this.ports.repo.list(hallId)).map((c) => c.evaluationEventId));
    const { log } = this.ports;
    // The rating is compared in the query. On SQLite a day at a time (a synchronous read scans the day's
    // events); on PostgreSQL in one query a hall: 120 day-slices a hall were 7,200 queries at a province
    // node's start, for the few poor evaluations there are.
    const sliceMs = log.readsHoldEventLoop ? DAY_MS : now - since + 1;
    let opened = 0;
    await forLogSlices(since, now, sliceMs, (from, before) => log.evaluationsRatedAtMost(hallId, POOR_RATING_MAX, from, before), async (poor) => {
      opened += (await this.openFor(hallId, poor.filter((e) => !cased.has(e.id)))).opened;
    });
    if (opened === 0) return;
    await this.refreshOverdue(hallId);
    this.ports.onChange(hallId);
    this.ports.onCasesChanged?.(hallId);
  }

  /** Every ten minutes: a new hall-local day can make open cases overdue. */
  start(): void {
    this.timer = setInterval(() => {
      for (const hallId of this.ports.directory.ids()) void this.refreshOverdue(hallId).catch(() => undefined);
    }, 10 * 60_000);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  overdueCount(hallId: string): number {
    return this.overdue.get(hallId) ?? 0;
  }

  onEvents(hallId: string, events: readonly HallEvent[]): void {
    const poor = events.filter((e) => e.type === "evaluation.submitted" && isPoorRating(e.rating));
    if (poor.length === 0) return;
    this.queue = this.queue.then(async () => {
      const { deadlines } = await this.openFor(hallId, poor);
      // A new case is overdue only when its evaluation arrived after its deadline (a late event); only then
      // is the hall's overdue count re-read — listing every case per batch made ingest slow as cases grew.
      const today = this.today(hallId);
      if (deadlines.some((d) => isOverdue({ deadline: d, state: "open" }, today))) await this.refreshOverdue(hallId);
      this.ports.onChange(hallId);
      if (deadlines.length > 0) this.ports.onCasesChanged?.(hallId);
    }).catch(() => undefined);
  }

  /**
   * Re-counts overdue cases (a new hall-local day makes some overdue; another node opened or moved some).
   * Calls while a count runs share one count after it.
   */
  refreshOverdue(hallId: string): Promise<void> {
    return this.recounts.run(hallId, async () => {
      const before = this.overdue.get(hallId);
      const count = await this.ports.repo.countOverdue(hallId, this.today(hallId));
      this.overdue.set(hallId, count);
      if (before !== undefined && before !== count) this.ports.onChange(hallId);
    });
  }

  async list(hallId: string): Promise<FollowUpCase[]> {
    const today = this.today(hallId);
    return (await this.ports.repo.list(hallId)).map((c) => this.view(c, today));
  }

  async transition(hallId: string, id: number, to: FollowUpState, note: string | null, by: string): Promise<TransitionResult> {
    const c = await this.ports.repo.get(hallId, id);
    if (!c) return { ok: false, status: 404, message: "follow-up case not found" };
    if (!canTransition(c.state, to)) return { ok: false, status: 409, message: `a case in state "${c.state}" cannot move to "${to}"` };
    const step = { state: to, at: new Date(this.ports.clock.now()).toISOString(), note, by };
    if (!(await this.ports.repo.transition(hallId, id, c.state, step, c.history)))
      return { ok: false, status: 409, message: "the case changed meanwhile; reload it" };
    await this.refreshOverdue(hallId);
    this.ports.onChange(hallId);
    this.ports.onCasesChanged?.(hallId);
    return { ok: true, case: this.view({ ...c, state: to, history: [...c.history, step] }, this.today(hallId)) };
  }

  async report(hallId: string): Promise<FollowUpReport> {
    const hall = this.ports.directory.get(hallId);
    const tz = hall?.timezone ?? "UTC";
    const cases = await this.ports.repo.list(hallId);
    return followUpReport(
      cases.map((c) => {
        const closing = isClosed(c.state) ? c.history.findLast((h) => isClosed(h.state)) : undefined;
        return {
          windowId: c.windowId,
          evaluatedOn: localDate(c.evaluatedAt.getTime(), tz),
          deadline: c.deadline,
          state: c.state,
          closedOn: closing ? localDate(Date.parse(closing.at), tz) : null,
        };
      }),
    );
  }

  /** Opens the cases of the poor evaluations among `events` (each once): the deadlines of those considered, how many were new. */
  private async openFor(hallId: string, events: readonly HallEvent[]): Promise<{ deadlines: string[]; opened: number }> {
    const hall = this.ports.directory.get(hallId);
    if (!hall) return { deadlines: [], opened: 0 };
    const days = hall.followUp?.deadlineWorkingDays ?? DEFAULT_FOLLOW_UP_WORKING_DAYS;
    const cases: Omit<StoredCase, "id" | "state" | "history">[] = [];
    for (const e of events) {
      if (e.type !== "evaluation.submitted" || !isPoorRating(e.rating)) continue;
      const ms = parseIsoTimestamp(e.ts);
      if (ms === null) continue;
      const issue = (await this.ports.log.eventsOfTicket(hallId, e.ticketId)).find((x) => x.type === "ticket.issued");
      const deadline = this.ports.calendar().addWorkingDays(localDate(ms, hall.timezone), days);
      cases.push({
        hallId,
        evaluationEventId: e.id,
        ticketId: e.ticketId,
        ticketNo: issue?.type === "ticket.issued" ? issue.ticketNo : null,
        windowId: e.windowId,
        itemCode: issue?.type === "ticket.issued" ? (issue.itemCode ?? null) : null,
        rating: e.rating,
        evaluatedAt: new Date(ms),
        deadline: deadline.date,
        provisional: deadline.provisional,
      });
    }
    const opened = await this.ports.repo.openManyIfMissing(cases, new Date(this.ports.clock.now()));
    return { deadlines: cases.map((c) => c.deadline), opened };
  }

  private today(hallId: string): string {
    return localDate(this.ports.clock.now(), this.ports.directory.get(hallId)?.timezone ?? "UTC");
  }

  private view(c: StoredCase, today: string): FollowUpCase {
    return {
      id: c.id,
      hallId: c.hallId,
      ticketId: c.ticketId,
      ticketNo: c.ticketNo,
      windowId: c.windowId,
      itemCode: c.itemCode,
      rating: c.rating,
      evaluatedAt: c.evaluatedAt.toISOString(),
      deadline: c.deadline,
      provisional: c.provisional,
      state: c.state,
      history: c.history,
      overdue: isOverdue(c, today),
    };
  }
}
