// POST /api/halls/:hallId/events, requests refused as a whole: a body that is not an array, invalid JSON,
// more than 500 events (nothing of it stored), an unknown hall (404), another hall's device and tokens of
// roles that may not send events (403). The shared server setup is ingest-http-fixture.ts.
import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../contract/index.js";
import { admin, device, iso, otherDevice, setUpIngestServer } from "./ingest-http-fixture.js";

setUpIngestServer();

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
