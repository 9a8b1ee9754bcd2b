// Today's history through a real server (issue #8, session 19): computed on the floor worker's copy of the
// live facts instead of being read again from the log, and written by the rollup worker. It equals /load
// of today (computed from the log), the status says it came from the live facts, and an event acknowledged
// later is in the figures as soon as the status says nothing is pending.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate, startOfLocalDay, type HallEvent, type HistoryResponse, type HistoryRow, type LoadView } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { EventFactory, testHallSpanningToday } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

const server = new ServerProcess({ env: { ROLLUP_TODAY_MS: "1000" } });
let admin: Api;
const HALL = "today-live";
const MIN = 60_000;
/** Events from 15 minutes ago to 3 minutes ago, in a zone where that is all today. */
const hall = testHallSpanningToday(20 * MIN);
const BASE = Math.floor((Date.now() - 15 * MIN) / 1000) * 1000;
const TODAY = localDate(BASE, hall.timezone);
const FROM = new Date(startOfLocalDay(BASE, hall.timezone)).toISOString();
const TO = new Date(startOfLocalDay(BASE, hall.timezone) + 24 * 3_600_000).toISOString();

interface Status {
  pendingDays: number;
  completed: number;
  fromLiveFacts: number;
}

/** w1 serves two social tickets (one rated), w3 calls an estate ticket that does not come; both windows close. */
function events(f: EventFactory): HallEvent[] {
  return [
    f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" }),
    f.make(0.5, { type: "window.opened", windowId: "w3", staffId: "s3" }),
    f.make(1, { type: "ticket.issued", ticketId: "t1", ticketNo: "A001", categoryId: "social", channel: "kiosk" }),
    f.make(1.5, { type: "ticket.issued", ticketId: "t2", ticketNo: "A002", categoryId: "social", channel: "online" }),
    f.make(2, { type: "ticket.issued", ticketId: "t3", ticketNo: "B001", categoryId: "estate", channel: "kiosk" }),
    f.make(3, { type: "ticket.called", ticketId: "t1", windowId: "w1" }),
    f.make(3.5, { type: "service.started", ticketId: "t1", windowId: "w1" }),
    f.make(4, { type: "ticket.called", ticketId: "t3", windowId: "w3" }),
    f.make(6, { type: "ticket.no_show", ticketId: "t3", windowId: "w3" }),
    f.make(7, { type: "service.completed", ticketId: "t1", windowId: "w1", outcome: "done" }),
    f.make(7.5, { type: "evaluation.submitted", ticketId: "t1", windowId: "w1", rating: 4 }),
    f.make(8, { type: "ticket.called", ticketId: "t2", windowId: "w1" }),
    f.make(8.5, { type: "service.started", ticketId: "t2", windowId: "w1" }),
    f.make(10, { type: "service.completed", ticketId: "t2", windowId: "w1", outcome: "done" }),
    f.make(11, { type: "window.closed", windowId: "w3" }),
  ];
}

async function send(batch: HallEvent[]): Promise<void> {
  const res = await admin.postEvents(HALL, batch);
  expect(res.status).toBe(200);
  expect(res.body.results.filter((r) => r.status !== "accepted")).toEqual([]);
}

async function status(): Promise<Status> {
  const res = await admin.request<Status>("GET", `/api/halls/${HALL}/history/status`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Polls the status until nothing is pending and, with `liveSince`, more recomputes came from the live facts than that. */
async function settled(liveSince = -1): Promise<Status> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const s = await status();
    // The count moves when the runner hears of the write, a moment after the mark is cleared.
    if (s.pendingDays === 0 && s.fromLiveFacts > liveSince) return s;
    if (Date.now() > deadline) throw new Error(`today not recomputed: ${JSON.stringify(s)}\n${server.output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function history(groupBy: "window" | "category" | "day"): Promise<HistoryRow[]> {
  const res = await admin.request<HistoryResponse>("GET", `/api/halls/${HALL}/history?from=${TODAY}&to=${TODAY}&groupBy=${groupBy}`);
  expect(res.status).toBe(200);
  return res.body.rows;
}

async function loadOfToday(): Promise<LoadView> {
  const res = await admin.load(HALL, { from: FROM, to: TO });
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, hall)).status).toBe(201);
}, 120_000);

afterAll(async () => {
  await server.stop();
  server.remove();
});

describe("today's history on the live facts", () => {
  it("equals /load of today, and the status says it came from the live facts", async () => {
    await send(events(new EventFactory(HALL, BASE, "today-")));
    expect((await settled(0)).fromLiveFacts).toBeGreaterThanOrEqual(1);
    const load = await loadOfToday();
    const windows = new Map((await history("window")).map((r) => [r.key, r]));
    for (const w of load.windows) {
      const r = windows.get(w.windowId);
      expect({ window: w.windowId, served: r?.served ?? 0, utilization: r?.utilization ?? 0, avgHandleSeconds: r?.avgHandleSeconds ?? null, ratingAvg: r?.ratingAvg ?? null }).toEqual({
        window: w.windowId,
        served: w.served,
        utilization: w.utilization,
        avgHandleSeconds: w.avgHandleSeconds,
        ratingAvg: w.ratingAvg,
      });
    }
    expect(windows.get("w1")?.served).toBe(2);
    const categories = new Map((await history("category")).map((r) => [r.key, r]));
    for (const c of load.categories) expect({ category: c.categoryId, arrivals: categories.get(c.categoryId)?.arrivals ?? 0, waitMaxSeconds: categories.get(c.categoryId)?.waitMaxSeconds ?? null }).toEqual({ category: c.categoryId, arrivals: c.arrivals, waitMaxSeconds: c.maxWaitSeconds });
    expect(categories.get("social")?.arrivals).toBe(2);
  });

  it("has an event acknowledged afterwards in the figures once nothing is pending", async () => {
    const before = (await history("day"))[0];
    const statusBefore = await status();
    const f = new EventFactory(HALL, BASE, "later-");
    await send([
      f.make(11.5, { type: "ticket.issued", ticketId: "t4", ticketNo: "A003", categoryId: "social", channel: "kiosk" }),
      f.make(11.6, { type: "ticket.called", ticketId: "t4", windowId: "w1" }),
      f.make(11.7, { type: "service.started", ticketId: "t4", windowId: "w1" }),
      f.make(12, { type: "service.completed", ticketId: "t4", windowId: "w1", outcome: "done" }),
    ]);
    // The events marked today in their commit, before the ack: nothing pending means today was recomputed
    // since — on the live facts, as the count says.
    await settled(statusBefore.fromLiveFacts);
    const after = (await history("day"))[0];
    expect({ served: after?.served, arrivals: after?.arrivals }).toEqual({ served: (before?.served ?? 0) + 1, arrivals: (before?.arrivals ?? 0) + 1 });
  });
});
