// Prisma Client on the same SQLite file, through the better-sqlite3 driver adapter, with the same
// pragmas as the hot path (checked, not assumed).
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../generated/prisma/client.js";
import { assertPragmas, BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS } from "./open-database.js";

export type Prisma = PrismaClient;

export async function openPrisma(file: string): Promise<PrismaClient> {
  const prisma = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS }) });
  for (const p of CONNECTION_PRAGMAS) await prisma.$queryRawUnsafe(`PRAGMA ${p}`);
  const one = async (name: string) => {
    const rows = await prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
    return Object.values(rows[0] ?? {})[0];
  };
  assertPragmas(
    {
      journalMode: String(await one("journal_mode")),
      synchronous: Number(await one("synchronous")),
      foreignKeys: Number(await one("foreign_keys")),
      busyTimeout: Number(await one("busy_timeout")),
    },
    "Prisma",
  );
  return prisma;
}
