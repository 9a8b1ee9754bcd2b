// Floor quality (issue #9) against the real server process and its storage (SQLite file or PostgreSQL):
// - device data quality: events with impossible sequences, a skewed clock, a seq gap and a late event
//   give GET …/floor/data-quality each issue once (held back as `pending` while the events that show them
//   arrived less than 10 minutes ago), and a repeated delivery changes nothing;
// - wait estimates: tickets seen waiting get their estimate stored once; GET …/floor/calibration judges
//   them once they are called; after a restart (when the live floor estimates the tickets still waiting
//   afresh) the stored estimates and the calibration are unchanged.
// Halls run in a fixed-offset zone where it is about noon now, so that nothing crosses a local midnight.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localDate, type CalibrationResponse, type DataQualityResponse, type HallConfig, type HallEvent } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { withLogDb } from "../helpers/log-db.js";
import { ServerProcess } from "../helpers/server-process.js";

const MIN = 60_000;
const server = new ServerProcess();
let admin: Api;

/** A fixed-offset zone whose local time is within an hour of noon now. */
function noonZone(nowMs: number): string {
  let off = 12 - new Date(nowMs).getUTCHours();
  if (off > 14) off -= 24;
  if (off < -12) off += 24;
  return off === 0 ? "Etc/GMT" : off > 0 ? `Etc/GMT-${off}` : `Etc/GMT+${-off}`;
}
const ZONE = noonZone(Date.now());
const hall: HallConfig = { ...testHall, timezone: ZONE };
const today = () => localDate(Date.now(), ZONE);
const dayOffset = (days: number) => localDate(Date.now() + days * 86_400_000, ZONE);

let n = 0;
type Fields = Record<string, unknown> & { type: HallEvent["type"] };
const event = (hallId: string, ms: number, fields: Fields, extra: { deviceId?: string; seq?: number } = {}): HallEvent =>
  ({ id: `${hallId}-${++n}`, hallId, ts: new Date(ms).toISOString(), ...fields, ...extra }) as HallEvent;

async function send(hallId: string, events: HallEvent[], expected: "accepted" | "duplicate" = "accepted"): Promise<void> {
  const res = await admin.postEvents(hallId, events);
  expect(res.status).toBe(200);
  expect(res.body.results.map((r) => r.status)).toEqual(events.map(() => expected));
}

interface StoredEstimate {
  ticketId: string;
  categoryId: string;
  issuedMs: number;
  estimatedMs: number;
  p50Minutes: number | null;
  p80Minutes: number | null;
  basis: string;
}
/** Ordered by ticketId here, by code unit (SQLite's binary order; PostgreSQL's would follow its collation). */
const storedEstimates = async (hallId: string): Promise<StoredEstimate[]> =>
  (
    await withLogDb(server, (db) =>
      db.all<StoredEstimate>(
        `select "ticketId", "categoryId", "issuedMs", "estimatedMs", "p50Minutes", "p80Minutes", "basis" from "TicketEstimate" where "hallId" = ?`,
        [hallId],
      ),
    )
  ).sort((a, b) => (a.ticketId < b.ticketId ? -1 : a.ticketId > b.ticketId ? 1 : 0));

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  for (const id of ["dq-hall", "cal-hall"]) expect((await admin.putHall(id, hall)).status).toBe(201);
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

