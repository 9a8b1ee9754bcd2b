// POST /api/halls/:hallId/events, what a batch answers and counts: one result per event in input order
// (accepted / duplicate / rejected with the named field), every rejection quarantined, the future-time
// limit, ids per hall, and duplicates (within a batch, across batches, in any position) acknowledged but
// never counted twice in /load. The shared server setup is ingest-http-fixture.ts.
import { describe, expect, it } from "vitest";
import type { IngestResult, LoadView } from "../../contract/index.js";
import { EventFactory } from "../helpers/hall-fixture.js";
import { admin, device, iso, otherDevice, quarantine, setUpIngestServer } from "./ingest-http-fixture.js";

setUpIngestServer();

describe("batch results", () => {
  it("answers one result per input, in input order, with accepted / duplicate / rejected and the named field", async () => {
    const now = Date.now();
    const f = new EventFactory("in-a", now - 30 * 60_000, "mix-");
    const valid1 = f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" });
    const valid2 = f.make(1, { type: "ticket.issued", ticketId: "T1", ticketNo: "A001", categoryId: "social", channel: "kiosk" });
    const inputs: unknown[] = [
      valid1,
      { ...f.make(2, { type: "window.opened", windowId: "w2", staffId: "s2" }), colour: "red" },
      { ...f.make(2, { type: "window.opened", windowId: "w2", staffId: "s2" }), ts: "2026-02-30T10:00:00+08:00" },
      { ...f.make(2, { type: "window.opened", windowId: "w2", staffId: "s2" }), ts: "yesterday" },
      { ...f.make(2, { type: "window.opened", windowId: "w2", staffId: "s2" }), ts: "2026-11-25T10:00:00" },
      f.make(2, { type: "window.opened", windowId: "w9", staffId: "s2" }),
      f.make(2, { type: "ticket.issued", ticketId: "T2", ticketNo: "A002", categoryId: "tax", channel: "online" }),
      { ...f.make(2, { type: "window.opened", windowId: "w2", staffId: "s2" }), ts: iso(now + 6 * 60_000) },
      { ...f.make(2, { type: "window.opened", windowId: "w3", staffId: "s3" }), ts: iso(now + 4 * 60_000) },
      { ...f.make(2, { type: "window.opened", windowId: "w2", staffId: "s2" }), hallId: "in-b" },
      valid2,
      { ...valid1 },
      { ...f.make(3, { type: "service.completed", ticketId: "T1", windowId: "w1", outcome: "done" }), outcome: "perfect" },
      f.make(3, { type: "ticket.transferred", ticketId: "T1", fromWindowId: "w1", toCategoryId: "nowhere" }),
      { id: "mix-no-type", hallId: "in-a", ts: iso(now) },
      { id: "mix-bad-type", hallId: "in-a", ts: iso(now), type: "ticket.printed" },
      42,
      null,
      "window.opened",
      [valid1],
    ];
    const want: { status: IngestResult["status"]; field?: string; errorStartsWith?: string; error?: string; id?: string | null }[] = [
      { status: "accepted", id: valid1.id },
      { status: "rejected", field: "colour", error: "colour: unknown field" },
      { status: "rejected", field: "ts", error: "ts: invalid ISO-8601 timestamp" },
      { status: "rejected", field: "ts", error: "ts: invalid ISO-8601 timestamp" },
      { status: "rejected", field: "ts", error: "ts: invalid ISO-8601 timestamp" },
      { status: "rejected", field: "windowId", errorStartsWith: "windowId: " },
      { status: "rejected", field: "categoryId", errorStartsWith: "categoryId: " },
      { status: "rejected", field: "ts", errorStartsWith: "ts: " },
      { status: "accepted" },
      { status: "rejected", field: "hallId", errorStartsWith: "hallId: " },
      { status: "accepted", id: valid2.id },
      { status: "duplicate", id: valid1.id },
      { status: "rejected", field: "outcome", errorStartsWith: "outcome: " },
      { status: "rejected", field: "toCategoryId", errorStartsWith: "toCategoryId: " },
      { status: "rejected", field: "type", id: "mix-no-type" },
      { status: "rejected", field: "type", id: "mix-bad-type" },
      { status: "rejected", id: null },
      { status: "rejected", id: null },
      { status: "rejected", id: null },
      { status: "rejected", id: null },
    ];
    expect(inputs.length).toBe(want.length);

    const res = await device.postEvents("in-a", inputs);
    expect(res.status).toBe(200);
    const results = res.body.results;
    // Nothing silently dropped: one answer per input.
    expect(results.length).toBe(inputs.length);
    results.forEach((r, i) => {
      const w = want[i] as (typeof want)[number];
      const input = inputs[i];
      const inputId = input !== null && typeof input === "object" && !Array.isArray(input) ? (input as { id?: unknown }).id : null;
      const label = `input ${i}`;
      expect(r.status, label).toBe(w.status);
      expect(r.id, label).toBe(w.id !== undefined ? w.id : inputId);
      if (w.status === "rejected") {
        expect(typeof r.error, label).toBe("string");
        if (w.field !== undefined) {
          expect(r.field, label).toBe(w.field);
          expect(r.error?.startsWith(`${w.field}: `), label).toBe(true);
        }
        if (w.error !== undefined) expect(r.error, label).toBe(w.error);
        if (w.errorStartsWith !== undefined) expect(r.error?.startsWith(w.errorStartsWith), label).toBe(true);
      } else {
        expect(r.error, label).toBeUndefined();
        expect(r.field, label).toBeUndefined();
      }
    });

    // Every rejected input is in the quarantine, newest first, with its reason.
    const rejectedIdx = want.map((w, i) => (w.status === "rejected" ? i : -1)).filter((i) => i >= 0);
    const items = await quarantine("in-a");
    expect(items.length).toBe(rejectedIdx.length);
    const newestFirst = [...rejectedIdx].reverse();
    items.forEach((item, k) => {
      const i = newestFirst[k] as number;
      const r = results[i] as IngestResult;
      expect(item.hallId).toBe("in-a");
      expect(item.source).toBe("http");
      expect(item.error).toBe(r.error);
      if (r.field !== undefined) expect(item.field).toBe(r.field);
      expect(JSON.parse(item.payload)).toEqual(inputs[i]);
      expect(Math.abs(Date.parse(item.receivedAt) - now)).toBeLessThan(60_000);
    });
    expect(items.map((x) => x.id)).toEqual([...items.map((x) => x.id)].sort((a, b) => b - a));
  });

  it("accepts an event 4 minutes in the future and refuses one 6 minutes ahead", async () => {
    const now = Date.now();
    const res = await device.postEvents("in-a", [
      { id: "fut-4", hallId: "in-a", ts: iso(now + 4 * 60_000), type: "window.opened", windowId: "w2", staffId: "s9" },
      { id: "fut-6", hallId: "in-a", ts: iso(now + 6 * 60_000), type: "window.opened", windowId: "w2", staffId: "s9" },
    ]);
    expect(res.status).toBe(200);
    expect(res.body.results[0]).toEqual({ id: "fut-4", status: "accepted" });
    expect(res.body.results[1]).toMatchObject({ id: "fut-6", status: "rejected", field: "ts" });
    expect(res.body.results[1]?.error).toMatch(/^ts: .*future/);
  });

  it("accepts a timestamp with a +08:00 offset and treats ids per hall", async () => {
    const ts = new Date(Date.now() - 10 * 60_000 + 8 * 3_600_000).toISOString().replace("Z", "+08:00");
    const ev = { id: "same-id", hallId: "in-a", ts, type: "window.opened", windowId: "w3", staffId: "s3" };
    expect((await device.postEvents("in-a", [ev])).body.results).toEqual([{ id: "same-id", status: "accepted" }]);
    // The same id in another hall is that hall's own event, not a duplicate.
    const other = await otherDevice.postEvents("in-b", [{ ...ev, hallId: "in-b" }]);
    expect(other.body.results).toEqual([{ id: "same-id", status: "accepted" }]);
  });
});

