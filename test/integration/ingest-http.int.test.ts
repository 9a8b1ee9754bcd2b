// POST /api/halls/:hallId/events against the real server process: per-event results in input order,
// duplicates (stored or within the batch) never counted twice, every rejection named and quarantined,
// personal identifiers refused and never written to storage (the SQLite file's bytes, or every value of
// every table on PostgreSQL).
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorBody, HallEvent, IngestResult, LoadView } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { EventFactory, testHall } from "../helpers/hall-fixture.js";
import { storedData } from "../helpers/log-db.js";
import { ServerProcess } from "../helpers/server-process.js";

const server = new ServerProcess();
let admin: Api;
let device: Api;
let otherDevice: Api;

// Personal identifiers used below. Each appears only in inputs that must be refused.
const MOBILE = "13912345678";
const MOBILE_GROUPED = "139 8765 4321";
const MOBILE_INTL = "+86 13698765432";
const ID_CARD = "110101199003071234";
const ID_CARD_X = "44030419851231002X";
const MOBILE_IN_KEY = "15011112222";
const MOBILE_IN_ID = "13800138000";
/** Digits of a mobile number inside a longer alphanumeric run (a hash): not personal data. */
const HEX_WITH_DIGITS = "c0ffee13700001111abc";
/** The same with letters on one side only: a hash ending, and one starting, with the digit run. */
const HEX_ENDING_IN_DIGITS = "9f86d0818f13700002222";
const HEX_STARTING_WITH_DIGITS = "13700003333ca5e";

interface QuarantineItem {
  id: number;
  hallId: string;
  source: string;
  eventId: string | null;
  field: string | null;
  error: string;
  payload: string;
  receivedAt: string;
}

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  for (const h of ["in-a", "in-b", "in-dup", "in-pii", "in-limit", "in-order"]) expect((await admin.putHall(h, testHall)).status).toBe(201);
  const created = await admin.createToken({ role: "device", hallId: "in-a" });
  device = admin.as(created.body.token);
  otherDevice = admin.as((await admin.createToken({ role: "device", hallId: "in-b" })).body.token);
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

const iso = (ms: number) => new Date(ms).toISOString();

async function quarantine(hallId: string): Promise<QuarantineItem[]> {
  const res = await admin.request<{ items: QuarantineItem[] }>("GET", `/api/halls/${hallId}/quarantine`);
  expect(res.status).toBe(200);
  return res.body.items;
}

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

