// Prisma CLI configuration for the PostgreSQL storage (issue #11): `prisma generate --config
// prisma.postgres.config.ts` writes the PostgreSQL client; migrations are applied by the server itself
// (server/adapters/postgres/migrations.ts: `prisma db execute` + `prisma migrate resolve`, because
// `migrate deploy` fails with the wasm engine on PostgreSQL, prisma/orm#27403).
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

const url = process.env.DATABASE_URL ?? "postgresql://hallpulse@127.0.0.1:5432/hallpulse";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/postgres/schema.prisma",
  async adapter() {
    return new PrismaPg({ connectionString: url });
  },
});
