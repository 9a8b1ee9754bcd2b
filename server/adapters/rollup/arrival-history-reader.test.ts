// SqliteArrivalHistory on a real SQLite file made by the committed migrations, over rollups written by
// RollupStore: the arrival history scenarios every storage runs (test/storage-scenarios/
// arrival-history.scenarios.ts); and the same-weekday arithmetic both readers use.
import { describe, expect, it } from "vitest";
import { describeArrivalHistoryScenarios, TODAY } from "../../../test/storage-scenarios/arrival-history.scenarios.js";
import { sqliteStorage } from "../../../test/storage-scenarios/storages.js";
import { RollupStore } from "./rollup-store.js";
import { SqliteArrivalHistory, sameWeekdaysBefore, shiftDay } from "./arrival-history-reader.js";

describe("same weekdays", () => {
  it("are the previous weeks' same day, newest first, skipping rejected days within twice the weeks", () => {
    expect(shiftDay("2025-03-03", 7)).toBe("2025-03-10");
    expect(sameWeekdaysBefore(TODAY, 3)).toEqual(["2025-03-03", "2025-02-24", "2025-02-17"]);
    expect(sameWeekdaysBefore(TODAY, 2, (d) => d !== "2025-03-03")).toEqual(["2025-02-24", "2025-02-17"]);
    expect(sameWeekdaysBefore(TODAY, 2, () => false)).toEqual([]);
  });
});

describeArrivalHistoryScenarios(async () => {
  const storage = await sqliteStorage();
  return { reader: new SqliteArrivalHistory(storage.db), store: new RollupStore(storage.db), close: storage.close };
});