describe("request-level refusals", () => {
  it("refuses a body that is not an array with 400 naming the body", async () => {
    for (const body of [{ id: "x" }, "just text", 7]) {
      const res = await device.request<ErrorBody>("POST", "/api/halls/in-a/events", JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request");
      expect(res.body.error.field).toBe("body");
    }
  });

  it("refuses invalid JSON with 400", async () => {
    const res = await device.request<ErrorBody>("POST", "/api/halls/in-a/events", '[{"id": "x",');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
  });

  it("accepts exactly 500 events and refuses 501 without storing any of them", async () => {
    const base = Date.now() - 60 * 60_000;
    const make = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => ({
        id: `${prefix}-${i}`,
        hallId: "in-limit",
        ts: iso(base + i * 1000),
        type: "ticket.issued",
        ticketId: `${prefix}-T${i}`,
        ticketNo: `L${i}`,
        categoryId: "estate",
        channel: "kiosk",
      }));
    const tooMany = await admin.postEvents("in-limit", make(501, "big"));
    expect(tooMany.status).toBe(400);
    expect((tooMany.body as unknown as ErrorBody).error.code).toBe("bad_request");
    expect((tooMany.body as unknown as ErrorBody).error.field).toBe("body");

    const ok = await admin.postEvents("in-limit", make(500, "max"));
    expect(ok.status).toBe(200);
    expect(ok.body.results.length).toBe(500);
    expect(ok.body.results.every((r) => r.status === "accepted")).toBe(true);

    const load = await admin.load("in-limit", { from: iso(base - 1000), to: iso(base + 600_000) });
    // 500 from the accepted batch, none of the refused 501.
    expect(load.body.categories.find((c) => c.categoryId === "estate")?.arrivals).toBe(500);
  });

  it("answers 404 for an unknown hall", async () => {
    const res = await admin.request<ErrorBody>("POST", "/api/halls/no-such-hall/events", []);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("refuses another hall's device token with 403 and stores nothing", async () => {
    const ev = { id: "intruder-1", hallId: "in-a", ts: iso(Date.now() - 60_000), type: "window.opened", windowId: "w1", staffId: "x" };
    const res = await otherDevice.request<ErrorBody>("POST", "/api/halls/in-a/events", [ev]);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    // Not stored: the same id is new when the hall's own device sends it.
    const own = await device.postEvents("in-a", [ev]);
    expect(own.body.results).toEqual([{ id: "intruder-1", status: "accepted" }]);
  });

  it("refuses a display, manager or staff token with 403", async () => {
    for (const req of [{ role: "display", hallId: "in-a" }, { role: "manager", hallId: "in-a" }, { role: "staff", hallId: "in-a", windowId: "w1" }]) {
      const t = (await admin.createToken(req)).body.token;
      const res = await admin.as(t).request<ErrorBody>("POST", "/api/halls/in-a/events", []);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("forbidden");
    }
  });
});

describe("personal data", () => {
  const now = Date.now();
  const f = new EventFactory("in-pii", now - 20 * 60_000, "p");
  const eval1 = f.make(1, { type: "evaluation.submitted", ticketId: "T1", windowId: "w1", rating: 5, comment: `电话${MOBILE}` });
  const paused = f.make(2, { type: "window.paused", windowId: "w1", reason: `T-${MOBILE}` });
  const grouped = f.make(3, { type: "evaluation.submitted", ticketId: "T2", windowId: "w2", rating: 4, comment: `请回电 ${MOBILE_GROUPED} 谢谢` });
  const intl = f.make(4, { type: "window.paused", windowId: "w2", reason: `联系${MOBILE_INTL}` });
  const idCard = f.make(5, { type: "ticket.issued", ticketId: "T3", ticketNo: "A003", categoryId: "social", channel: "kiosk", caseRef: ID_CARD });
  const idCardX = f.make(6, { type: "evaluation.submitted", ticketId: "T4", windowId: "w1", rating: 3, comment: `身份证${ID_CARD_X}。` });
  const unknownField = { ...f.make(7, { type: "window.opened", windowId: "w3", staffId: "s3" }), note: `call ${MOBILE}` };
  const inKey = { ...f.make(8, { type: "window.opened", windowId: "w3", staffId: "s3" }), [MOBILE_IN_KEY]: "x" };
  const asNumber = { ...f.make(9, { type: "window.opened", windowId: "w3", staffId: "s3" }), seq: Number(MOBILE) };
  const inMaterials = f.make(10, { type: "service.completed", ticketId: "T5", windowId: "w1", outcome: "needs_materials", requestedMaterials: ["户口本", `回电${MOBILE}`] });
  const hexId = f.make(11, { type: "ticket.issued", ticketId: `T-${HEX_WITH_DIGITS}`, ticketNo: "A011", categoryId: "social", channel: "online", caseRef: HEX_WITH_DIGITS });
  const hexEventId = { ...f.make(12, { type: "window.opened", windowId: "w2", staffId: "s2" }), id: `evt-${HEX_WITH_DIGITS}` };
  const hexEnding = f.make(12.5, { type: "ticket.issued", ticketId: "T-hex-2", ticketNo: "A012", categoryId: "social", channel: "kiosk", caseRef: HEX_ENDING_IN_DIGITS });
  const hexStarting = f.make(12.6, { type: "ticket.issued", ticketId: HEX_STARTING_WITH_DIGITS, ticketNo: "A013", categoryId: "social", channel: "kiosk" });

  const cases: { name: string; input: object; field: string }[] = [
    { name: "a mobile number after Chinese text in a comment", input: eval1, field: "comment" },
    { name: "a mobile number after a dash in a reason", input: paused, field: "reason" },
    { name: "a mobile number grouped 3-4-4 by spaces", input: grouped, field: "comment" },
    { name: "a +86 mobile number", input: intl, field: "reason" },
    { name: "a resident ID number in caseRef", input: idCard, field: "caseRef" },
    { name: "a resident ID number ending in X", input: idCardX, field: "comment" },
    { name: "a mobile number in an unknown field", input: unknownField, field: "note" },
    { name: "a mobile number in an array element", input: inMaterials, field: "requestedMaterials.1" },
    { name: "a mobile number given as a JSON number", input: asNumber, field: "seq" },
  ];

  let results: IngestResult[] = [];
  beforeAll(async () => {
    const res = await device.request<{ results: IngestResult[] }>("POST", "/api/halls/in-pii/events", []);
    expect(res.status).toBe(403); // device of in-a
    const post = await admin.postEvents("in-pii", [...cases.map((c) => c.input), inKey, hexId, hexEventId, hexEnding, hexStarting]);
    expect(post.status).toBe(200);
    results = post.body.results;
    expect(results.length).toBe(cases.length + 5);
  });

  cases.forEach((c, i) => {
    it(`refuses ${c.name}, naming ${c.field}`, () => {
      const r = results[i] as IngestResult;
      expect(r.status).toBe("rejected");
      expect(r.field).toBe(c.field);
      expect(r.error?.startsWith(`${c.field}: `)).toBe(true);
      expect(r.id).toBe((c.input as HallEvent).id);
    });
  });

  it("refuses a mobile number used as a key, without echoing the number", () => {
    const r = results[cases.length] as IngestResult;
    expect(r.status).toBe("rejected");
    expect(JSON.stringify(r)).not.toContain(MOBILE_IN_KEY);
  });

  it("accepts digits inside a longer alphanumeric run (a hex hash) in ids and caseRef", () => {
    expect(results[cases.length + 1]).toEqual({ id: hexId.id, status: "accepted" });
    expect(results[cases.length + 2]).toEqual({ id: `evt-${HEX_WITH_DIGITS}`, status: "accepted" });
    expect(results[cases.length + 3]).toEqual({ id: hexEnding.id, status: "accepted" });
    expect(results[cases.length + 4]).toEqual({ id: hexStarting.id, status: "accepted" });
  });

  it("lists every refusal in the quarantine with the identifiers masked", async () => {
    const items = await quarantine("in-pii");
    expect(items.length).toBe(cases.length + 1);
    const text = JSON.stringify(items);
    for (const secret of [MOBILE, MOBILE_GROUPED, MOBILE_INTL.slice(1), ID_CARD, ID_CARD_X, MOBILE_IN_KEY, "8765 4321", "1369876543"])
      expect(text).not.toContain(secret);
    const byId = new Map(items.map((x) => [x.eventId, x]));
    const commentRow = byId.get(eval1.id);
    expect(commentRow?.field).toBe("comment");
    const payload = JSON.parse(commentRow?.payload ?? "{}") as Record<string, unknown>;
    // The rest of the input is kept for diagnosis; only the identifier is blanked.
    expect(payload.comment).toMatch(/^电话\*+$/);
    expect(payload.type).toBe("evaluation.submitted");
    expect(payload.rating).toBe(5);
    const reasonRow = byId.get(paused.id);
    expect(JSON.parse(reasonRow?.payload ?? "{}").reason).toMatch(/^T-\*+$/);
    const idRow = byId.get(idCard.id);
    expect(JSON.parse(idRow?.payload ?? "{}").caseRef).toMatch(/^\*+$/);
    expect(idRow?.error).toMatch(/^caseRef: /);
  });

  it("refuses a mobile number inside the event id and keeps it out of results and the quarantine", async () => {
    const ev = { id: `T-${MOBILE_IN_ID}`, hallId: "in-pii", ts: f.at(13), type: "window.opened", windowId: "w1", staffId: "s1" };
    const res = await admin.postEvents("in-pii", [ev]);
    expect(res.status).toBe(200);
    expect(res.body.results.length).toBe(1);
    expect(res.body.results[0]?.status).toBe("rejected");
    expect(res.body.results[0]?.field).toBe("id");
    expect(JSON.stringify(res.body)).not.toContain(MOBILE_IN_ID);
    const items = await quarantine("in-pii");
    expect(items[0]?.field).toBe("id");
    expect(JSON.stringify(items)).not.toContain(MOBILE_IN_ID);
  });

  it("accepted nothing of the refused inputs (they are not in /load)", async () => {
    const load = await admin.load("in-pii", { from: f.at(0), to: f.at(30) });
    const byId = new Map(load.body.windows.map((w) => [w.windowId, w]));
    // Only the hex-id window.opened of w2 at +12 was accepted; w1 and w3 never opened (their events were refused).
    expect(byId.get("w1")?.state).toBe("closed");
    expect(byId.get("w3")?.state).toBe("closed");
    expect(byId.get("w2")?.state).toBe("open");
    expect(byId.get("w1")?.ratingCount).toBe(0);
    expect(byId.get("w1")?.served).toBe(0);
    const social = load.body.categories.find((c) => c.categoryId === "social");
    expect(social?.arrivals).toBe(3); // the three hex ones only
  });

  // Separate tests read the bytes of the stopped server's files: one for the masked inputs, one for the
  // identifier that arrived as the event id. On PostgreSQL there is no file of ours to read: the same
  // checks run over every value of every column of every table (test/helpers/log-db.ts storedData).
  describe("the stored data (SQLite file bytes, or every PostgreSQL table) after stopping the server", () => {
    let bytes = "";
    beforeAll(async () => {
      await server.stop();
      if (server.databaseUrl) {
        bytes = (await storedData(server)).cells.map((c) => c.text).join("\n");
        return;
      }
      bytes = fs.readFileSync(server.dbFile).toString("latin1");
      if (fs.existsSync(`${server.dbFile}-wal`)) bytes += fs.readFileSync(`${server.dbFile}-wal`).toString("latin1");
    });
    afterAll(async () => {
      await server.start();
    });

    it("holds the events and the quarantine (sanity: the scan reads real data)", () => {
      expect(bytes).toContain(HEX_WITH_DIGITS);
      expect(bytes).toContain("looks like a mobile phone number");
      expect(bytes).toContain("looks like a resident ID number");
    });

    it("contains none of the refused phone or ID numbers in any form", () => {
      for (const secret of [MOBILE, ID_CARD, ID_CARD_X, MOBILE_IN_KEY, MOBILE_GROUPED, "13698765432"]) expect(bytes.includes(secret), secret).toBe(false);
    });

    it("does not contain the mobile number that arrived as an event id", () => {
      expect(bytes.includes(MOBILE_IN_ID)).toBe(false);
    });
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
