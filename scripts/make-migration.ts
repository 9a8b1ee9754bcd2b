// `npm run migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// difference between the schema of the last migration (kept beside it as schema.prisma) and
// prisma/schema.prisma, and the PostgreSQL twin prisma/postgres/migrations/<timestamp>_<name>/ from
// prisma/postgres/schema.prisma (regenerated from the SQLite one by scripts/postgres-schema.ts).
// `prisma migrate diff --from-migrations` cannot be used here: with the SQLite driver adapter it replays
// each migration through a single-statement call and fails. `--check` exits 1 when either schema has
// changes no migration holds (CI runs it; the PostgreSQL check compares the last snapshot, no server needed).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../server/project-root.js";
import { postgresSchema } from "./postgres-schema-text.js";

const root = projectRoot();
const cli = path.join(root, "node_modules", "prisma", "build", "index.js");
const sqliteDir = path.join(root, "prisma", "migrations");
const sqliteSchema = path.join(root, "prisma", "schema.prisma");
const pgDir = path.join(root, "prisma", "postgres", "migrations");
const pgSchema = path.join(root, "prisma", "postgres", "schema.prisma");

function lastMigration(dir: string): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  return fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, "migration.sql"))).sort().at(-1);
}

function diff(dir: string, schema: string, extra: string[], env: Record<string, string>): string {
  const last = lastMigration(dir);
  const from = last ? ["--from-schema-datamodel", path.join(dir, last, "schema.prisma")] : ["--from-empty"];
  const out = execFileSync(process.execPath, [cli, "migrate", "diff", ...extra, ...from, "--to-schema-datamodel", schema, "--script"], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  return out
    .split("\n")
    .filter((l) => !l.startsWith("Loaded"))
    .join("\n");
}

const hasStatements = (sql: string) => sql.split("\n").some((l) => l.trim() !== "" && !l.startsWith("--"));

// The driver adapter connects even for a schema-to-schema diff; give it a file it can create.
const sqliteEnv = { DATABASE_URL: `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-migrate-")), "diff.db")}` };
const sqliteSql = diff(sqliteDir, sqliteSchema, [], sqliteEnv);
const wantedPgSchema = postgresSchema(fs.readFileSync(sqliteSchema, "utf8"));

if (process.argv.includes("--check")) {
  const problems: string[] = [];
  if (hasStatements(sqliteSql)) problems.push("prisma/schema.prisma has changes that no migration holds: run npm run migration -- <name>");
  if (!fs.existsSync(pgSchema) || fs.readFileSync(pgSchema, "utf8") !== wantedPgSchema)
    problems.push("prisma/postgres/schema.prisma is not in step with prisma/schema.prisma: run npm run migration -- <name>");
  const lastPg = lastMigration(pgDir);
  if (!lastPg || fs.readFileSync(path.join(pgDir, lastPg, "schema.prisma"), "utf8") !== wantedPgSchema)
    problems.push("prisma/postgres/schema.prisma has changes that no PostgreSQL migration holds: run npm run migration -- <name>");
  if (problems.length > 0) {
    process.stderr.write(`${problems.join("\n")}\n`);
    process.exit(1);
  }
  process.stdout.write("migrations are in step with prisma/schema.prisma (SQLite and PostgreSQL)\n");
  process.exit(0);
}

const name = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run migration -- <name in snake_case>");
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

function write(dir: string, sql: string, schema: string): void {
  const target = path.join(dir, `${stamp}_${name}`);
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, "migration.sql"), sql);
  fs.copyFileSync(schema, path.join(target, "schema.prisma"));
  process.stdout.write(`wrote ${path.relative(root, target)}\n`);
}

if (hasStatements(sqliteSql)) write(sqliteDir, sqliteSql, sqliteSchema);
fs.mkdirSync(path.dirname(pgSchema), { recursive: true });
fs.writeFileSync(pgSchema, wantedPgSchema);
const lastPg = lastMigration(pgDir);
if (!lastPg || fs.readFileSync(path.join(pgDir, lastPg, "schema.prisma"), "utf8") !== wantedPgSchema) {
  // The PostgreSQL diff needs a reachable server for the adapter: the project's own (scripts/services).
  const adminUrl = execFileSync("bash", [path.join(root, "scripts", "services", "postgres.sh"), "start"], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim().split("\n").at(-1) ?? "";
  write(pgDir, diff(pgDir, pgSchema, ["--config", path.join(root, "prisma.postgres.config.ts")], { DATABASE_URL: adminUrl }), pgSchema);
} else if (!hasStatements(sqliteSql)) process.stdout.write("no schema changes\n");
