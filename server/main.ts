// Entry point: read the environment, start, print the generated admin token once, stop on signals.
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
  process.stderr.write(`HallPulse could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