// ── device data quality ──────────────────────────────────────────────────────────────────────────
const DQ = "dq-hall";
const dataQuality = async (day = today()) => {
  const res = await admin.request<DataQualityResponse>("GET", `/api/halls/${DQ}/floor/data-quality?day=${day}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const kindsOf = (r: DataQualityResponse) => r.issues.map((i) => `${i.kind} ${i.eventId}`).sort();
let dqEvents: HallEvent[] = [];
let dqIds: Record<string, string> = {};

/** Events sent now, stamped within the last minute (so that nothing but the planted one is late). */
function dataQualityScenario(): HallEvent[] {
  const t = Date.now() - 60_000;
  const s = (sec: number) => t + sec * 1000;
  const k1 = (sec: number, f: Fields, seq?: number) => event(DQ, s(sec), f, { deviceId: "k1", ...(seq !== undefined ? { seq } : {}) });
  const skew = -10 * MIN; // k2's clock runs 10 minutes behind
  const k2 = (sec: number, f: Fields, seq: number) => event(DQ, s(sec) + skew, f, { deviceId: "k2", seq });
  const k3 = (sec: number, f: Fields) => event(DQ, s(sec), f, { deviceId: "k3" });
  const events = [
    k1(0, { type: "window.opened", windowId: "w1", staffId: "s1" }, 1),
    k1(1, { type: "ticket.issued", ticketId: "q0", ticketNo: "A001", categoryId: "social", channel: "kiosk" }, 2),
    k1(2, { type: "ticket.called", ticketId: "q0", windowId: "w1" }, 3),
    // seq 4 never arrives: a gap of one
    k1(3, { type: "service.started", ticketId: "q0", windowId: "w1" }, 5),
    k1(10, { type: "service.completed", ticketId: "q0", windowId: "w1", outcome: "done" }, 6),
    k1(12, { type: "service.completed", ticketId: "q1", windowId: "w1", outcome: "done" }, 7), // completed without start
    k1(14, { type: "ticket.called", ticketId: "q2", windowId: "w1" }, 8), // call before issue …
    k1(15, { type: "ticket.issued", ticketId: "q2", ticketNo: "A003", categoryId: "social", channel: "kiosk" }, 9),
    k1(16, { type: "ticket.called", ticketId: "q2", windowId: "w1" }, 10), // … recalled: still one issue
    event(DQ, s(-20 * 60), { type: "ticket.issued", ticketId: "q9", ticketNo: "A009", categoryId: "social", channel: "kiosk" }, { deviceId: "k1" }), // 20 minutes late
    k2(0, { type: "window.opened", windowId: "w3", staffId: "s3" }, 1),
    k2(1, { type: "ticket.issued", ticketId: "q5", ticketNo: "B001", categoryId: "estate", channel: "kiosk" }, 2),
    k2(2, { type: "ticket.called", ticketId: "q5", windowId: "w3" }, 3),
    k2(3, { type: "service.started", ticketId: "q5", windowId: "w3" }, 4),
    k2(30, { type: "service.completed", ticketId: "q5", windowId: "w3", outcome: "done" }, 5),
    k3(20, { type: "service.started", ticketId: "q6", windowId: "w2" }), // w2 never opened
    k3(25, { type: "service.completed", ticketId: "q6", windowId: "w2", outcome: "done" }),
  ];
  const id = (i: number) => (events[i] as HallEvent).id;
  dqIds = { gap: id(3), withoutStart: id(5), callBeforeIssue: id(6), late: id(9), closed: id(15) };
  return events;
}

describe("GET …/floor/data-quality", () => {
  it("reports a skewed clock and a late event at once, and holds the impossible sequences and the gap back", async () => {
    dqEvents = dataQualityScenario();
    await send(DQ, dqEvents);
    const r = await dataQuality();
    expect(r.day).toBe(today());
    expect(r.pending).toBe(4); // three impossible sequences and a seq gap, shown by events received just now
    expect(r.issues.map((i) => i.kind).sort()).toEqual(["clock_skew", "late_event"]);
    expect(r.issues.find((i) => i.kind === "late_event")?.eventId).toBe(dqIds.late);
    const k2 = r.devices.find((d) => d.id === "k2");
    expect(k2?.skewMs).toBeLessThan(-9 * MIN);
    expect(k2?.skewMs).toBeGreaterThan(-11 * MIN);
    expect(k2).toMatchObject({ events: 5, score: 70, grade: "check" }); // −30 for a clock more than 5 minutes off
  });

  it("answers 400 for a malformed or future day and 404 for an unknown hall", async () => {
    for (const q of ["", "?day=2026-02-30", "?day=today", `?day=${dayOffset(2)}`]) {
      const res = await admin.request<{ error: { field: string } }>("GET", `/api/halls/${DQ}/floor/data-quality${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.field).toBe("day");
    }
    expect((await admin.request("GET", `/api/halls/nope/floor/data-quality?day=${today()}`)).status).toBe(404);
  });
});

