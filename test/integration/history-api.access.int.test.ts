// GET …/history and …/history/status: query validation, roles and an unknown hall.
import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../contract/index.js";
import { addDays, admin, D1, D2, HALL, server, setUpHistoryServer, tokens } from "../helpers/history-fixture.js";

setUpHistoryServer();

describe("GET …/history: validation and roles", () => {
  const get = (query: string, token: string | null = server.adminToken) => admin.as(token).request<ErrorBody>("GET", `/api/halls/${HALL}/history?${query}`);
  const q = (from: string, to: string, groupBy = "day") => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&groupBy=${groupBy}`;

  it.each([
    ["an unknown groupBy", q(D1, D1, "month"), "groupBy"],
    ["a missing from", `to=${D1}&groupBy=day`, "from"],
    ["a missing to", `from=${D1}&groupBy=day`, "to"],
    ["a from that is neither a date nor a time", q("yesterday", D1), "from"],
    ["a from not on a 15-minute boundary", q(`${D1}T10:05:00+08:00`, D1), "from"],
    ["a to not on a 15-minute boundary", q(D1, `${D1}T10:20:30+08:00`), "to"],
    ["a to before from", q(D2, D1), "to"],
    ["a to equal to from (as times)", q(`${D1}T10:00:00+08:00`, `${D1}T10:00:00+08:00`), "to"],
    ["a period of more than a year", q("2024-01-01", "2025-06-30"), "to"],
  ])("answers 400 for %s", async (_name, query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.field).toBe(field);
  });

  it("answers 400 for a date that does not exist (2026-02-30, 2026-13-01)", async () => {
    for (const bad of ["2026-02-30", "2026-13-01"]) {
      const res = await get(q(bad, bad));
      expect(res.status, `from=to=${bad}`).toBe(400);
      expect(res.body.error.field).toBe("from");
    }
  });

  it("accepts a period of exactly a year, and times with any offset on a 15-minute boundary", async () => {
    expect((await get(q(addDays(D1, -364), D1))).status).toBe(200);
    expect((await get(q(`${D1}T02:00:00Z`, `${D1}T04:15:00+02:00`))).status).toBe(200);
  });

  it("lets admin and manager read, forbids staff, display, device and another hall's tokens, and needs a token", async () => {
    const query = q(D1, D1);
    expect((await get(query)).status).toBe(200);
    expect((await get(query, tokens.hallAdmin)).status).toBe(200);
    expect((await get(query, tokens.manager)).status).toBe(200);
    for (const t of [tokens.staff, tokens.display, tokens.device, tokens.otherManager]) expect((await get(query, t)).status).toBe(403);
    expect((await get(query, null)).status).toBe(401);
    expect((await get(query, "not-a-real-token-0123456789")).status).toBe(401);
    // A manager sees the same figures as the admin.
    expect((await get(query, tokens.manager)).body).toEqual((await get(query)).body);
  });

  it("…/history/status: admin and manager only", async () => {
    const path = `/api/halls/${HALL}/history/status`;
    expect((await admin.as(tokens.manager).request("GET", path)).status).toBe(200);
    for (const t of [tokens.staff, tokens.display, tokens.device, tokens.otherManager]) expect((await admin.as(t).request("GET", path)).status).toBe(403);
    expect((await admin.as(null).request("GET", path)).status).toBe(401);
  });

  it("answers 404 for an unknown hall", async () => {
    expect((await admin.request("GET", `/api/halls/no-such-hall/history?${q(D1, D1)}`)).status).toBe(404);
  });
});
