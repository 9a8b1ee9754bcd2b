// SqliteReceivedEvents on a real SQLite file made by the committed migrations: the received-events
// scenarios every storage runs (test/storage-scenarios/received-events.scenarios.ts).
import { describeReceivedEventsScenarios } from "../../../test/storage-scenarios/received-events.scenarios.js";
import { sqliteStorage } from "../../../test/storage-scenarios/storages.js";
import { SqliteReceivedEvents } from "./received-events.js";

describeReceivedEventsScenarios(async () => {
  const storage = await sqliteStorage();
  return { reader: new SqliteReceivedEvents(storage.db), append: storage.append, close: storage.close };
});
