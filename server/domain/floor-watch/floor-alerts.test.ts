import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../../contract/index.js";
import { at, ev, factsOf, hallConfig, MINUTE } from "../test-fixtures.js";
import { floorAlerts, type DeviceSighting } from "./floor-alerts.js";

const hall = hallConfig();
const openAll: HallEvent[] = [ev.opened(at(9), "w1"), ev.opened(at(9), "w2"), ev.opened(at(9), "w3")];
const heartbeats = (sightings: DeviceSighting[], now: number, events = openAll) =>
  floorAlerts(factsOf(events), hall, { now, sightings }).filter((a) => a.kind === "heartbeat_lost");

describe("heartbeat lost", () => {
  it("fires the timeout (default 2 minutes) after the last sign of life", () => {
    const s = [{ windowId: "w1", deviceId: "console-1", lastSeenMs: at(10) }];
    expect(heartbeats(s, at(10, 2) - 1)).toEqual([]);
    expect(heartbeats(s, at(10, 5))).toEqual([
      { windowId: "w1", kind: "heartbeat_lost", since: at(10, 2), idleMinutes: 3, lastActivityAt: at(10), deviceId: "console-1" },
    ]);
  });

  it("takes a configurable timeout", () => {
    const s = [{ windowId: "w1", deviceId: "t-1", lastSeenMs: at(10) }];
    expect(floorAlerts(factsOf(openAll), hall, { now: at(10, 5), sightings: s, heartbeatTimeoutMs: 10 * MINUTE })).toEqual([]);
  });

  it("never flags a connected socket, nor a device of a paused or closed window", () => {
    const s = [{ windowId: "w1", deviceId: "c", lastSeenMs: at(9), connected: true }, { windowId: "w2", deviceId: "d", lastSeenMs: at(9) }, { windowId: "w3", deviceId: "e", lastSeenMs: at(9) }];
    expect(heartbeats(s, at(11), [...openAll, ev.paused(at(10), "w2"), ev.closed(at(10), "w3")])).toEqual([]);
  });

  it("counts a device silent since before the window opened from the opening", () => {
    const s = [{ windowId: "w1", deviceId: "t", lastSeenMs: at(9) - 14 * 60 * MINUTE }];
    expect(heartbeats(s, at(9, 1))).toEqual([]);
    expect(heartbeats(s, at(9, 3))[0]).toMatchObject({ since: at(9, 2), lastActivityAt: at(9), idleMinutes: 1 });
  });

  it("lists alerts in the configuration's window order, idle before heartbeat, devices by when they were lost", () => {
    const events = [...openAll, ev.issued(at(9), "b", "c1")];
    const s = [
      { windowId: "w3", deviceId: "z", lastSeenMs: at(9, 30) },
      { windowId: "w1", deviceId: "y", lastSeenMs: at(9, 40) },
      { windowId: "w1", deviceId: "x", lastSeenMs: at(9, 20) },
    ];
    const list = floorAlerts(factsOf(events), hall, { now: at(10), sightings: s });
    expect(list.map((a) => [a.windowId, a.kind, a.deviceId ?? null])).toEqual([
      ["w1", "idle_while_waiting", null],
      ["w1", "heartbeat_lost", "x"],
      ["w1", "heartbeat_lost", "y"],
      ["w3", "idle_while_waiting", null],
      ["w3", "heartbeat_lost", "z"],
    ]);
  });
});
