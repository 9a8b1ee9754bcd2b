// Reading weeks of the log a day at a time: every event of the range once, in slices that neither overlap
// nor leave gaps, the last one open-ended (a device stamping ahead of the clock), and the event loop free
// between slices.
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { forEventsOfTypesByDay } from "./log-slices.js";

const DAY = 86_400_000;
const NOW = Date.parse("2026-11-26T03:00:00Z");

function event(id: string, ms: number, type: HallEvent["type"] = "ticket.issued"): HallEvent {
  return { id, type, ts: new Date(ms).toISOString(), hallId: "h", ticketId: `t-${id}`, ticketNo: "A001", categoryId: "c", channel: "kiosk", priority: "normal" } as HallEvent;
}

/** A log over `events` answering as the adapters do: ts ≥ since and < before, of the types asked. */
function memoryLog(events: HallEvent[]) {
  const calls: [number, number | undefined][] = [];
  return {
    calls,
    eventsOfTypesSince: (_hallId: string, types: readonly string[], since: number, before?: number) => {
      calls.push([since, before]);
      return Promise.resolve(events.filter((e) => types.includes(e.type) && Date.parse(e.ts) >= since && (before === undefined || Date.parse(e.ts) < before)));
    },
  };
}

describe("forEventsOfTypesByDay", () => {
  it("gives every event of the range once, day by day, the last slice taking what is stamped ahead", async () => {
    const since = NOW - 3 * DAY;
    const events = [
      event("before", since - 1),
      event("first", since),
      event("edge", since + DAY), // exactly at a slice boundary: in the second slice only
      event("other-type", since + DAY + 5, "ticket.called"),
      event("today", NOW - 1000),
      event("ahead", NOW + 10 * 60_000),
    ];
    const log = memoryLog(events);
    const seen: string[][] = [];
    await forEventsOfTypesByDay(log, "h", ["ticket.issued"], since, NOW, (slice) => void seen.push(slice.map((e) => e.id)));
    expect(seen).toEqual([["first"], ["edge"], ["today"], ["ahead"]]);
    expect(log.calls).toEqual([
      [since, since + DAY],
      [since + DAY, since + 2 * DAY],
      [since + 2 * DAY, NOW],
      [NOW, undefined],
    ]);
  });

  it("lets the event loop run between slices and waits for each slice's handler", async () => {
    const log = memoryLog([]);
    const order: string[] = [];
    let n = 0;
    await forEventsOfTypesByDay(log, "h", ["ticket.issued"], NOW - 2 * DAY + 1, NOW, async () => {
      n += 1;
      order.push(`slice ${n}`);
      // Work the event loop has waiting: it must run before the next slice is read.
      if (n === 1) setImmediate(() => order.push("other work"));
      // A handler that finishes in microtasks: only the yield between slices lets "other work" in.
      for (let i = 0; i < 5; i++) await Promise.resolve();
      order.push(`handled ${n}`);
    });
    expect(order).toEqual(["slice 1", "handled 1", "other work", "slice 2", "handled 2"]);
  });
});
