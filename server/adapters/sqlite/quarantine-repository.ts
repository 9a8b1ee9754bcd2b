// Reads the quarantine (rejected inputs, already masked) through Prisma, newest first.
import type { QuarantineRepository, QuarantineRow } from "../../app/ports.js";
import type { Prisma } from "./prisma.js";

export class PrismaQuarantineRepository implements QuarantineRepository {
  constructor(private readonly prisma: Prisma) {}

  async list(hallId: string, opts: { limit: number; beforeId?: number }): Promise<QuarantineRow[]> {
    const rows = await this.prisma.quarantine.findMany({
      where: { hallId, ...(opts.beforeId !== undefined ? { id: { lt: opts.beforeId } } : {}) },
      orderBy: { id: "desc" },
      take: opts.limit,
    });
    return rows.map((r) => ({
      id: r.id,
      hallId: r.hallId,
      source: r.source,
      eventId: r.eventId,
      field: r.field,
      error: r.error,
      payload: r.payload,
      receivedAt: new Date(Number(r.receivedMs)).toISOString(),
    }));
  }
}
