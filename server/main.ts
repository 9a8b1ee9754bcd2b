// Entry point: read the environment, start, print the generated admin token once, stop on signals.
import { sqlitePathFromUrl } from "./adapters/sqlite/database-url.js";
import { describeOpenError } from "./adapters/sqlite/open-database.js";
import { readConfig } from "./config.js";
import { startServer } from "./start-server.js";

async function main(): Promise<void> {
  const config = readConfig();
  const server = await startServer(config);
  if (server.generatedAdminToken) {
    process.stdout.write(
      `\nHallPulse generated a bootstrap admin token. It is shown only this once; keep it safe:\n\n  ADMIN_TOKEN=${server.generatedAdminToken}\n\n`,
    );
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`HallPulse stopping (${signal})\n`);
    server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  process.stderr.write(`HallPulse could not start: ${startFailure(err)}\n`);
  process.exit(1);
});

/** One line for the operator; an SQLite error met after the file checks (a full disk, say) names the file. */
function startFailure(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("SQLITE_")) {
    try {
      return describeOpenError(sqlitePathFromUrl(readConfig().databaseUrl), err);
    } catch {
      // the configuration itself was the problem: fall through
    }
  }
  return err instanceof Error ? err.message : String(err);
}
