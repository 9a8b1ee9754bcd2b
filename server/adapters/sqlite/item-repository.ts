// Item-list versions through Prisma. Each import is a new immutable version; items are stored as
// validated JSON per version.
import { serviceItemSchema, type ItemListVersion, type ItemSource, type ServiceItem } from "../../../contract/index.js";
import type { Prisma } from "./prisma.js";

export interface StoredList {
  version: number;
  items: ServiceItem[];
}

export class PrismaItemRepository {
  constructor(private readonly prisma: Prisma) {}

  async createVersion(hallId: string, source: ItemSource, format: ItemListVersion["format"], items: readonly ServiceItem[], skippedRows: number): Promise<number> {
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
