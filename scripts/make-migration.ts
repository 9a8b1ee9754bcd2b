// `npm run migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql from the
// difference between the schema of the last migration (kept beside it as schema.prisma) and
// prisma/schema.prisma. `prisma migrate diff --from-migrations` cannot be used here: with the SQLite
// driver adapter it replays each migration through a single-statement call and fails. `--check` exits 1
// when the schema has changes no migration holds (CI runs it).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "../server/project-root.js";

const root = projectRoot();
const dir = path.join(root, "prisma", "migrations");
const last = fs.readdirSync(dir).filter((d) => fs.existsSync(path.join(dir, d, "migration.sql"))).sort().at(-1);
const schema = path.join(root, "prisma", "schema.prisma");
const from = last ? ["--from-schema-datamodel", path.join(dir, last, "schema.prisma")] : ["--from-empty"];
const sql = execFileSync(process.execPath, [path.join(root, "node_modules", "prisma", "build", "index.js"), "migrate", "diff", ...from, "--to-schema-datamodel", schema, "--script"], {
  cwd: root,
  encoding: "utf8",
  stdio: ["ignore", "pipe", "pipe"],
  // The driver adapter connects even for a schema-to-schema diff; give it a file it can create.
  env: { ...process.env, DATABASE_URL: `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hallpulse-migrate-")), "diff.db")}` },
});
const changes = sql.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("--") && !l.startsWith("Loaded")).length > 0;

if (process.argv.includes("--check")) {
  if (changes) {
    process.stderr.write("prisma/schema.prisma has changes that no migration holds: run npm run migration -- <name>\n");
    process.exit(1);
  }
  process.stdout.write("migrations are in step with prisma/schema.prisma\n");
  process.exit(0);
}

const name = process.argv.slice(2).find((a) => !a.startsWith("-"));
if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run migration -- <name in snake_case>");
if (!changes) {
  process.stdout.write("no schema changes\n");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const target = path.join(dir, `${stamp}_${name}`);
fs.mkdirSync(target);
fs.writeFileSync(path.join(target, "migration.sql"), sql.split("\n").filter((l) => !l.startsWith("Loaded")).join("\n"));
fs.copyFileSync(schema, path.join(target, "schema.prisma"));
process.stdout.write(`wrote ${path.relative(root, target)}\n`);
