// The /display feed's handshake and live updates against the real server process, its real storage and real
// socket.io clients: handshake by role and hall, the snapshot on connect, coalesced updates (≤ 1 per 250 ms)
// and heartbeats, compact displays, and patches that rebuild exactly the published view (the watcher).
// Catch-up, resync, restart and revocation are in display-feed.reconnection.int.test.ts.
import { performance } from "node:perf_hooks";
import { beforeAll, describe, expect, it } from "vitest";
import type { LoadView } from "../../contract/index.js";
import { expectDisplayRefusal, type DisplayClient } from "../helpers/display-client.js";
import { EventFactory } from "../helpers/hall-fixture.js";
import { stableFigures as stable } from "../helpers/stable-figures.js";
import { admin, cat, display, displayOpts, expectConsistent, f, HALL, hallConfig, ingest, ingestSocket, ms, OTHER_HALL, server, setUpDisplayFeed, tok, watcher, win } from "./display-feed-fixture.js";

setUpDisplayFeed();

/**
 * A display of OTHER_HALL, a quiet hall (a few events in the setup, none after), connected in the setup
 * so that the ~10 s of its first two heartbeats pass while the tests before the heartbeat test run.
 */
let quiet: DisplayClient;
/** The message from which `quiet` held the setup's events: the heartbeats are the updates after it. */
let quietBase: { at: number; seq: number; view: LoadView };

// Runs after setUpDisplayFeed's beforeAll (hooks run in the order they are registered): the server and OTHER_HALL exist.
beforeAll(async () => {
  // OTHER_HALL: w1 serving A001 and B001 waiting, then nothing more for the rest of the file.
  const o = new EventFactory(OTHER_HALL, Date.now() - 30 * 60_000, "q-");
  const quietEvents = [
    o.make(5, { type: "window.opened", windowId: "w1", staffId: "staff-1" }),
    o.make(6, { type: "ticket.issued", ticketId: "tk-q1", ticketNo: "A001", categoryId: "social", channel: "kiosk" }),
    o.make(10, { type: "ticket.called", ticketId: "tk-q1", windowId: "w1" }),
    o.make(11, { type: "service.started", ticketId: "tk-q1", windowId: "w1" }),
    o.make(12, { type: "ticket.issued", ticketId: "tk-q2", ticketNo: "B001", categoryId: "estate", channel: "kiosk" }),
  ];
  const posted = await admin.postEvents(OTHER_HALL, quietEvents);
  expect(posted.status).toBe(200);
  expect(posted.body.results.map((r) => r.status)).toEqual(quietEvents.map(() => "accepted"));
  quiet = await display({ token: tok.otherDisplay.token, hallId: OTHER_HALL });
  const holdsEvents = (v: LoadView | null) => cat(v, "estate")?.waitingNow === 1 && win(v, "w1")?.currentTicket?.phase === "serving";
  await quiet.waitFor((x) => holdsEvents(x.view), 2000, "the quiet hall's events");
  const base = quiet.received.find((m) => m.outcome === "applied" && holdsEvents(quiet.viewAt(m.message.seq) ?? null));
  if (!base) throw new Error(`no message brought the quiet hall's events: ${quiet.describe()}`);
  quietBase = { at: base.at, seq: base.message.seq, view: quiet.viewAt(base.message.seq) as LoadView };
});

