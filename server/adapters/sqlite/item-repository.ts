// Item-list versions through Prisma. Each import is a new immutable version; items are stored as
// validated JSON per version.
import { serviceItemSchema, type ItemListVersion, type ItemSource, type ServiceItem } from "../../../contract/index.js";
import type { Prisma } from "./prisma.js";

export interface StoredList {
  version: number;
  items: ServiceItem[];
}

/** SQLite's "database is locked" in any of the forms Prisma's driver adapter reports it. */
function isBusy(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } } };
  const code = String(e?.code ?? "");
  const original = String(e?.meta?.driverAdapterError?.cause?.originalCode ?? "");
  return code.startsWith("SQLITE_BUSY") || original.startsWith("SQLITE_BUSY") || /database is locked/.test(String(e?.message ?? ""));
}

/**
 * Another import of the same hall and source took the version number first (unique hallId, source,
 * version). SQLite serializes the two transactions (a busy error); PostgreSQL lets both read the same last
 * version and refuses the second insert (Prisma P2002). Either way the import is retried with the next number.
 */
function isVersionTaken(err: unknown): boolean {
  return (err as { code?: unknown })?.code === "P2002";
}

export class PrismaItemRepository {
  constructor(private readonly prisma: Prisma) {}

  /**
   * The transaction reads the last version, then writes: when the event log (the other connection) commits
   * in between, SQLite refuses the upgrade at once (SQLITE_BUSY_SNAPSHOT; the busy timeout does not apply),
   * and a long wait for the lock ends in a timeout. Both leave nothing written, so the import is retried —
   * as is a version number taken meanwhile by a concurrent import on PostgreSQL (isVersionTaken).
   */
  async createVersion(hallId: string, source: ItemSource, format: ItemListVersion["format"], items: readonly ServiceItem[], skippedRows: number): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createVersionOnce(hallId, source, format, items, skippedRows);
      } catch (err) {
        if (attempt >= 8 || !(isBusy(err) || isVersionTaken(err))) throw err;
        await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
      }
    }
  }

  private createVersionOnce(hallId: string, source: ItemSource, format: ItemListVersion["format"], items: readonly ServiceItem[], skippedRows: number): Promise<number> {
    return this.prisma.$transaction(async (tx) => {
      const last = await tx.itemListVersion.findFirst({ where: { hallId, source }, orderBy: { version: "desc" }, select: { version: true } });
      const version = (last?.version ?? 0) + 1;
      await tx.itemListVersion.create({
        data: {
          hallId,
          source,
          version,
          format,
          itemCount: items.length,
          skippedRows,
          items: { create: items.map((i) => ({ code: i.code, data: JSON.stringify(i) })) },
        },
      });
      return version;
    });
  }

  async list(hallId: string, source: ItemSource, version?: number): Promise<StoredList | null> {
    const row = await this.prisma.itemListVersion.findFirst({
      where: { hallId, source, ...(version !== undefined ? { version } : {}) },
      orderBy: { version: "desc" },
      include: { items: { orderBy: { code: "asc" } } },
    });
    if (!row) return null;
    return { version: row.version, items: row.items.map((i) => serviceItemSchema.parse(JSON.parse(i.data))) };
  }

  async versions(hallId: string, source: ItemSource): Promise<ItemListVersion[]> {
    const rows = await this.prisma.itemListVersion.findMany({ where: { hallId, source }, orderBy: { version: "desc" } });
    return rows.map((r) => ({
      version: r.version,
      source: r.source as ItemSource,
      importedAt: r.importedAt.toISOString(),
      itemCount: r.itemCount,
      format: r.format as ItemListVersion["format"],
      skippedRows: r.skippedRows,
    }));
  }
}
