// The floor worker scans its own copy of the live facts: folded from the same events, it must give
// exactly what the scan on the main thread's facts gives (also after a prune), and a stopped worker
// refuses scans instead of leaving them pending. The same for a day's history rollups computed on its
// copy (sent on a port to the rollup worker): what computeDay gives on the main thread's facts, and a
// stopped worker closes the port instead of leaving the receiver waiting.
import { MessageChannel } from "node:worker_threads";
import { afterAll, describe, expect, it } from "vitest";
import { localDayRange, type HallEvent } from "../../../contract/index.js";
import { demoHall, demoSimParams } from "../../../simulator/demo-hall.js";
import { simulateHallDay } from "../../../simulator/generate-day.js";
import { scanFloor } from "../../app/live-floor.js";
import { HallFacts } from "../../domain/hall-facts.js";
import { computeDay } from "../../domain/history/compute-day.js";
import { receiveComputedDay } from "../rollup/computed-day.js";
import { IDENTITY_CORRECTION } from "../../domain/wait-estimate/recalibrate.js";
import { FloorWorkerClient } from "./floor-worker-client.js";

const HALL = "demo";
const day = simulateHallDay({ hall: demoHall, hallId: HALL, date: "2025-06-10", seed: 7, scale: 1, params: demoSimParams, idPrefix: "f", ticketIdPrefix: "T" }).events;
const errors: string[] = [];
const worker = new FloorWorkerClient((m) => errors.push(m));
afterAll(() => worker.stop());

/** A local time of the simulated day (the demo hall keeps no summer time). */
const at = (hour: number, minute = 0) => localDayRange("2025-06-10", demoHall.timezone).start + (hour * 60 + minute) * 60_000;

describe("the floor worker", () => {
  it("scans what the main thread scans on the same events, folded in several batches", async () => {
    const facts = new HallFacts();
    const now = at(10, 30);
    const upToNow = day.filter((e: HallEvent) => Date.parse(e.ts) <= now);
    expect(upToNow.length).toBeGreaterThan(200);
    for (let i = 0; i < upToNow.length; i += 97) {
      const batch = upToNow.slice(i, i + 97);
      for (const e of batch) facts.add(e);
      worker.fold(HALL, batch);
    }
    const mine = scanFloor(facts, demoHall, now, IDENTITY_CORRECTION);
    expect(mine.estimates.tickets.length).toBeGreaterThan(0);
    expect(await worker.scan(HALL, demoHall, now, IDENTITY_CORRECTION)).toEqual(mine);
    // Later: more events, another moment, the same again.
    const later = at(11, 15);
    const more = day.filter((e: HallEvent) => Date.parse(e.ts) > now && Date.parse(e.ts) <= later);
    for (const e of more) facts.add(e);
    worker.fold(HALL, more);
    expect(await worker.scan(HALL, demoHall, later, IDENTITY_CORRECTION)).toEqual(scanFloor(facts, demoHall, later, IDENTITY_CORRECTION));
  });

  it("prunes as the live facts do", async () => {
    const facts = new HallFacts();
    for (const e of day) facts.add(e);
    worker.fold("pruned", day);
    const cut = at(11);
    facts.pruneBefore(cut);
    worker.pruneBefore(cut);
    const now = at(12);
    expect(await worker.scan("pruned", demoHall, now, IDENTITY_CORRECTION)).toEqual(scanFloor(facts, demoHall, now, IDENTITY_CORRECTION));
  });

  it("computes a day's rollups on its copy as computeDay does on the main thread's facts, sent on the port", async () => {
    const facts = new HallFacts();
    for (const e of day) facts.add(e);
    worker.fold("rollups", day);
    const { start, end } = localDayRange("2025-06-10", demoHall.timezone);
    const asOf = at(15);
    const expected = computeDay(facts, demoHall, "2025-06-10", start, end, asOf);
    expect(expected.rollup.waits.length).toBeGreaterThan(100);
    const { port1, port2 } = new MessageChannel();
    const received = receiveComputedDay(port2);
    expect(worker.running).toBe(true);
    worker.computeDay({ hallId: "rollups", config: demoHall, day: "2025-06-10", start, end, asOf }, port1);
    expect(await received).toEqual(expected);
  });

  it("closes the port of a day asked of a stopped worker: the receiver fails instead of waiting", async () => {
    const other = new FloorWorkerClient(() => {});
    other.fold(HALL, day.slice(0, 50));
    await other.stop();
    expect(other.running).toBe(false);
    const { port1, port2 } = new MessageChannel();
    const received = receiveComputedDay(port2);
    const { start, end } = localDayRange("2025-06-10", demoHall.timezone);
    other.computeDay({ hallId: HALL, config: demoHall, day: "2025-06-10", start, end, asOf: at(12) }, port1);
    await expect(received).rejects.toThrow(/ended before sending the day/);
  });

  it("refuses scans once stopped", async () => {
    const other = new FloorWorkerClient(() => {});
    await other.stop();
    await expect(other.scan(HALL, demoHall, at(10), IDENTITY_CORRECTION)).rejects.toThrow(/stopped|exited/);
    expect(errors).toEqual([]);
  });
});
