// Tokens through Prisma. Only hashes are stored; the secret never reaches the database.
import type { Role } from "../../../contract/index.js";
import type { TokenRecord, TokenRepository } from "../../app/ports.js";
import type { Prisma } from "./prisma.js";

type Row = { id: string; role: string; hallId: string | null; windowId: string | null; label: string | null; createdAt: Date; revokedAt: Date | null };

const toRecord = (r: Row): TokenRecord => ({
  id: r.id,
  role: r.role as Role,
  hallId: r.hallId,
  windowId: r.windowId,
  label: r.label,
  createdAt: r.createdAt,
  revokedAt: r.revokedAt,
});

export class PrismaTokenRepository implements TokenRepository {
  constructor(private readonly prisma: Prisma) {}

  async create(record: Omit<TokenRecord, "createdAt" | "revokedAt">, tokenHash: string): Promise<TokenRecord> {
    return toRecord(await this.prisma.token.create({ data: { ...record, tokenHash } }));
  }

  async upsertBootstrap(id: string, tokenHash: string): Promise<void> {
    await this.prisma.token.upsert({
      where: { id },
      create: { id, tokenHash, role: "admin", label: "bootstrap admin" },
      update: { tokenHash, revokedAt: null },
    });
  }

  async exists(id: string): Promise<boolean> {
    return (await this.prisma.token.count({ where: { id } })) > 0;
  }

  async revoke(id: string, at: Date): Promise<TokenRecord | null> {
    const row = await this.prisma.token.findUnique({ where: { id } });
    if (!row) return null;
    if (row.revokedAt) return toRecord(row);
    return toRecord(await this.prisma.token.update({ where: { id }, data: { revokedAt: at } }));
  }

  async activeWithHashes(): Promise<{ record: TokenRecord; tokenHash: string }[]> {
    const rows = await this.prisma.token.findMany({ where: { revokedAt: null } });
    return rows.map((r) => ({ record: toRecord(r), tokenHash: r.tokenHash }));
  }

  async activeByHash(tokenHash: string): Promise<TokenRecord | null> {
    const row = await this.prisma.token.findUnique({ where: { tokenHash } });
    return row && row.revokedAt === null ? toRecord(row) : null;
  }

  async list(hallId: string | null): Promise<TokenRecord[]> {
    const rows = await this.prisma.token.findMany({
      where: hallId === null ? {} : { hallId },
      orderBy: { createdAt: "desc" },
    });
    return rows.map(toRecord);
  }
}
