// Hall configurations through Prisma, stored as JSON text and re-validated when read.
import { hallConfigSchema, type HallConfig } from "../../../contract/index.js";
import type { HallRepository } from "../../app/ports.js";
import type { Prisma } from "./prisma.js";

export class PrismaHallRepository implements HallRepository {
  constructor(private readonly prisma: Prisma) {}

  async get(hallId: string): Promise<HallConfig | null> {
    const row = await this.prisma.hall.findUnique({ where: { id: hallId } });
    return row ? hallConfigSchema.parse(JSON.parse(row.config)) : null;
  }

  async put(hallId: string, config: HallConfig): Promise<{ created: boolean }> {
    const existing = await this.prisma.hall.findUnique({ where: { id: hallId }, select: { id: true } });
    const text = JSON.stringify(config);
    await this.prisma.hall.upsert({ where: { id: hallId }, create: { id: hallId, config: text }, update: { config: text } });
    return { created: existing === null };
  }

  async list(): Promise<{ hallId: string; config: HallConfig }[]> {
    const rows = await this.prisma.hall.findMany({ orderBy: { id: "asc" } });
    return rows.map((r) => ({ hallId: r.id, config: hallConfigSchema.parse(JSON.parse(r.config)) }));
  }
}
