// GET …/staffing (staffing-api-fixture.ts): query validation (weeks and target out of range or not
// numbers), the bounds that are accepted, which roles may read, and an unknown hall.
import { describe, expect, it } from "vitest";
import type { ErrorBody } from "../../contract/index.js";
import { admin, HALL, server, setUpStaffingServer, tokens } from "./staffing-api-fixture.js";

setUpStaffingServer();

describe("GET …/staffing: validation and roles", () => {
  const get = (query: string, token: string | null = server.adminToken) => admin.as(token).request<ErrorBody>("GET", `/api/halls/${HALL}/staffing?${query}`);

  it.each([
    ["weeks=0&target=0.8", "weeks"],
    ["weeks=53&target=0.8", "weeks"],
    ["weeks=1.5&target=0.8", "weeks"],
    ["weeks=x&target=0.8", "weeks"],
    ["weeks=2&target=1", "target"],
    ["weeks=2&target=0", "target"],
    ["weeks=2&target=x", "target"],
    ["weeks=2&target=-0.5", "target"],
  ])("answers 400 for %s", async (query, field) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("bad_request");
    expect(res.body.error.field).toBe(field);
  });

  it("accepts the bounds weeks=1 and weeks=52", async () => {
    expect((await get("weeks=1&target=0.5")).status).toBe(200);
    expect((await get("weeks=52&target=0.99")).status).toBe(200);
  });

  it("lets admin and manager read, forbids staff, display, device and another hall's tokens, and needs a token", async () => {
    const query = "weeks=2&target=0.8";
    expect((await get(query)).status).toBe(200);
    expect((await get(query, tokens.hallAdmin)).status).toBe(200);
    expect((await get(query, tokens.manager)).status).toBe(200);
    for (const t of [tokens.staff, tokens.display, tokens.device, tokens.otherManager]) expect((await get(query, t)).status).toBe(403);
    expect((await get(query, null)).status).toBe(401);
    expect((await get(query, tokens.manager)).body).toEqual((await get(query)).body);
  });

  it("answers 404 for an unknown hall", async () => {
    expect((await admin.request("GET", "/api/halls/no-such-hall/staffing?weeks=2")).status).toBe(404);
  });
});
