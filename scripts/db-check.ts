// Checks a HallPulse database file fully, offline (stop the server first): the start-up checks with no
// size limit, then `PRAGMA integrity_check` (which, unlike quick_check, also compares every index with
// its table). Prints what it found; exits 1 on any problem.
//   npm run db:check                      # the file of DATABASE_URL (default ./data/hallpulse.db)
//   npm run db:check -- path/to/file.db
import Database from "better-sqlite3";
import { checkDatabaseFile } from "../server/adapters/sqlite/check-database-file.js";
import { sqlitePathFromUrl } from "../server/adapters/sqlite/database-url.js";

const file = process.argv[2] ?? sqlitePathFromUrl(process.env.DATABASE_URL ?? "file:./data/hallpulse.db");
try {
  const report = checkDatabaseFile(file, { largeBytes: Number.POSITIVE_INFINITY });
  console.log(`${file}: ${report.sizeBytes} bytes (+${report.walBytes} WAL), header and quick_check ok (${report.ms} ms)`);
  const started = Date.now();
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const rows = db.pragma("integrity_check") as { integrity_check: string }[];
  db.close();
  const problems = rows.map((r) => r.integrity_check).filter((r) => r !== "ok");
  if (problems.length > 0) {
    console.error(`${file}: integrity_check found ${problems.length} problem(s):\n  ${problems.slice(0, 20).join("\n  ")}`);
    process.exit(1);
  }
  console.log(`${file}: integrity_check ok (${Date.now() - started} ms)`);
} catch (err) {
  console.error(`${file}: ${(err as Error).message}`);
  process.exit(1);
}
