// Today computed on the live facts (issue #8: computed-day.ts, live-today.ts): the runner asks the floor
// worker — real, holding the facts folded here — for today, and the real rollup worker writes what it
// sends; the rows equal those computed from the log for the same events. A change the live facts fold
// after today was asked for marks it again; a day that has ended is computed from the log; a computation
// that never arrives fails the job instead of holding the worker. A worker that has only written todays
// from the live facts stays up between them; one that read the log is closed soon after.
import { afterEach, describe, expect, it } from "vitest";
import { localDate, localDayRange, type HallEvent } from "../../../contract/index.js";
import { EventFactory, testHall } from "../../../test/helpers/hall-fixture.js";
import { memoryHalls } from "../../../test/helpers/memory-halls.js";
import { RUNNER_DAY, servedTicket, until } from "../../../test/storage-scenarios/rollup-runner.scenarios.js";
import { logItems, sqliteStorage, type SqliteStorage } from "../../../test/storage-scenarios/storages.js";
import { HallDirectory } from "../../app/hall-directory.js";
import { HallFacts } from "../../domain/hall-facts.js";
import { FloorWorkerClient } from "../floor-worker/floor-worker-client.js";
import type { LiveDaySource } from "./computed-day.js";
import { RollupRunner } from "./rollup-runner.js";
import { RollupStore } from "./rollup-store.js";

const YESTERDAY = localDayRange(RUNNER_DAY, testHall.timezone);
const TODAY = localDate(YESTERDAY.end + 3_600_000, testHall.timezone);
const { start: TODAY_START, end: TODAY_END } = localDayRange(TODAY, testHall.timezone);

/** A service across midnight (yesterday's look-back matters), a window opened today, two tickets served today. */
function hallEvents(): HallEvent[] {
  const late = new EventFactory("h", YESTERDAY.end - 20 * 60_000, "y");
  const f = new EventFactory("h", TODAY_START, "t");
  return [
    late.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" }),
    late.make(1, { type: "ticket.issued", ticketId: "y1", ticketNo: "Y1", categoryId: "c", channel: "kiosk" }),
    late.make(2, { type: "ticket.called", ticketId: "y1", windowId: "w1" }),
    late.make(3, { type: "service.started", ticketId: "y1", windowId: "w1" }),
    late.make(35, { type: "service.completed", ticketId: "y1", windowId: "w1", outcome: "done" }),
    ...servedTicket(f, 40, "t1"),
    ...servedTicket(f, 70, "t2"),
  ];
}