describe("duplicates are acknowledged and never counted twice", () => {
  it("within one batch and across batches, as seen in /load", async () => {
    const now = Date.now();
    const f = new EventFactory("in-dup", now - 30 * 60_000, "d");
    const issued = [1, 2, 3].map((n) => f.make(n, { type: "ticket.issued", ticketId: `T${n}`, ticketNo: `A00${n}`, categoryId: "social", channel: "kiosk" }));
    const opened = f.make(0, { type: "window.opened", windowId: "w1", staffId: "s1" });
    const started = f.make(5, { type: "service.started", ticketId: "T1", windowId: "w1" });
    const completed = f.make(10, { type: "service.completed", ticketId: "T1", windowId: "w1", outcome: "done" });

    const first = await admin.postEvents("in-dup", [opened, issued[0], issued[0], issued[1], started, completed, started]);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(["accepted", "accepted", "duplicate", "accepted", "accepted", "accepted", "duplicate"]);
    expect(first.body.results.map((r) => r.id)).toEqual([opened.id, issued[0]?.id, issued[0]?.id, issued[1]?.id, started.id, completed.id, started.id]);

    // A re-sent batch (a device retry) plus one new event: only the new one counts.
    const second = await admin.postEvents("in-dup", [completed, issued[2], issued[1], opened, issued[2]]);
    expect(second.body.results.map((r) => r.status)).toEqual(["duplicate", "accepted", "duplicate", "duplicate", "duplicate"]);

    // A duplicate id with different content is still the held event: acknowledged, not counted.
    const changed = await admin.postEvents("in-dup", [{ ...completed, outcome: "rejected", ts: f.at(12) }]);
    expect(changed.body.results).toEqual([{ id: completed.id, status: "duplicate" }]);

    const load = await admin.load("in-dup", { from: f.at(0), to: f.at(20) });
    expect(load.status).toBe(200);
    const w1 = load.body.windows.find((w) => w.windowId === "w1");
    const social = load.body.categories.find((c) => c.categoryId === "social");
    expect(social?.arrivals).toBe(3);
    expect(social?.waitingNow).toBe(3); // none was called
    expect(w1?.served).toBe(1);
    expect(w1?.openSeconds).toBe(1200);
    expect(w1?.busySeconds).toBe(300);
    expect(w1?.avgHandleSeconds).toBe(300);
    // No quarantine rows for duplicates.
    expect(await quarantine("in-dup")).toEqual([]);
  });
});