// ── wait estimates and their calibration ─────────────────────────────────────────────────────────
const CAL = "cal-hall";
const calibration = async () => {
  const res = await admin.request<CalibrationResponse>("GET", `/api/halls/${CAL}/floor/calibration?from=${dayOffset(-1)}&to=${dayOffset(1)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
let issuedX1 = 0;
let calledX2 = 0;
let beforeRestart: { estimates: StoredEstimate[]; calibration: CalibrationResponse } | null = null;

describe("wait estimates given at issue, and their calibration", () => {
  it("stores the estimate of each ticket seen waiting, once, and none for tickets never seen waiting", async () => {
    // w3 (estate) opened 125 minutes ago and served 30 tickets in 4-minute cycles (all called before any
    // estimate saw them waiting); now three estate tickets wait, and one social ticket no window serves.
    const now = Date.now();
    const at = (m: number) => now + m * MIN;
    const events: HallEvent[] = [event(CAL, at(-125), { type: "window.opened", windowId: "w3", staffId: "s3" })];
    for (let k = 0; k < 30; k++) {
      const ticketId = `b${k + 1}`;
      events.push(event(CAL, at(-121 + k / 100), { type: "ticket.issued", ticketId, ticketNo: `B${String(k + 1).padStart(3, "0")}`, categoryId: "estate", channel: "kiosk" }));
      events.push(event(CAL, at(-120 + 4 * k), { type: "ticket.called", ticketId, windowId: "w3" }));
      events.push(event(CAL, at(-120 + 4 * k + 0.5), { type: "service.started", ticketId, windowId: "w3" }));
      events.push(event(CAL, at(-120 + 4 * k + 3.5), { type: "service.completed", ticketId, windowId: "w3", outcome: "done" }));
    }
    issuedX1 = at(-3);
    events.push(
      event(CAL, issuedX1, { type: "ticket.issued", ticketId: "x1", ticketNo: "B101", categoryId: "estate", channel: "kiosk" }),
      event(CAL, at(-2.9), { type: "ticket.issued", ticketId: "x2", ticketNo: "B102", categoryId: "estate", channel: "kiosk" }),
      event(CAL, at(-2.8), { type: "ticket.issued", ticketId: "x3", ticketNo: "B103", categoryId: "estate", channel: "kiosk" }),
      event(CAL, at(-2), { type: "ticket.issued", ticketId: "s1", ticketNo: "A101", categoryId: "social", channel: "kiosk" }),
    );
    await send(CAL, events);
    expect((await admin.load(CAL)).status).toBe(200); // the live view computes the floor section

    await expect.poll(async () => (await storedEstimates(CAL)).length, { timeout: 10_000, interval: 200 }).toBe(4);
    const stored = await storedEstimates(CAL);
    expect(stored.map((e) => [e.ticketId, e.categoryId, e.basis])).toEqual([
      ["s1", "social", "unknown"],
      ["x1", "estate", "measured"],
      ["x2", "estate", "measured"],
      ["x3", "estate", "measured"],
    ]);
    expect(stored.find((e) => e.ticketId === "x1")?.issuedMs).toBe(issuedX1);
    for (const e of stored) {
      expect(e.estimatedMs).toBeGreaterThanOrEqual(e.issuedMs);
      if (e.basis === "unknown") expect([e.p50Minutes, e.p80Minutes]).toEqual([null, null]);
      else expect(e.p50Minutes as number).toBeLessThanOrEqual(e.p80Minutes as number);
    }
  });

  it("judges the stored estimates once the tickets are called", async () => {
    // x1 is called at once (before its estimate was even made: a wait of 0 is within any band), x2 now;
    // x3 still waits.
    calledX2 = Date.now();
    await send(CAL, [event(CAL, issuedX1 + 1000, { type: "ticket.called", ticketId: "x1", windowId: "w3" }), event(CAL, calledX2, { type: "ticket.called", ticketId: "x2", windowId: "w3" })]);
    const stored = await storedEstimates(CAL);
    const x2 = stored.find((e) => e.ticketId === "x2") as StoredEstimate;
    const x2Waited = Math.max(0, calledX2 - x2.estimatedMs) / MIN;
    const byP50 = 1 + (x2Waited <= (x2.p50Minutes as number) ? 1 : 0);
    const byP80 = 1 + (x2Waited <= (x2.p80Minutes as number) ? 1 : 0);

    const r = await calibration();
    expect(r.from).toBe(dayOffset(-1));
    expect(r.rule).toEqual({ p80Target: 0.8, p50Target: 0.5, tolerance: 0.08, minTickets: 20 });
    const day = today();
    expect(r.rows.map((row) => [row.day, row.categoryId, row.tickets, row.byP50Share, row.byP80Share, row.noEstimate, row.notCalled])).toEqual([
      [day, null, 2, byP50 / 2, byP80 / 2, 1, 1],
      [day, "estate", 2, byP50 / 2, byP80 / 2, 0, 1],
      [day, "social", 0, null, null, 1, 0],
    ]);
    expect(r.summary).toEqual({ tickets: 2, byP50Share: byP50 / 2, byP80Share: byP80 / 2, noEstimate: 1, notCalled: 1, verdict: "too_few" });
    beforeRestart = { estimates: stored, calibration: r };
  });

  it("refuses a malformed, reversed or too long period", async () => {
    const q = (from: string, to: string) => admin.request<{ error: { field: string } }>("GET", `/api/halls/${CAL}/floor/calibration?from=${from}&to=${to}`);
    expect((await q("2026-13-01", "2026-12-01")).body.error.field).toBe("from");
    expect((await q("2026-01-10", "2026-01-09")).body.error.field).toBe("to");
    expect((await q("2026-01-01", "2026-04-02")).status).toBe(200); // 92 days
    const long = await q("2026-01-01", "2026-04-03");
    expect([long.status, long.body.error.field]).toEqual([400, "to"]);
  });
});

// ── restart ──────────────────────────────────────────────────────────────────────────────────────
describe("after a restart", () => {
  it("keeps the stored estimates and the calibration, and still records the estimates of new tickets", async () => {
    await server.stop();
    // Let the data-quality events have arrived 15 minutes ago (past the 10-minute grace), as if the server
    // clock had moved on: receive and event times move back together, so skew and lateness are unchanged.
    const shift = 15 * MIN;
    await withLogDb(
      server,
      async (db) => {
        const rows = await db.all<{ seq: number; payload: string; tsMs: number; receivedMs: number }>(
          `select "seq", "payload", "tsMs", "receivedMs" from "Event" where "hallId" = ?`,
          [DQ],
        );
        await db.exec("begin");
        for (const r of rows) {
          const e = JSON.parse(r.payload) as HallEvent;
          await db.run(`update "Event" set "payload" = ?, "tsMs" = ?, "receivedMs" = ? where "seq" = ?`, [
            JSON.stringify({ ...e, ts: new Date(Date.parse(e.ts) - shift).toISOString() }),
            r.tsMs - shift,
            r.receivedMs - shift,
            r.seq,
          ]);
        }
        await db.exec("commit");
      },
      { write: true },
    );
    await server.start();

    // The live floor estimates x3 afresh (its memory is empty) and the new ticket x4 for the first time.
    await send(CAL, [event(CAL, Date.now() - 1000, { type: "ticket.issued", ticketId: "x4", ticketNo: "B104", categoryId: "estate", channel: "kiosk" })]);
    expect((await admin.load(CAL)).status).toBe(200);
    await expect.poll(async () => (await storedEstimates(CAL)).map((e) => e.ticketId), { timeout: 10_000, interval: 200 }).toContain("x4");
    expect((await storedEstimates(CAL)).filter((e) => e.ticketId !== "x4")).toEqual(beforeRestart?.estimates);
    // The same figures, plus x4 waiting (not called: counted apart, in the hall's and estate's rows).
    const expected = structuredClone(beforeRestart?.calibration) as CalibrationResponse;
    for (const row of expected.rows) if (row.categoryId !== "social") row.notCalled += 1;
    expected.summary.notCalled += 1;
    expect(await calibration()).toEqual(expected);
  });

  it("counts each impossible sequence once, now that the events showing them are settled", async () => {
    const r = await dataQuality();
    expect(r.pending).toBe(0);
    const kinds = kindsOf(r);
    expect(kinds.filter((k) => !k.startsWith("clock_skew"))).toEqual(
      [
        `call_before_issue ${dqIds.callBeforeIssue}`,
        `completed_without_start ${dqIds.withoutStart}`,
        `late_event ${dqIds.late}`,
        `seq_gap ${dqIds.gap}`,
        `service_on_closed_window ${dqIds.closed}`,
      ].sort(),
    );
    expect(kinds.filter((k) => k.startsWith("clock_skew"))).toHaveLength(1);
    expect(r.totalIssues).toBe(6);
    expect(r.issues.find((i) => i.kind === "seq_gap")?.amount).toBe(1);
    const k1 = r.devices.find((d) => d.id === "k1");
    expect(k1?.counts).toEqual({ completed_without_start: 1, call_before_issue: 1, service_on_closed_window: 0, clock_skew: 0, seq_gap: 1, late_event: 1 });
    expect(k1?.missing).toBe(1);
    expect(r.devices.find((d) => d.id === "k3")?.counts.service_on_closed_window).toBe(1);
    // Worst first (ties by id): k1 and k3 rest mostly on contradicting events, k2 only has a wrong clock.
    expect(r.devices.map((d) => [d.id, d.score])).toEqual([["k1", 0], ["k3", 0], ["k2", 70]]);
    // k2's skewed clock also stamps ticket issues (no window): it is the device's issue, not w3's.
    expect(r.windows.map((w) => [w.id, w.score])).toEqual([["w1", 0], ["w2", 0], ["w3", 100]]);

    // Delivered again, the same events change nothing.
    await send(DQ, dqEvents.map((e) => JSON.parse(JSON.stringify(e)) as HallEvent), "duplicate");
    const again = await dataQuality();
    expect({ ...again, asOf: r.asOf }).toEqual(r);
  });
});