describe("RollupRunner with today on the live facts", () => {
  let storage: SqliteStorage | null = null;
  let runner: RollupRunner | null = null;
  let floor: FloorWorkerClient | null = null;
  afterEach(async () => {
    await runner?.stop();
    await floor?.stop();
    await storage?.close();
    runner = null;
  });

  /** Halls "live" (facts held here and in the floor worker) and "log" (not held: read from the log). */
  async function setUp(opts: { computeDay?: LiveDaySource["computeDay"]; folded?: () => Promise<void> } = {}) {
    storage = await sqliteStorage();
    const worker = (floor = new FloorWorkerClient(() => {}));
    const store = new RollupStore(storage.db);
    const directory = new HallDirectory(memoryHalls());
    const held = new Map([["live", new HallFacts()]]);
    const asked: string[] = [];
    const source: LiveDaySource = {
      version: (hallId) => held.get(hallId)?.version ?? null,
      folded: opts.folded ?? (() => Promise.resolve()),
      computeDay: (request, port) => {
        asked.push(`${request.hallId} ${request.day}`);
        (opts.computeDay ?? ((r, p) => worker.computeDay(r, p)))(request, port);
      },
    };
    /** Folds events of a hall where it is held (as the live halls do after the commit). */
    const fold = (hallId: string, events: HallEvent[]) => {
      const facts = held.get(hallId);
      if (!facts) return;
      for (const e of events) facts.add({ ...e, hallId });
      worker.fold(hallId, events.map((e) => ({ ...e, hallId })));
    };
    /** Commits events of a hall to the log (without marking days) and folds them. */
    const commit = async (hallId: string, events: HallEvent[]) => {
      await storage?.append(logItems(hallId, events));
      fold(hallId, events);
    };
    for (const hallId of ["live", "log"]) await directory.put(hallId, testHall);
    let now = TODAY_START + 2 * 3_600_000;
    const errors: string[] = [];
    const file = storage.file;
    /** A runner over the same file (a second one stands for the node started again). */
    const make = () => new RollupRunner({ worker: { url: new URL("./rollup-worker", import.meta.url), data: { file } }, store, directory, clock: { now: () => now }, onError: (m) => errors.push(m), idleReleaseMs: 300, keptIdleMs: 5_000, liveDays: source });
    const r = make();
    runner = r;
    const completed = async (hallId: string) => (await r.status(hallId)).completed;
    return { store, r, make, asked, commit, fold, errors, completed, advance: (ms: number) => (now += ms), now: () => now };
  }

  it("writes today from the live facts as the log would give it, and reads the log for a hall whose facts are not held", async () => {
    const { store, r, asked, commit, errors, completed, now } = await setUp();
    for (const hallId of ["live", "log"]) {
      await commit(hallId, hallEvents());
      store.markDays(hallId, [TODAY], now());
    }
    r.start();
    await until("both halls' today", async () => (await completed("live")) === 1 && (await completed("log")) === 1);
    expect(asked).toEqual([`live ${TODAY}`]);
    const fromLive = await store.read("live", TODAY_START, TODAY_END);
    expect(fromLive.categories.reduce((n, c) => n + c.served, 0)).toBe(3);
    expect(fromLive.waits.map((w) => w.ticketId).sort()).toEqual(["t1", "t2"]);
    expect(fromLive).toEqual(await store.read("log", TODAY_START, TODAY_END));
    expect(await r.status("live")).toMatchObject({ pendingDays: 0, failed: 0, completed: 1, fromLiveFacts: 1 });
    expect(await r.status("log")).toMatchObject({ completed: 1, fromLiveFacts: 0 });
    expect(errors).toEqual([]);
  }, 60_000);

  it("marks today again when the live facts changed after it was asked for, and not otherwise", async () => {
    const { store, r, asked, commit, errors, completed, advance, now } = await setUp();
    await commit("live", hallEvents());
    store.markDays("live", [TODAY], now());
    r.start();
    await until("today", async () => (await completed("live")) === 1);
    // An event whose mark was read before the live facts folded it: the recompute cleared the mark without it.
    await commit("live", servedTicket(new EventFactory("h", TODAY_START, "late"), 90, "t3"));
    advance(31_000);
    await until("today again", async () => (await completed("live")) === 2);
    expect((await store.read("live", TODAY_START, TODAY_END)).waits.map((w) => w.ticketId).sort()).toEqual(["t1", "t2", "t3"]);
    // Nothing changed since: today is not computed again.
    advance(31_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await completed("live")).toBe(2);
    expect(asked).toHaveLength(2);
    expect(errors).toEqual([]);
  }, 60_000);

  it("keeps a worker that only wrote today from the live facts between todays, and closes one that read the log soon", async () => {
    const { store, r, commit, errors, completed, advance, now } = await setUp();
    await commit("live", hallEvents());
    store.markDays("live", [TODAY], now());
    r.start();
    await until("today", async () => (await completed("live")) === 1);
    // Idle past idleReleaseMs (300 ms on the runner's clock), ticks run: still up, not started again.
    advance(1_000);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(r.workerState()).toEqual({ up: true, starts: 1, forced: 0 });
    // The next today (30 s later) goes to the same thread.
    await commit("live", servedTicket(new EventFactory("h", TODAY_START, "more"), 90, "t3"));
    store.markDays("live", [TODAY], now());
    advance(31_000);
    await until("today again", async () => (await completed("live")) === 2);
    expect(r.workerState().starts).toBe(1);
    expect(await r.status("live")).toMatchObject({ fromLiveFacts: 2 });
    // Idle for keptIdleMs (5 s here): closed, and it exited on its own.
    advance(5_000);
    await until("the kept worker closed", () => !r.workerState().up);
    expect(r.workerState()).toEqual({ up: false, starts: 1, forced: 0 });
    // A day read from the log (the hall whose facts are not held): a new thread, closed after idleReleaseMs.
    await commit("log", hallEvents());
    store.markDays("log", [TODAY], now());
    await until("the log's today", async () => (await completed("log")) === 1);
    expect(r.workerState()).toEqual({ up: true, starts: 2, forced: 0 });
    advance(1_000);
    await until("the worker that read the log closed", () => !r.workerState().up);
    expect(r.workerState()).toEqual({ up: false, starts: 2, forced: 0 });
    expect(errors).toEqual([]);
  }, 60_000);

  it("asks the live facts only once every event committed before is folded into them", async () => {
    let release = () => {};
    const barrier = new Promise<void>((resolve) => (release = resolve));
    const { store, r, asked, fold, errors, completed, now } = await setUp({ folded: () => barrier });
    // Committed and marked, not folded yet (the live halls fold a moment after the commit).
    const events = hallEvents();
    await storage?.append(logItems("live", events));
    store.markDays("live", [TODAY], now());
    r.start();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(asked).toEqual([]);
    fold("live", events);
    release();
    await until("today", async () => (await completed("live")) === 1);
    expect((await store.read("live", TODAY_START, TODAY_END)).waits.map((w) => w.ticketId).sort()).toEqual(["t1", "t2"]);
    expect(await r.status("live")).toMatchObject({ pendingDays: 0, fromLiveFacts: 1 });
    expect(errors).toEqual([]);
  }, 60_000);

  it("computes a day from the log once it has ended", async () => {
    const { store, r, asked, commit, errors, completed, advance, now } = await setUp();
    await commit("live", hallEvents());
    store.markDays("live", [TODAY], now());
    r.start();
    await until("today", async () => (await completed("live")) === 1);
    const before = await store.read("live", TODAY_START, TODAY_END);
    advance(24 * 3_600_000);
    await until("the ended day from the log", async () => (await completed("live")) === 2);
    expect(asked).toEqual([`live ${TODAY}`]);
    expect(await r.status("live")).toMatchObject({ completed: 2, fromLiveFacts: 1 });
    expect(await store.read("live", TODAY_START, TODAY_END)).toEqual(before);
    expect(await store.pending("live")).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("on start, computes from the log a recent day last computed before it ended (the node stopped before its day did)", async () => {
    const { store, r, make, asked, commit, errors, advance, now } = await setUp();
    await commit("live", hallEvents());
    store.markDays("live", [TODAY], now());
    r.start();
    await until("today", async () => (await r.status("live")).completed === 1);
    await r.stop();
    // Started again the next day: the day was never marked at its end by the node that asked for it.
    advance(24 * 3_600_000);
    const again = make();
    runner = again;
    again.start();
    await until("the day from the log", async () => (await again.status("live")).completed === 1);
    expect(await again.status("live")).toMatchObject({ fromLiveFacts: 0, failed: 0 });
    expect(asked).toEqual([`live ${TODAY}`]);
    // Computed after its end now: a further start marks nothing.
    await again.stop();
    const third = make();
    runner = third;
    third.start();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await third.status("live")).toMatchObject({ completed: 0 });
    expect(await store.pending("live")).toBe(0);
    expect(errors).toEqual([]);
  }, 60_000);

  it("fails the job when the live computation never arrives (its thread ended), and says so", async () => {
    const { store, r, commit, errors, now } = await setUp({ computeDay: (_request, port) => port.close() });
    await commit("live", hallEvents());
    store.markDays("live", [TODAY], now());
    r.start();
    await until("the failed job", async () => (await r.status("live")).failed === 1);
    expect(errors.some((e) => e.includes(`rollup of live ${TODAY} failed`) && e.includes("ended before sending the day"))).toBe(true);
    expect(await store.pending("live")).toBe(1);
  }, 60_000);
});
