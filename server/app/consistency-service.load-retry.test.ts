// A hall whose consistency facts could not be read from the log is read again until held — no other
// evaluation would try (the daily one and the events' go to loaded halls only) — and nothing is left
// running after stop.
import { afterEach, describe, expect, it } from "vitest";
import { oneWindowHall } from "../../test/helpers/hall-fixture.js";
import { officialCalendarYears } from "../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../domain/calendar/working-calendar.js";
import { ConsistencyService } from "./consistency-service.js";
import { HallDirectory } from "./hall-directory.js";
import { memoryHalls } from "../../test/helpers/memory-halls.js";
import { failingFirst, scriptedLog, sleep, until } from "./load-retry.test-support.js";

const HALL = "late-hall";
const calendar = new WorkingCalendar(officialCalendarYears());

async function service(failures: number, loadRetryMs: number) {
  const directory = new HallDirectory(memoryHalls());
  await directory.load();
  const { read, state } = failingFirst(failures, []);
  const log = scriptedLog({ eventsOfTypesSince: read });
  const changed: string[] = [];
  const errors: string[] = [];
  const consistency = new ConsistencyService({
    clock: { now: () => Date.parse("2026-11-26T03:00:00Z") },
    log,
    directory,
    lists: { list: async () => null },
    findings: { open: async () => [], save: async () => undefined },
    calendar: () => calendar,
    onChange: (hallId) => changed.push(hallId),
    onError: (err) => errors.push((err as Error).message),
    loadRetryMs,
  });
  // As start-server.ts wires it: a configuration change re-runs the hall's checks.
  directory.onChange((hallId) => void consistency.reevaluate(hallId));
  return { consistency, directory, state, changed, errors };
}

let running: ConsistencyService | null = null;
afterEach(() => running?.stop());

describe("ConsistencyService: a hall whose facts could not be read", () => {
  it("is read again, with a growing wait, until held, then evaluated", async () => {
    const s = await service(2, 40);
    running = s.consistency;
    const started = performance.now();
    await s.directory.put(HALL, oneWindowHall("后来配置的大厅"));
    await until(() => s.changed.includes(HALL));
    expect(s.errors).toEqual(["database unreachable (read 1)", "database unreachable (read 2)"]);
    // 40 ms, then 80 ms; the third load reads issues and completions a day at a time (log-slices.ts): 61
    // days of issues and today's open-ended slice, 31 days of completions and today's.
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(s.state.reads).toBe(2 + 62 + 32);
  });

  it("reads nothing more after stop", async () => {
    const s = await service(Number.POSITIVE_INFINITY, 50);
    running = s.consistency;
    await s.directory.put(HALL, oneWindowHall("一"));
    await until(() => s.state.reads === 1);
    s.consistency.stop();
    await sleep(300);
    expect(s.state.reads).toBe(1);
    expect(s.changed).toEqual([]);
  });
});