describe("/display handshake and snapshot", () => {
  it("sends display, manager and admin clients a snapshot of the live view with the hall summary", async () => {
    for (const token of [tok.display.token, tok.manager.token, server.adminToken]) {
      const before = Date.now();
      const c = await display({ token });
      const first = c.received[0];
      expect(first?.kind).toBe("snapshot");
      if (first?.kind !== "snapshot") continue;
      const { seq, hall, view } = first.message;
      expect(Number.isSafeInteger(seq) && seq > 0).toBe(true);
      expect(hall).toEqual({
        hallId: HALL,
        name: "测试大厅",
        timezone: hallConfig.timezone,
        targets: { waitMinutes: 20, hotUtilization: 0.85, coldUtilization: 0.35 },
        windows: [
          { id: "w1", name: "1号窗口", department: "人社局", categories: ["social"], comprehensive: false },
          { id: "w2", name: "2号窗口", department: "人社局", categories: ["social"], comprehensive: false },
          { id: "w3", name: "3号窗口", department: "自然资源局", categories: ["estate"], comprehensive: false },
        ],
        categories: [
          { id: "social", name: "社会保险" },
          { id: "estate", name: "不动产登记" },
        ],
      });
      expect(view.hallId).toBe(HALL);
      expect(view.live).toBe(true);
      expect(ms(view.to) - ms(view.from)).toBe(60 * 60_000);
      // The last published view: at most one heartbeat period old.
      expect(ms(view.to)).toBeGreaterThan(before - 6000);
      expect(ms(view.to)).toBeLessThanOrEqual(Date.now() + 1000);
      expect(view.windows.map((w) => w.windowId)).toEqual(["w1", "w2", "w3"]);
      expect(view.categories.map((x) => x.categoryId)).toEqual(["social", "estate"]);
      // Nothing happened yet in this hall.
      expect(view.windows.every((w) => w.state === "closed" && w.currentTicket === null && w.served === 0)).toBe(true);
      expect(view.categories.every((x) => x.arrivals === 0 && x.waitingNow === 0)).toBe(true);
      expect(view.recentCalls).toEqual([]);
      c.close();
    }
  });

  it("refuses staff and device tokens, another hall's token and unknown tokens", async () => {
    for (const role of ["staff", "device"] as const) {
      const r = await expectDisplayRefusal(displayOpts({ token: tok[role].token }));
      expect(r.code, role).toBe("forbidden");
      expect(r.message, role).toMatch(new RegExp(role));
    }
    const other = await expectDisplayRefusal(displayOpts({ token: tok.otherDisplay.token }));
    expect(other.code).toBe("forbidden");
    expect(other.message).toMatch(/hall/);

    for (const token of ["", "hp_unknown-token"]) {
      const r = await expectDisplayRefusal(displayOpts({ token }));
      expect(r.code).toBe("unauthorized");
      expect(r.message.length).toBeGreaterThan(0);
    }
  });
});

