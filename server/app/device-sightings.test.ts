// The device-sightings tracker and its lost-heartbeat list: a console is alive while connected and lost
// the timeout after it dropped; an ingested event with a deviceId and a window is a sighting of that
// terminal; a reconnect or a new event clears the alert.
import { describe, expect, it } from "vitest";
import type { HallEvent } from "../../contract/index.js";
import { at, ev, factsOf, hallConfig, HALL_ID, MINUTE } from "../domain/test-fixtures.js";
import { CONSOLE_DEVICE, DeviceSightings, LostHeartbeatsCache, lostHeartbeats } from "./device-sightings.js";

const hall = hallConfig();
const facts = factsOf([ev.opened(at(9), "w1"), ev.opened(at(9), "w2")]);
const lost = (s: DeviceSightings, now: number) => lostHeartbeats(facts, hall, s.of(HALL_ID), now);

describe("DeviceSightings", () => {
  it("keeps a connected console alive, and reports it lost 2 minutes after it dropped, for as long as it stays away", () => {
    const changes: string[] = [];
    const s = new DeviceSightings((hallId) => changes.push(hallId));
    s.connected(HALL_ID, "w1", at(9, 5));
    expect(lost(s, at(11))).toEqual([]);
    s.disconnected(HALL_ID, "w1", at(11));
    expect(lost(s, at(11, 2) - 1)).toEqual([]);
    expect(lost(s, at(11, 6, 30))).toEqual([{ windowId: "w1", deviceId: null, lastSeenAt: new Date(at(11)).toISOString(), lostMinutes: 6 }]);
    s.connected(HALL_ID, "w1", at(11, 7));
    expect(lost(s, at(11, 20))).toEqual([]);
    expect(changes).toEqual([HALL_ID, HALL_ID, HALL_ID]);
  });

  it("keeps a console connected to another node alive, and counts it gone from the census as last seen then (issue #11)", () => {
    const changes: string[] = [];
    const s = new DeviceSightings((hallId) => changes.push(hallId));
    s.clusterConsoles(new Set([`${HALL_ID}\u0000w1`]), at(9, 5));
    expect(lost(s, at(11))).toEqual([]);
    s.clusterConsoles(new Set([`${HALL_ID}\u0000w1`]), at(11));
    expect(changes).toEqual([HALL_ID]);
    s.clusterConsoles(new Set(), at(11, 1));
    expect(lost(s, at(11, 3) - 1)).toEqual([]);
    expect(lost(s, at(11, 6, 30))).toEqual([{ windowId: "w1", deviceId: null, lastSeenAt: new Date(at(11, 1)).toISOString(), lostMinutes: 5 }]);
    // A console on this node counts whatever the census says.
    s.connected(HALL_ID, "w1", at(11, 7));
    s.clusterConsoles(new Set(), at(11, 8));
    expect(lost(s, at(11, 30))).toEqual([]);
    expect(changes).toEqual([HALL_ID, HALL_ID, HALL_ID]);
  });

  it("counts two tabs of one console as one: it is lost only when both have dropped", () => {
    const s = new DeviceSightings();
    s.connected(HALL_ID, "w1", at(9, 5));
    s.connected(HALL_ID, "w1", at(9, 6));
    s.disconnected(HALL_ID, "w1", at(9, 10));
    expect(lost(s, at(10))).toEqual([]);
    s.disconnected(HALL_ID, "w1", at(9, 20));
    expect(lost(s, at(10))).toMatchObject([{ windowId: "w1", deviceId: null, lostMinutes: 40 }]);
  });

  it("takes each ingested event with a deviceId at a window as a sighting at its receipt, and ignores the others", () => {
    const s = new DeviceSightings();
    const called: HallEvent = { ...ev.called(at(9, 1), "t1", "w2"), deviceId: "counter-2" };
    const issued: HallEvent = { ...ev.issued(at(9, 1), "t2", "c1"), deviceId: "kiosk-1" };
    const noDevice = ev.called(at(9, 1), "t3", "w1");
    s.fromEvents(HALL_ID, [called, issued, noDevice], at(9, 30));
    expect(s.of(HALL_ID)).toEqual([{ windowId: "w2", deviceId: "counter-2", lastSeenMs: at(9, 30), connected: false }]);
    expect(lost(s, at(9, 33))).toEqual([{ windowId: "w2", deviceId: "counter-2", lastSeenAt: new Date(at(9, 30)).toISOString(), lostMinutes: 3 }]);
    s.fromEvents(HALL_ID, [called], at(9, 34));
    expect(lost(s, at(9, 35))).toEqual([]);
  });

  it("refreshes a console at each staff action, and never reports a device of a closed window", () => {
    const s = new DeviceSightings();
    s.connected(HALL_ID, "w3", at(9));
    s.disconnected(HALL_ID, "w3", at(9));
    expect(lost(s, at(10))).toEqual([]);
    s.seen(HALL_ID, "w1", CONSOLE_DEVICE, at(9, 50));
    expect(lost(s, at(9, 51))).toEqual([]);
    expect(lost(s, at(9, 55))).toMatchObject([{ windowId: "w1", lostMinutes: 5 }]);
    expect(lostHeartbeats(facts, hall, s.of(HALL_ID), at(9, 55), 10 * MINUTE)).toEqual([]);
  });
});

describe("LostHeartbeatsCache", () => {
  it("recomputes a hall's list at most every refresh period, and at once after forget", () => {
    const cache = new LostHeartbeatsCache(5000);
    let calls = 0;
    const compute = () => {
      calls += 1;
      return [{ windowId: "w1", deviceId: null, lastSeenAt: "2026-11-25T01:00:00.000Z", lostMinutes: calls }];
    };
    const first = cache.get("h", 1_000_000, compute);
    expect(cache.get("h", 1_004_000, compute)).toBe(first);
    expect(calls).toBe(1);
    expect(cache.get("h", 1_005_000, compute)[0]?.lostMinutes).toBe(2);
    cache.forget("h");
    expect(cache.get("h", 1_005_100, compute)[0]?.lostMinutes).toBe(3);
    // Another hall has its own entry; a clock that went back recomputes.
    expect(cache.get("h2", 1_005_100, compute)[0]?.lostMinutes).toBe(4);
    expect(cache.get("h2", 1_000_000, compute)[0]?.lostMinutes).toBe(5);
  });
});

describe("DeviceSightings change notices", () => {
  it("tells when a device quiet for the timeout is heard again, not at every sighting", () => {
    const changed: string[] = [];
    const s = new DeviceSightings((hallId) => changed.push(hallId), 2 * MINUTE);
    s.seen(HALL_ID, "w2", "counter-2", at(9));
    s.seen(HALL_ID, "w2", "counter-2", at(9, 1));
    expect(changed).toEqual([]);
    s.seen(HALL_ID, "w2", "counter-2", at(9, 3, 30));
    expect(changed).toEqual([HALL_ID]);
  });
});
