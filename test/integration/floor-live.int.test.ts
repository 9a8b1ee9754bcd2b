// The live view's floor section (issue #9) against the real server process: a window open with people
// waiting in its category that has not called for longer than the idle threshold (5 minutes) shows in
// the /display snapshot and in GET …/load, and a call clears it within seconds through an update; the
// wait estimates are "unknown" (no band) while the hall has measured too little, and become a measured
// P50–P80 band once it has completed enough cycles. Event times are in the past so that nothing waits.
//
// A hall's floor section is recomputed at most every 5 s, so every step that waits for a change of it
// waits ~5 s (the step after a refresh always lands just after it). The three scenarios — the idle window,
// the measured band, the lean display — are each about one hall, so each has a hall of its own (with its
// own 5 s cadence) and the three run side by side: `describe.concurrent` runs the three suites at once,
// and `it.sequential` keeps each suite's steps in order.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent, LiveFloor, LoadView } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { connectDisplay, type DisplayClient } from "../helpers/display-client.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

/** One scenario's hall and its events (ids prefixed per hall). */
interface Scene {
  hall: string;
  f: EventFactory;
}

const MIN = 60_000;
/** The floor section is refreshed at most every 5 s (+ a flush of 250 ms): allow a little more. */
const REFRESH_DEADLINE_MS = 8000;

const server = new ServerProcess();
let admin: Api;
const displayTokens = new Map<string, string>();
const clients: DisplayClient[] = [];
/** Minute 0 of the scenario: when the test started. */
const NOW0 = Date.now();
const idleScene: Scene = { hall: "floor-hall", f: new EventFactory("floor-hall", NOW0, "fl-") };
const bandScene: Scene = { hall: "floor-band", f: new EventFactory("floor-band", NOW0, "fb-") };
const leanScene: Scene = { hall: "floor-lean", f: new EventFactory("floor-lean", NOW0, "fd-") };
const SCENES = [idleScene, bandScene, leanScene];

async function send(scene: Scene, events: HallEvent[]): Promise<void> {
  const res = await admin.postEvents(scene.hall, events);
  expect(res.status).toBe(200);
  expect(res.body.results.map((r) => r.status)).toEqual(events.map(() => "accepted"));
}

function displayOptions(scene: Scene) {
  return { url: server.url, token: displayTokens.get(scene.hall) as string, hallId: scene.hall };
}

async function display(scene: Scene): Promise<DisplayClient> {
  const c = await connectDisplay(displayOptions(scene));
  clients.push(c);
  return c;
}

async function liveLoad(scene: Scene): Promise<LoadView> {
  const res = await admin.load(scene.hall);
  expect(res.status).toBe(200);
  return res.body;
}

/**
 * w3 (estate) opened 125 minutes ago; 30 estate tickets issued 121 minutes ago, called every 4 minutes
 * from −120 (the last at −4), each started half a minute after its call and completed 3.5 minutes after
 * it: 29 four-minute cycles with a backlog. w1 (social) is open too, so that social can be called.
 */
function estateCycles(f: EventFactory): HallEvent[] {
  const events: HallEvent[] = [f.make(-125, { type: "window.opened", windowId: "w3", staffId: "s3" }), f.make(-125, { type: "window.opened", windowId: "w1", staffId: "s1" })];
  for (let k = 0; k < 30; k++) {
    const ticketId = `b${k + 1}`;
    events.push(f.make(-121 + k / 100, { type: "ticket.issued", ticketId, ticketNo: `B${String(k + 1).padStart(3, "0")}`, categoryId: "estate", channel: "kiosk" }));
    events.push(f.make(-120 + 4 * k, { type: "ticket.called", ticketId, windowId: "w3" }));
    events.push(f.make(-120 + 4 * k + 0.5, { type: "service.started", ticketId, windowId: "w3" }));
    events.push(f.make(-120 + 4 * k + 3.5, { type: "service.completed", ticketId, windowId: "w3", outcome: "done" }));
  }
  return events;
}

const issuedNow = (f: EventFactory, n: number): HallEvent =>
  f.make((Date.now() - NOW0) / MIN, { type: "ticket.issued", ticketId: `b${n}`, ticketNo: `B${String(n).padStart(3, "0")}`, categoryId: "estate", channel: "kiosk" });

const floorOf = (c: DisplayClient): LiveFloor | undefined => c.view?.floor;
const waitOf = (floor: LiveFloor | undefined, categoryId: string) => floor?.waits.find((w) => w.categoryId === categoryId);

