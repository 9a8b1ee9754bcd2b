// 好差评 follow-up cases through Prisma; one case per poor evaluation (unique by its event id).
// Opening cases is on the ingest path (every poor rating), so the new cases go to the event log's writer
// as prepared-statement rows committed with the events' groups, instead of two Prisma queries per case
// (each compiled by Prisma's query compiler: ~2.5 ms of event-loop time, 23% of ingest in the benchmark's
// profile) on a second connection that would wait for the writer's lock. The row is written in the format
// Prisma itself writes (DateTime as ISO text with "+00:00", booleans as 0/1), so Prisma reads it back.
import { CLOSED_STATES, type FollowUpState, type FollowUpStep } from "../../../contract/index.js";
import type { AppendOutcome } from "../../app/ports.js";
import type { FollowUpCaseRow, WriteRow } from "./log-writer.js";
import type { Prisma } from "./prisma.js";

export interface StoredCase {
  id: number;
  hallId: string;
  evaluationEventId: string;
  ticketId: string;
  ticketNo: string | null;
  windowId: string;
  itemCode: string | null;
  rating: number;
  evaluatedAt: Date;
  deadline: string;
  provisional: boolean;
  state: FollowUpState;
  history: FollowUpStep[];
}

type Row = Omit<StoredCase, "state" | "history"> & { state: string; history: string };
const toCase = (r: Row): StoredCase => ({ ...r, state: r.state as FollowUpState, history: JSON.parse(r.history) as FollowUpStep[] });

export type NewCase = Omit<StoredCase, "id" | "state" | "history">;

/** Prisma's SQLite DateTime text: ISO-8601 with milliseconds and "+00:00". */
export const prismaDateTime = (d: Date): string => d.toISOString().replace(/Z$/, "+00:00");

export class PrismaFollowUpRepository {
  constructor(
    private readonly prisma: Prisma,
    private readonly writer: { write(rows: WriteRow[]): Promise<AppendOutcome[]> },
  ) {}

  /** Creates each case whose evaluation has none yet, in one transaction; returns how many were new. */
  async openManyIfMissing(cases: readonly NewCase[], openedAt: Date): Promise<number> {
    if (cases.length === 0) return 0;
    const history = JSON.stringify([{ state: "open", at: openedAt.toISOString(), note: null, by: null }] satisfies FollowUpStep[]);
    const now = prismaDateTime(openedAt);
    const rows = cases.map(
      (c): FollowUpCaseRow => ["f", c.hallId, c.evaluationEventId, c.ticketId, c.ticketNo, c.windowId, c.itemCode, c.rating, prismaDateTime(c.evaluatedAt), c.deadline, c.provisional ? 1 : 0, history, now],
    );
    return (await this.writer.write(rows)).filter((o) => o === "accepted").length;
  }

  async list(hallId: string): Promise<StoredCase[]> {
    return (await this.prisma.followUpCase.findMany({ where: { hallId }, orderBy: { evaluatedAt: "desc" } })).map(toCase);
  }

  /**
   * Cases still open whose deadline (a hall-local date) is before `today` — what isOverdue counts, counted
   * by the database: each node re-counts on every cluster notice of new cases, and reading every case of
   * the hall for it grew with the cases (issue #11's profile).
   */
  countOverdue(hallId: string, today: string): Promise<number> {
    return this.prisma.followUpCase.count({ where: { hallId, state: { notIn: [...CLOSED_STATES] }, deadline: { lt: today } } });
  }

  async get(hallId: string, id: number): Promise<StoredCase | null> {
    const r = await this.prisma.followUpCase.findFirst({ where: { hallId, id } });
    return r ? toCase(r) : null;
  }

  /** Moves the case only if it is still in `from` (two managers at once: the second is refused). */
  async transition(hallId: string, id: number, from: FollowUpState, step: FollowUpStep, history: readonly FollowUpStep[]): Promise<boolean> {
    const res = await this.prisma.followUpCase.updateMany({
      where: { hallId, id, state: from },
      data: { state: step.state, history: JSON.stringify([...history, step]) },
    });
    return res.count === 1;
  }
}