describe("/display updates", () => {
  it("sends an update with the opened, serving window within 1 s, carrying only what changed", async () => {
    const socket = await ingestSocket();
    const c = await display();
    const events = [
      f.make(5, { type: "window.opened", windowId: "w1", staffId: "staff-1" }),
      f.make(6, { type: "ticket.issued", ticketId: "tk-a1", ticketNo: "A001", categoryId: "social", channel: "kiosk" }),
      f.make(10, { type: "ticket.called", ticketId: "tk-a1", windowId: "w1" }),
      f.make(11, { type: "service.started", ticketId: "tk-a1", windowId: "w1" }),
    ];
    const sentAt = performance.now();
    await ingest(socket, events);
    await c.waitFor((x) => win(x.view, "w1")?.currentTicket?.phase === "serving", 1500, "w1 serving");
    const arrival = c.updates.find((u) => u.message.view.windows?.some((w) => w.windowId === "w1" && w.state === "open" && w.currentTicket !== null));
    expect(arrival, c.describe()).toBeDefined();
    if (!arrival) return;
    expect(arrival.at - sentAt).toBeLessThan(1000);
    expect(arrival.outcome).toBe("applied");

    const w1 = arrival.message.view.windows?.find((w) => w.windowId === "w1");
    expect(w1?.state).toBe("open");
    expect(ms(w1?.stateSince)).toBe(ms(f.at(5)));
    expect(w1?.currentTicket).toMatchObject({ ticketNo: "A001", categoryId: "social", phase: "serving" });
    expect(ms(w1?.currentTicket?.since)).toBe(ms(f.at(11)));
    // w2 and w3 did not change, nor did the estate category: the patch does not carry them.
    expect(arrival.message.view.windows?.map((w) => w.windowId)).toEqual(["w1"]);
    expect(arrival.message.view.categories?.map((x) => x.categoryId)).toEqual(["social"]);
    expect(arrival.message.view.categories?.[0]).toMatchObject({ arrivals: 1, calledCount: 1, waitingNow: 0 });
    expect(arrival.message.view.categories?.[0]?.avgWaitSeconds).toBeCloseTo(240, 3);
    // A call happened: the ticker changed and is carried whole.
    expect(arrival.message.view.recentCalls).toHaveLength(1);
    expect(arrival.message.view.recentCalls?.[0]).toMatchObject({ ticketNo: "A001", windowId: "w1", categoryId: "social", recall: false });
    expect(arrival.message.seq).toBeGreaterThan(arrival.message.baseSeq);
    expect(arrival.message.baseSeq).toBe(arrival.heldSeqBefore);
    // w1 has been open 25 minutes and busy 19 of them: eligible, neither hot nor cold.
    expect(win(c.view, "w1")?.eligible).toBe(true);
    expect(win(c.view, "w1")?.utilization).toBeGreaterThan(0.7);

    // Completing the service: served counts, the current ticket goes away.
    const done = [
      f.make(13, { type: "service.completed", ticketId: "tk-a1", windowId: "w1", outcome: "done" }),
      f.make(13.5, { type: "evaluation.submitted", ticketId: "tk-a1", windowId: "w1", rating: 4 }),
      f.make(14, { type: "ticket.issued", ticketId: "tk-a2", ticketNo: "A002", categoryId: "social", channel: "online" }),
      f.make(15, { type: "ticket.called", ticketId: "tk-a2", windowId: "w1" }),
      f.make(16, { type: "ticket.issued", ticketId: "tk-b1", ticketNo: "B001", categoryId: "estate", channel: "kiosk" }),
    ];
    await ingest(socket, done);
    await c.waitFor((x) => win(x.view, "w1")?.served === 1 && cat(x.view, "estate")?.waitingNow === 1, 1500, "served and waiting");
    expect(win(c.view, "w1")).toMatchObject({ served: 1, ratingAvg: 4, ratingCount: 1 });
    expect(win(c.view, "w1")?.avgHandleSeconds).toBeCloseTo(120, 3);
    expect(win(c.view, "w1")?.currentTicket).toMatchObject({ ticketNo: "A002", phase: "called" });
    expect(c.view?.recentCalls.map((r) => r.ticketNo)).toEqual(["A002", "A001"]);

    await expectConsistent(c);
    c.close();
  });

  it("coalesces updates to at most one per 250 ms while events flow, with no gaps", async () => {
    const socket = await ingestSocket();
    const c = await display();
    const startArrivals = cat(c.view, "estate")?.arrivals ?? NaN;
    const startSeq = c.seq as number;

    // Events every ~20 ms for 5.5 s: long enough that a 5-second heartbeat falls inside the flow.
    const FLOW_MS = 5500;
    const flowStart = performance.now();
    let n = 0;
    const pending: Promise<void>[] = [];
    while (performance.now() - flowStart < FLOW_MS) {
      n += 1;
      pending.push(ingest(socket, [f.make(17 + n / 10_000, { type: "ticket.issued", ticketId: `tk-c${n}`, ticketNo: `C${n}`, categoryId: "estate", channel: "kiosk" })]));
      await new Promise((r) => setTimeout(r, 20));
    }
    await Promise.all(pending);
    const flowEnd = performance.now();
    await c.waitFor((x) => cat(x.view, "estate")?.arrivals === startArrivals + n, 2000, `${n} more estate arrivals`);

    const during = c.updates.filter((u) => u.at >= flowStart && u.at <= flowEnd + 300);
    const gaps = during.slice(1).map((u, i) => Math.round(u.at - (during[i] as { at: number }).at));
    expect(during.length, `updates during ${FLOW_MS} ms of flow`).toBeGreaterThanOrEqual(12);
    // Every update chained from the one before: none missed, none repeated.
    expect(c.updates.filter((u) => u.message.seq > startSeq).every((u) => u.outcome === "applied")).toBe(true);
    expect(c.gaps).toBe(0);
    expect(c.duplicatesApplied).toBe(0);
    // At most one update per 250 ms per hall, judged on the server's own clock: each update's view.to is
    // the moment it was computed, so delivery jitter on a loaded machine cannot blur the measure.
    const sentGaps = during.slice(1).map((u, i) => Date.parse(u.message.view.to) - Date.parse((during[i] as typeof u).message.view.to));
    const tooClose = sentGaps.filter((g) => g < 250);
    expect(tooClose, `server-side gaps between consecutive updates (ms): ${sentGaps.join(", ")}; arrival gaps: ${gaps.join(", ")}`).toEqual([]);
    c.close();
  });

  it("sends a heartbeat update at least every ~5 s when nothing happens", async () => {
    // The quiet hall's display, connected in the setup: its two heartbeat periods have passed meanwhile.
    const c = quiet;
    const after = () => c.updates.filter((u) => u.message.seq > quietBase.seq);
    await c.waitFor(() => after().length >= 2, 11_500, "two heartbeat updates");
    const [u1, u2] = after() as [(typeof c.updates)[number], (typeof c.updates)[number]];
    expect(u1.at - quietBase.at).toBeLessThanOrEqual(5500);
    expect(u2.at - u1.at).toBeLessThanOrEqual(5500);
    expect(u1.message.baseSeq).toBe(quietBase.seq);
    expect(u2.message.baseSeq).toBe(u1.message.seq);
    // A heartbeat moves the time but none of the stable figures.
    expect(ms(u2.message.view.to)).toBeGreaterThan(ms(quietBase.view.to));
    expect(stable(c.view as LoadView)).toEqual(stable(quietBase.view));
    c.close();
  });

  it("sends a compact display today's changed tail instead of the whole day, ending equal to a full display", async () => {
    const socket = await ingestSocket();
    const full = await display();
    const compact = await display({ compact: true });
    const startSeq = full.seq as number;
    const startArrivals = cat(full.view, "social")?.arrivals ?? NaN;
    // One ticket per update: the next is sent once the full display holds the one before.
    for (let n = 1; n <= 6; n++) {
      await ingest(socket, [f.make(18 + n / 1000, { type: "ticket.issued", ticketId: `tk-k${n}`, ticketNo: `K${n}`, categoryId: "social", channel: "kiosk" })]);
      await full.waitFor((x) => cat(x.view, "social")?.arrivals === startArrivals + n, 2000, `arrival ${n} (full)`);
    }
    const target = startArrivals + 6;
    await full.waitFor((x) => cat(x.view, "social")?.arrivals === target, 5000, "six more arrivals (full)");
    await compact.waitFor((x) => cat(x.view, "social")?.arrivals === target, 5000, "six more arrivals (compact)");
    const compactUpdates = compact.updates.filter((u) => u.message.seq > startSeq);
    const fullUpdates = full.updates.filter((u) => u.message.seq > startSeq);
    // Same updates (same seq chain); today changed in them, carried as a tail to the compact display.
    expect(compactUpdates.some((u) => u.message.view.todayTail !== undefined)).toBe(true);
    expect(compactUpdates.every((u) => u.message.view.today === undefined)).toBe(true);
    expect(fullUpdates.some((u) => u.message.view.today !== undefined)).toBe(true);
    const size = (us: typeof fullUpdates) => us.reduce((a, u) => a + JSON.stringify(u.message).length, 0);
    expect(size(compactUpdates)).toBeLessThan(size(fullUpdates));
    expect(compact.gaps).toBe(0);
    expect(compact.updates.every((u) => u.outcome === "applied")).toBe(true);
    // Held at the same seq, both hold the same view, today's series included.
    await full.waitFor((x) => x.seq === compact.seq, 5000, "same seq");
    expect(compact.view).toEqual(full.view);

    // Catching up after a disconnect, the compact display gets the compact form of what it missed.
    compact.disconnect();
    await compact.waitFor((x) => !x.connected, 2000, "disconnected");
    await ingest(socket, [f.make(18.5, { type: "ticket.issued", ticketId: "tk-k7", ticketNo: "K7", categoryId: "social", channel: "kiosk" })]);
    await full.waitFor((x) => cat(x.view, "social")?.arrivals === target + 1, 3000, "one more arrival");
    compact.reconnect();
    await compact.waitFor((x) => x.seq === full.seq, 5000, "caught up");
    expect(compact.view).toEqual(full.view);
    full.close();
    compact.close();
  });

  it("keeps the long-running watcher's view equal to the published view and the live view", async () => {
    expect(watcher.updates.length).toBeGreaterThan(10);
    expect(watcher.gaps).toBe(0);
    expect(watcher.updates.every((u) => u.outcome === "applied")).toBe(true);
    await expectConsistent(watcher);
  });
});
