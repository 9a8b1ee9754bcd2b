// A server starts before its consistency facts are read (issue #8's restart: two months of the log took
// ~0.6 s of a busy hall's start): the stored findings show at once; the event rules do not judge on a part
// of the events — a stored finding stays until the facts are read, then the rules run on all of them; the
// events committed meanwhile count; and a report waits for the facts rather than give advice on half.
import { afterEach, describe, expect, it } from "vitest";
import type { Finding, HallEvent } from "../../contract/index.js";
import { memoryHalls } from "../../test/helpers/memory-halls.js";
import { oneWindowHall } from "../../test/helpers/hall-fixture.js";
import { officialCalendarYears } from "../adapters/calendar/official-calendar.js";
import { WorkingCalendar } from "../domain/calendar/working-calendar.js";
import { item, list } from "../domain/consistency/test-fixtures.js";
import { ConsistencyService } from "./consistency-service.js";
import { HallDirectory } from "./hall-directory.js";
import { scriptedLog, sleep } from "./load-retry.test-support.js";

const HALL = "deferred-hall";
const NOW = Date.parse("2026-11-26T03:00:00Z");
const calendar = new WorkingCalendar(officialCalendarYears());

/** A ticket for the fully-online item MZ-002 and its completion, `daysAgo` before NOW. */
function served(n: number, daysAgo: number): HallEvent[] {
  const ts = (min: number) => new Date(NOW - daysAgo * 86_400_000 + min * 60_000).toISOString();
  const ticketId = `t${n}`;
  return [
    { id: `i${n}`, hallId: HALL, type: "ticket.issued", ts: ts(0), ticketId, ticketNo: `A00${n}`, categoryId: "c", itemCode: "MZ-002", channel: "kiosk", priority: "normal" },
    { id: `c${n}`, hallId: HALL, type: "service.completed", ts: ts(20), ticketId, windowId: "w1", outcome: "done" },
  ] as HallEvent[];
}

/** A visit-limit finding stored before the restart, which no visit in the log supports any more. */
const stored: Finding = {
  key: "visit-limit:case-9:MZ-002",
  rule: "visit-limit",
  severity: "high",
  itemCode: "MZ-002",
  message: "超过最多跑一次",
  messages: { "zh-CN": "超过最多跑一次", en: "more visits than allowed" },
  evidence: {},
  firstSeen: "2026-11-20T02:00:00.000Z",
  lastSeen: "2026-11-25T02:00:00.000Z",
};

let running: ConsistencyService | null = null;
afterEach(() => running?.stop());

async function service() {
  const directory = new HallDirectory(memoryHalls(new Map([[HALL, oneWindowHall("延后读取的大厅")]])));
  await directory.load();
  const inLog = [...served(1, 3), ...served(2, 2)];
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const reads: [number, number | undefined][] = [];
  const log = scriptedLog({
    eventsOfTypesSince: async (_hallId, types, since, before) => {
      reads.push([since, before]);
      await gate;
      return inLog.filter((e) => types.includes(e.type) && Date.parse(e.ts) >= since && (before === undefined || Date.parse(e.ts) < before));
    },
  });
  const saves: number[] = [];
  const consistency = new ConsistencyService({
    clock: { now: () => NOW },
    log,
    directory,
    lists: { list: async (_hallId, source) => (source === "online" ? list(1, [item("MZ-002", { fullyOnline: true })]) : null) },
    findings: { open: async () => [stored], save: async (_hallId, change) => void saves.push(change.closed.length) },
    calendar: () => calendar,
    onChange: () => undefined,
  });
  running = consistency;
  return { consistency, reads, saves, release };
}

describe("ConsistencyService: facts read after the start", () => {
  it("shows the stored findings at once and judges events only once every fact is read", async () => {
    const s = await service();
    await s.consistency.load();
    expect(s.reads).toEqual([]);
    expect(s.consistency.live(HALL).counts).toEqual({ "visit-limit": 1 });

    const reading = s.consistency.readDeferredFacts();
    // Committed while the log is being read: folded, and the event rules are due 300 ms later.
    s.consistency.onEvents(HALL, served(3, 0));
    await sleep(450);
    // On a part of the events the visit rule would have closed the stored finding: it did not run.
    expect(s.saves).toEqual([]);
    expect(s.consistency.live(HALL).counts).toEqual({ "visit-limit": 1 });

    const report = s.consistency.report(HALL);
    s.release();
    await reading;
    // Every fact read: the rules ran and closed the finding no visit supports.
    expect(s.saves).toEqual([1]);
    expect(s.consistency.live(HALL).counts).toEqual({});
    // The report waited for the facts: three completions, two from the log and the one committed meanwhile.
    expect((await report).advice.map((a) => [a.itemCode, a.evidence])).toEqual([["MZ-002", { completions: 3 }]]);
  });
});
