// Revoking tokens against the real server process (tokens-api-fixture.ts): DELETE /api/tokens/:id answers 204
// and the revoked token gets 401 everywhere, also after a restart; the last administrator token without a
// hall is kept (409); an unknown id is 404.
import { describe, expect, it } from "vitest";
import type { ErrorBody, TokenInfo } from "../../contract/index.js";
import { admin, HALL, issue, server, setUpTokensServer } from "./tokens-api-fixture.js";

setUpTokensServer();

describe("DELETE /api/tokens/:id", () => {
  it("keeps the last administrator token without a hall (409), and lets it go once there is another", async () => {
    const globalAdmins = async (as = admin) =>
      (await as.request<{ tokens: TokenInfo[] }>("GET", "/api/tokens")).body.tokens.filter((t) => t.role === "admin" && t.hallId === null && t.revokedAt === null);
    const second = await issue({ role: "admin" });
    const asSecond = admin.as(second.token);
    // While others are left, a global admin may revoke them all, the bootstrap one included...
    const others = (await globalAdmins()).filter((t) => t.id !== second.id);
    expect(others.map((t) => t.id)).toContain("bootstrap-admin");
    for (const t of others) expect((await asSecond.request("DELETE", `/api/tokens/${t.id}`)).status).toBe(204);
    expect((await globalAdmins(asSecond)).map((t) => t.id)).toEqual([second.id]);
    expect((await admin.request("GET", "/api/tokens")).status).toBe(401);
    // ...but not itself, the last one left.
    const refused = await asSecond.request<ErrorBody>("DELETE", `/api/tokens/${second.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: "conflict", field: "id" });
    expect((await asSecond.request("GET", "/api/tokens")).status).toBe(200);
    // The bootstrap admin comes back from ADMIN_TOKEN at the next start, as documented.
    await server.restart();
    expect((await admin.request("GET", "/api/tokens")).status).toBe(200);
    expect((await asSecond.request("DELETE", `/api/tokens/${second.id}`)).status).toBe(204);
  });

  it("answers 204 and the revoked token then gets 401 everywhere, also after a restart", async () => {
    const device = await issue({ role: "device", hallId: HALL });
    const manager = await issue({ role: "manager", hallId: HALL });
    const asDevice = admin.as(device.token);
    expect((await asDevice.postEvents(HALL, [])).status).toBe(200);

    const del = await admin.request("DELETE", `/api/tokens/${device.id}`);
    expect(del.status).toBe(204);
    expect(del.body).toBeNull();

    for (const [method, path] of [
      ["POST", `/api/halls/${HALL}/events`],
      ["GET", `/api/halls/${HALL}`],
      ["GET", `/api/halls/${HALL}/load`],
    ] as const) {
      const res = await asDevice.request<ErrorBody>(method, path, method === "POST" ? [] : undefined);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("unauthorized");
    }
    const listed = (await admin.request<{ tokens: TokenInfo[] }>("GET", "/api/tokens")).body.tokens.find((t) => t.id === device.id);
    expect(listed?.revokedAt).not.toBeNull();

    await server.restart();
    expect((await asDevice.postEvents(HALL, [])).status).toBe(401);
    // The other token of the hall is untouched.
    expect((await admin.as(manager.token).load(HALL)).status).toBe(200);
  });

  it("answers 404 for an unknown token id", async () => {
    const res = await admin.request<ErrorBody>("DELETE", "/api/tokens/tok_doesnotexist");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });
});
