// POST /api/halls/:hallId/events, personal identifiers: phone and resident ID numbers anywhere in an event
// are refused with the field named, masked in the quarantine and never written to storage (the SQLite
// file's bytes, or every value of every table on PostgreSQL), while hex hashes containing such digits are
// accepted. The shared server setup is ingest-http-fixture.ts.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallEvent, IngestResult } from "../../contract/index.js";
import { EventFactory } from "../helpers/hall-fixture.js";
import { storedData } from "../helpers/log-db.js";
import { admin, device, quarantine, server, setUpIngestServer } from "./ingest-http-fixture.js";

setUpIngestServer();

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
