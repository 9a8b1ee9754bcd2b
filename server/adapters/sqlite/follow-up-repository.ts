// 好差评 follow-up cases through Prisma; one case per poor evaluation (unique by its event id).
import type { FollowUpState, FollowUpStep } from "../../../contract/index.js";
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

export class PrismaFollowUpRepository {
  constructor(private readonly prisma: Prisma) {}

  /** Creates the case unless the evaluation already has one; returns whether it was new. */
  async openIfMissing(c: Omit<StoredCase, "id" | "state" | "history">, openedAt: Date): Promise<boolean> {
    const existing = await this.prisma.followUpCase.findUnique({
      where: { hallId_evaluationEventId: { hallId: c.hallId, evaluationEventId: c.evaluationEventId } },
      select: { id: true },
    });
    if (existing) return false;
    const history: FollowUpStep[] = [{ state: "open", at: openedAt.toISOString(), note: null, by: null }];
    await this.prisma.followUpCase.create({ data: { ...c, state: "open", history: JSON.stringify(history) } });
    return true;
  }

  async list(hallId: string): Promise<StoredCase[]> {
    return (await this.prisma.followUpCase.findMany({ where: { hallId }, orderBy: { evaluatedAt: "desc" } })).map(toCase);
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
