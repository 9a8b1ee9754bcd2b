// A hall configured after the start whose log read fails is read again until held (issue #11: a node that
// falls behind catches up from the log), with the failure reported each time and nothing left running
// after stop.
import { afterEach, describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { EventFactory, oneWindowHall } from "../../test/helpers/hall-fixture.js";
import { HallDirectory } from "./hall-directory.js";
import { LiveHalls } from "./live-halls.js";
import { memoryHalls } from "../../test/helpers/memory-halls.js";
import { failingFirst, foldsFrom, scriptedLog, sleep, until } from "./load-retry.test-support.js";

const NOW = Date.parse("2026-11-26T03:00:00Z");
const HALL = "late-hall";

const f = new EventFactory(HALL, NOW - 60 * 60_000);
const history: HallEvent[] = [
  f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" }),
  f.make(5, { type: "ticket.issued", ticketId: "t1", ticketNo: "A001", categoryId: "c", channel: "kiosk" }),
  f.make(9, { type: "ticket.called", ticketId: "t1", windowId: "w1" }),
];

let live: LiveHalls | null = null;
afterEach(() => live?.stop());

describe("LiveHalls: a hall configured after the start", () => {
  it("is read from the log again after a failed read, with a growing wait, until its history is held", async () => {
    const directory = new HallDirectory(memoryHalls());
    await directory.load();
    const { read, state } = failingFirst(2, history);
    const log = scriptedLog({ foldEventsForFacts: foldsFrom(read) });
    const errors: string[] = [];
    live = new LiveHalls({ clock: { now: () => NOW }, log, directory, bootEpoch: 1, loadRetryMs: 40, onLoadError: (hallId, err) => errors.push(`${hallId}: ${(err as Error).message}`) });
    const started = performance.now();
    await directory.put(HALL, oneWindowHall("后来配置的大厅"));
    await until(() => live?.eventCount(HALL) === history.length);
    expect(state.reads).toBe(3);
    expect(errors).toEqual([`${HALL}: database unreachable (read 1)`, `${HALL}: database unreachable (read 2)`]);
    // 40 ms, then 80 ms: the waits double.
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    // Held now: a later change reads nothing again.
    await directory.put(HALL, oneWindowHall("改名"));
    await sleep(100);
    expect(state.reads).toBe(3);
  });

  it("keeps one retry per hall however many changes come meanwhile, and none after stop", async () => {
    const directory = new HallDirectory(memoryHalls());
    await directory.load();
    const { read, state } = failingFirst(Number.POSITIVE_INFINITY, history);
    const log = scriptedLog({ foldEventsForFacts: foldsFrom(read) });
    live = new LiveHalls({ clock: { now: () => NOW }, log, directory, bootEpoch: 1, loadRetryMs: 60 });
    await directory.put(HALL, oneWindowHall("一"));
    await until(() => state.reads === 1);
    await directory.put(HALL, oneWindowHall("二"));
    await directory.put(HALL, oneWindowHall("三"));
    await sleep(30);
    expect(state.reads).toBe(1);
    await until(() => state.reads === 2);
    live.stop();
    await sleep(400);
    expect(state.reads).toBe(2);
    expect(live.eventCount(HALL)).toBe(0);
  });
});
