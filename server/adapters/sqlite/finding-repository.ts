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

/**
 * An open finding that is seen again unchanged is rewritten at most this often: evaluations run up to a
 * few times a second while events flow, and rewriting every open finding each time cost ingest a fifth
 * of its CPU. Its `lastSeen` is therefore up to a minute old in the database (exact in memory and on
 * every change, opening and closing).
 */
export const UNCHANGED_REWRITE_MS = 60_000;

export class PrismaFindingRepository {
  /**
   * The lastSeen each open finding had when last written here. Its content changes come from the tracker
   * (`change.updated`): writing every open finding out as JSON to compare, at every evaluation, was ~6 ms of
   * event loop a time with the demo list's ~2,000 findings (issue #8, bench/consistency-steady.ts).
   */
  private readonly written = new Map<string, number>();

  constructor(private readonly prisma: Prisma) {}

  async open(hallId: string): Promise<Finding[]> {
    const rows = await this.prisma.consistencyFinding.findMany({ where: { hallId, closedAt: null }, orderBy: { id: "asc" } });
    return rows.map((r) => JSON.parse(r.data) as Finding);
  }

  /** Writes one tracker change: new findings inserted, changed or long-unwritten ones refreshed, vanished ones closed. */
  async save(hallId: string, change: TrackerChange, at: Date): Promise<void> {
    const openedKeys = new Set(change.opened.map((f) => f.key));
    const updatedKeys = new Set(change.updated.map((f) => f.key));
    // Changed ones, and unchanged ones not written by this process yet (after a start) or not for a while.
    const refreshed = change.open.filter((f) => {
      if (openedKeys.has(f.key)) return false;
      if (updatedKeys.has(f.key)) return true;
      const before = this.written.get(`${hallId}\u0000${f.key}`);
      return before === undefined || Date.parse(f.lastSeen) - before >= UNCHANGED_REWRITE_MS;
    });
    if (change.opened.length === 0 && refreshed.length === 0 && change.closed.length === 0) return;
    await this.prisma.$transaction([
      ...change.opened.map((f) =>
        this.prisma.consistencyFinding.create({
          data: { hallId, key: f.key, rule: f.rule, severity: f.severity, data: JSON.stringify(f), firstSeen: new Date(f.firstSeen), lastSeen: new Date(f.lastSeen) },
        }),
      ),
      ...refreshed.map((f) =>
        this.prisma.consistencyFinding.updateMany({
          where: { hallId, key: f.key, closedAt: null },
          data: { data: JSON.stringify(f), lastSeen: new Date(f.lastSeen), severity: f.severity },
        }),
      ),
      ...change.closed.map((f) => this.prisma.consistencyFinding.updateMany({ where: { hallId, key: f.key, closedAt: null }, data: { closedAt: at } })),
    ]);
    for (const f of [...change.opened, ...refreshed]) this.written.set(`${hallId}\u0000${f.key}`, Date.parse(f.lastSeen));
    for (const f of change.closed) this.written.delete(`${hallId}\u0000${f.key}`);
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