describe("ordering and the view", () => {
  it("reports statuses and the load independent of the position of duplicates in the batch", async () => {
    const base = Date.now() - 40 * 60_000;
    const f = new EventFactory("in-order", base, "o");
    const open = f.make(0, { type: "window.opened", windowId: "w3", staffId: "s3" });
    const issue = f.make(1, { type: "ticket.issued", ticketId: "B1", ticketNo: "B001", categoryId: "estate", channel: "kiosk" });
    const call = f.make(4, { type: "ticket.called", ticketId: "B1", windowId: "w3" });
    const start = f.make(5, { type: "service.started", ticketId: "B1", windowId: "w3" });
    const done = f.make(9, { type: "service.completed", ticketId: "B1", windowId: "w3", outcome: "accepted" });
    // Reverse time order with duplicates interleaved.
    const res = await admin.postEvents("in-order", [done, start, done, call, issue, start, open, call]);
    expect(res.body.results.map((r) => r.status)).toEqual(["accepted", "accepted", "duplicate", "accepted", "accepted", "duplicate", "accepted", "duplicate"]);
    const load = await admin.load("in-order", { from: f.at(0), to: f.at(10) });
    const w3 = load.body.windows.find((w) => w.windowId === "w3") as LoadView["windows"][number];
    expect(w3.openSeconds).toBe(600);
    expect(w3.busySeconds).toBe(240);
    expect(w3.served).toBe(1);
    expect(w3.avgHandleSeconds).toBe(240);
    expect(w3.utilization).toBeCloseTo(0.4, 12);
    const estate = load.body.categories.find((c) => c.categoryId === "estate");
    expect(estate).toMatchObject({ arrivals: 1, calledCount: 1, avgWaitSeconds: 180, maxWaitSeconds: 180, waitingNow: 0, oldestWaitSeconds: null });
  });
});
