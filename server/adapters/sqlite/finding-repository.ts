// Consistency findings through Prisma: the open ones (restored on start), their first and last
// sightings, and closed ones kept for the per-rule history.
import type { Finding, RuleId } from "../../../contract/index.js";
import type { TrackerChange } from "../../domain/consistency/tracker.js";
import type { Prisma } from "./prisma.js";

export interface FindingHistoryRow {
  rule: RuleId;
  firstSeen: string;
  closedAt: string | null;
}

export class PrismaFindingRepository {
  constructor(private readonly prisma: Prisma) {}

  async open(hallId: string): Promise<Finding[]> {
    const rows = await this.prisma.consistencyFinding.findMany({ where: { hallId, closedAt: null }, orderBy: { id: "asc" } });
    return rows.map((r) => JSON.parse(r.data) as Finding);
  }

  /** Writes one tracker change: new findings inserted, seen ones refreshed, vanished ones closed. */
  async save(hallId: string, change: TrackerChange, at: Date): Promise<void> {
    const openedKeys = new Set(change.opened.map((f) => f.key));
    await this.prisma.$transaction([
      ...change.opened.map((f) =>
        this.prisma.consistencyFinding.create({
          data: { hallId, key: f.key, rule: f.rule, severity: f.severity, data: JSON.stringify(f), firstSeen: new Date(f.firstSeen), lastSeen: new Date(f.lastSeen) },
        }),
      ),
      ...change.open
        .filter((f) => !openedKeys.has(f.key))
        .map((f) =>
          this.prisma.consistencyFinding.updateMany({
            where: { hallId, key: f.key, closedAt: null },
            data: { data: JSON.stringify(f), lastSeen: new Date(f.lastSeen), severity: f.severity },
          }),
        ),
      ...change.closed.map((f) => this.prisma.consistencyFinding.updateMany({ where: { hallId, key: f.key, closedAt: null }, data: { closedAt: at } })),
    ]);
  }

  async history(hallId: string, since: Date): Promise<FindingHistoryRow[]> {
    const rows = await this.prisma.consistencyFinding.findMany({
      where: { hallId, OR: [{ closedAt: null }, { closedAt: { gte: since } }] },
      select: { rule: true, firstSeen: true, closedAt: true },
      orderBy: { firstSeen: "asc" },
    });
    return rows.map((r) => ({ rule: r.rule as RuleId, firstSeen: r.firstSeen.toISOString(), closedAt: r.closedAt ? r.closedAt.toISOString() : null }));
  }
}
