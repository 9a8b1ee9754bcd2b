// vitest globalSetup of the "integration-pg" project: the migrated template before, every server
// database dropped after (test/helpers/postgres-template.ts).
import { dropServerDatabases, newRunId, prepareTemplate } from "./helpers/postgres-template.js";

export async function setup(): Promise<void> {
  newRunId();
  await prepareTemplate();
}

export async function teardown(): Promise<void> {
  await dropServerDatabases();
}