/** A fresh display's snapshot is the last published view: the held view at that seq must equal it. */
async function expectHeldEqualsSnapshot(scene: Scene, c: DisplayClient): Promise<void> {
  const fresh = await display(scene);
  const snap = fresh.snapshots[0]?.message;
  expect(snap).toBeDefined();
  if (!snap) return;
  await c.waitFor((x) => x.seq !== null && x.seq >= snap.seq, 7000, `seq ≥ ${snap.seq}`);
  expect(c.viewAt(snap.seq), `the held view at seq ${snap.seq}`).toEqual(snap.view);
  fresh.close();
}

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  for (const { hall } of SCENES) {
    expect((await admin.putHall(hall, testHall)).status).toBe(201);
    const res = await admin.createToken({ role: "display", hallId: hall });
    expect(res.status).toBe(201);
    displayTokens.set(hall, res.body.token);
  }
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.stop();
  server.remove();
});

describe.concurrent("the floor section of the live view", () => {
  describe("an idle window", () => {
    const { f } = idleScene;
    let watcher: DisplayClient;

    it.sequential("names a window idle while people wait, on /display and in GET …/load, with honest 'unknown' waits", async () => {
      watcher = await display(idleScene);
      // w1 (social) opened 20 minutes ago; A001 (social) issued 12 minutes ago and never called. Quiet
      // since the issue, idle from 5 minutes after it: since = −7 min, idle for 7 minutes at minute 0.
      await send(idleScene, [
        f.make(-20, { type: "window.opened", windowId: "w1", staffId: "s1" }),
        f.make(-12, { type: "ticket.issued", ticketId: "a1", ticketNo: "A001", categoryId: "social", channel: "kiosk" }),
      ]);
      await watcher.waitFor((c) => floorOf(c)?.idle.some((i) => i.windowId === "w1") === true, REFRESH_DEADLINE_MS, "w1 idle on the held view");

      // A new display's snapshot carries it too.
      const fresh = await display(idleScene);
      const floor = fresh.snapshots[0]?.message.view.floor;
      expect(floor?.idle).toHaveLength(1);
      const idle = floor?.idle[0];
      expect(idle).toMatchObject({ windowId: "w1", since: f.at(-7), lastActivityAt: f.at(-12) });
      const elapsedMinutes = (Date.now() - NOW0) / MIN;
      expect(idle?.idleMinutes).toBeGreaterThanOrEqual(7 - 0.05);
      expect(idle?.idleMinutes).toBeLessThanOrEqual(7 + elapsedMinutes + 0.05);

      // No completed cycle yet: the hall cannot say how long a wait is, and says so (no band).
      expect(waitOf(floor, "social")).toEqual({ categoryId: "social", waiting: 1, p50Minutes: null, p80Minutes: null, basis: "unknown", band: null });
      expect(waitOf(floor, "estate")).toEqual({ categoryId: "estate", waiting: 0, p50Minutes: null, p80Minutes: null, basis: "unknown", band: null });

      const load = await liveLoad(idleScene);
      expect(load.floor?.idle.map((i) => [i.windowId, i.since])).toEqual([["w1", f.at(-7)]]);
      expect(load.floor?.waits.map((w) => [w.categoryId, w.waiting, w.basis])).toEqual([
        ["social", 1, "unknown"],
        ["estate", 0, "unknown"],
      ]);
      await expectHeldEqualsSnapshot(idleScene, watcher);
    });

    it.sequential("clears the idle window within seconds of a call, through an update the display applies", async () => {
      const seqBefore = watcher.seq as number;
      const sentAt = Date.now();
      await send(idleScene, [f.make((Date.now() - NOW0) / MIN, { type: "ticket.called", ticketId: "a1", windowId: "w1" })]);
      await watcher.waitFor((c) => floorOf(c)?.idle.length === 0, REFRESH_DEADLINE_MS, "w1 no longer idle");
      expect(Date.now() - sentAt).toBeLessThan(REFRESH_DEADLINE_MS);
      // It came as an update applied on top of the held view, not a new snapshot.
      const clearing = watcher.updates.find((u) => u.message.seq > seqBefore && u.message.view.floor?.idle.length === 0);
      expect(clearing?.outcome).toBe("applied");
      expect(watcher.snapshots).toHaveLength(1);
      expect(waitOf(floorOf(watcher), "social")?.waiting).toBe(0);
      expect((await liveLoad(idleScene)).floor?.idle).toEqual([]);
      await expectHeldEqualsSnapshot(idleScene, watcher);
    });
  });

  describe("a measured band", () => {
    it.sequential("gives a measured P50–P80 band once the hall has completed enough cycles", async () => {
      const { f } = bandScene;
      const watcher = await display(bandScene);
      // The estate cycles (estateCycles), then one more ticket waits now.
      await send(bandScene, [...estateCycles(f), issuedNow(f, 31)]);

      await watcher.waitFor((c) => waitOf(floorOf(c), "estate")?.basis === "measured", REFRESH_DEADLINE_MS, "a measured estate estimate");
      const estate = waitOf(floorOf(watcher), "estate");
      expect(estate?.waiting).toBe(1);
      const p50 = estate?.p50Minutes as number;
      const p80 = estate?.p80Minutes as number;
      expect(typeof p50).toBe("number");
      expect(typeof p80).toBe("number");
      expect(p50).toBeLessThanOrEqual(p80);
      // A ticket issued now waits behind B031 for about one or two 4-minute cycles.
      expect(p80).toBeLessThanOrEqual(15);
      const band = estate?.band;
      expect(band).not.toBeNull();
      // The shown band contains P50–P80 (rounded outward) and is never of width 0.
      expect(band?.lowMinutes).toBeLessThanOrEqual(p50);
      expect(band?.highMinutes).toBeGreaterThanOrEqual(p80);
      expect(band?.highMinutes).toBeGreaterThan(band?.lowMinutes as number);
      expect(band?.text).toMatch(/分钟/);
      // social has no cycles of its own but the hall now has: it borrows the hall's pace (w1 can call it).
      expect(waitOf(floorOf(watcher), "social")?.basis).toBe("fallback");

      // B031 itself, for a queue screen: first in its queue, with its own measured band, by its number only.
      const b031 = floorOf(watcher)?.tickets?.find((t) => t.ticketNo === "B031");
      expect(b031).toMatchObject({ categoryId: "estate", ahead: 0, basis: "measured" });
      expect(b031?.band?.text).toMatch(/分钟/);
      expect(JSON.stringify(floorOf(watcher)?.tickets)).not.toContain("b31");

      const load = await liveLoad(bandScene);
      expect(waitOf(load.floor, "estate")).toMatchObject({ categoryId: "estate", waiting: 1, basis: "measured" });
      await expectHeldEqualsSnapshot(bandScene, watcher);
    });
  });

  describe("a display that declines the per-ticket waits", () => {
    it.sequential("leaves the per-ticket waits out for a display that declines them and takes field deltas (the wall), equal otherwise, also when it catches up", async () => {
      const { f } = leanScene;
      const leanOptions = { ...displayOptions(leanScene), compact: true, floorTickets: false, fieldDeltas: true };
      const watcher = await display(leanScene);
      const lean = await connectDisplay(leanOptions);
      clients.push(lean);
      const first = lean.snapshots[0]?.message.view.floor;
      expect(first?.waits.length).toBeGreaterThan(0);
      expect(first && "tickets" in first).toBe(false);

      // The estate cycles and B031 waiting: measured bands, and a per-ticket list for the full display.
      await send(leanScene, [...estateCycles(f), issuedNow(f, 31)]);
      await watcher.waitFor((c) => floorOf(c)?.tickets?.some((t) => t.ticketNo === "B031" && t.basis === "measured") === true, REFRESH_DEADLINE_MS, "B031 in the full display's floor");
      const target = watcher.seq as number;
      await lean.waitFor((c) => c.seq !== null && c.seq >= target, 7000, `lean display at seq ≥ ${target}`);
      for (const u of lean.updates) expect(u.message.view.floor === undefined || !("tickets" in u.message.view.floor)).toBe(true);
      // Same figures at the same seq, but for the list it declined.
      const full = watcher.viewAt(target) as LoadView;
      const { tickets: _declined, ...fullFloorWithout } = full.floor as LiveFloor;
      expect(lean.viewAt(target)).toEqual({ ...full, floor: fullFloorWithout });
      expect(waitOf(lean.view?.floor, "estate")).toMatchObject({ waiting: 1, basis: "measured" });

      // A lean display connecting now, while the full display's list holds B031: its snapshot leaves it out too.
      const late = await connectDisplay(leanOptions);
      clients.push(late);
      const snap = late.snapshots[0]?.message as { seq: number; view: LoadView };
      expect(snap.view.floor && "tickets" in snap.view.floor).toBe(false);
      await watcher.waitFor((c) => c.seq !== null && c.seq >= snap.seq, 7000, `seq ≥ ${snap.seq}`);
      const fullAtSnap = watcher.viewAt(snap.seq) as LoadView;
      expect(fullAtSnap.floor?.tickets?.map((t) => t.ticketNo)).toEqual(["B031"]);
      const { tickets: _declinedToo, ...fullAtSnapWithout } = fullAtSnap.floor as LiveFloor;
      expect(snap.view).toEqual({ ...fullAtSnap, floor: fullAtSnapWithout });
      late.close();

      // Reconnecting with its seq, it receives only the missed updates — in its own form.
      lean.close();
      const behind = await connectDisplay({ ...leanOptions, seed: { seq: target, view: lean.viewAt(target) as LoadView }, lastSeq: target });
      clients.push(behind);
      await send(leanScene, [issuedNow(f, 32)]);
      await behind.waitFor((c) => waitOf(c.view?.floor, "estate")?.waiting === 2, REFRESH_DEADLINE_MS, "B032 counted on the reconnected lean display");
      expect(behind.snapshots).toHaveLength(0);
      expect(behind.view?.floor && "tickets" in behind.view.floor).toBe(false);
    });
  });
});
