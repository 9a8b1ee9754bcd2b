// Prisma Client on PostgreSQL through Prisma's pg driver adapter (issue #11). The client is generated from
// prisma/postgres/schema.prisma — the same models as the SQLite schema, generated from it — so the
// repositories written against the SQLite client's model API use it unchanged (the cast below is that
// promise; both clients are generated from one model list, checked by `npm run migration -- --check`).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresPrismaClient } from "../../generated/prisma-pg/client.js";
import type { PrismaClient } from "../../generated/prisma/client.js";

export function openPrismaPostgres(url: string, maxConnections = 5): PrismaClient {
  const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url, max: maxConnections }) });
  return client as unknown as PrismaClient;
}
