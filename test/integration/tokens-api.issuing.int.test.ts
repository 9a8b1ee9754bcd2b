// Issuing tokens against the real server process (tokens-api-fixture.ts): POST /api/tokens for every role with
// the contract's shape (the token then works), a global admin token, the 400s naming the bad field, a label
// carrying personal data refused; and GET /api/tokens, which lists tokens without the secret or any hash.
import { describe, expect, it } from "vitest";
import type { ErrorBody, TokenInfo } from "../../contract/index.js";
import { admin, HALL, issue, OTHER, server, setUpTokensServer } from "./tokens-api-fixture.js";

setUpTokensServer();

describe("POST /api/tokens", () => {
  it("issues a token of every role with the shape of the contract, and the token works", async () => {
    const roles = [
      { role: "admin", hallId: HALL },
      { role: "manager", hallId: HALL },
      { role: "staff", hallId: HALL, windowId: "w2" },
      { role: "device", hallId: HALL },
      { role: "display", hallId: HALL },
    ];
    const ids = new Set<string>();
    const secrets = new Set<string>();
    for (const req of roles) {
      const res = await admin.createToken(req);
      expect(res.status).toBe(201);
      const t = res.body;
      expect(typeof t.id).toBe("string");
      expect(t.id.length).toBeGreaterThan(0);
      expect(typeof t.token).toBe("string");
      expect(t.token.length).toBeGreaterThanOrEqual(20);
      expect(t.role).toBe(req.role);
      expect(t.hallId).toBe(HALL);
      if (req.role === "staff") expect(t.windowId).toBe("w2");
      else expect(t.windowId).toBeUndefined();
      ids.add(t.id);
      secrets.add(t.token);
      // Every role of the hall reads the hall configuration.
      const get = await admin.as(t.token).request("GET", `/api/halls/${HALL}`);
      expect(get.status).toBe(200);
    }
    expect(ids.size).toBe(roles.length);
    expect(secrets.size).toBe(roles.length);
  });

  it("issues a global admin token (no hall) that reaches every hall", async () => {
    const res = await admin.createToken({ role: "admin" });
    expect(res.status).toBe(201);
    expect(res.body.role).toBe("admin");
    expect(res.body.hallId).toBeUndefined();
    const other = admin.as(res.body.token);
    expect((await other.request("GET", `/api/halls/${HALL}`)).status).toBe(200);
    expect((await other.request("GET", `/api/halls/${OTHER}/quarantine`)).status).toBe(200);
  });

  type Bad = { name: string; body: unknown; field: string };
  const bad: Bad[] = [
    { name: "an unknown hall", body: { role: "manager", hallId: "no-such-hall" }, field: "hallId" },
    { name: "a staff token for an unknown hall", body: { role: "staff", hallId: "no-such-hall", windowId: "w1" }, field: "hallId" },
    { name: "a staff token without windowId", body: { role: "staff", hallId: HALL }, field: "windowId" },
    { name: "a staff token for a window that does not exist", body: { role: "staff", hallId: HALL, windowId: "w9" }, field: "windowId" },
    { name: "an unknown role", body: { role: "superuser", hallId: HALL }, field: "role" },
    { name: "a missing role", body: { hallId: HALL }, field: "role" },
    { name: "a hall role without hallId", body: { role: "device" }, field: "hallId" },
    { name: "an unknown field", body: { role: "manager", hallId: HALL, scope: "all" }, field: "scope" },
  ];
  for (const c of bad) {
    it(`refuses ${c.name} → 400 field ${c.field}`, async () => {
      const res = await admin.request<ErrorBody>("POST", "/api/tokens", c.body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("bad_request");
      expect(res.body.error.field).toBe(c.field);
      expect(res.body.error.message.startsWith(c.field)).toBe(true);
    });
  }
});

describe("GET /api/tokens", () => {
  it("lists tokens without the secret or any hash", async () => {
    const created = await issue({ role: "display", hallId: HALL });
    const res = await fetch(`${server.url}/api/tokens`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { tokens: (TokenInfo & Record<string, unknown>)[] };
    const listed = body.tokens.find((t) => t.id === created.id);
    expect(listed).toBeDefined();
    expect(listed).toMatchObject({ id: created.id, role: "display", hallId: HALL, windowId: null, revokedAt: null });
    expect(Number.isNaN(Date.parse(String(listed?.createdAt)))).toBe(false);
    for (const t of body.tokens) {
      expect(Object.keys(t)).not.toContain("token");
      expect(Object.keys(t)).not.toContain("tokenHash");
      expect(Object.keys(t)).not.toContain("hash");
      expect(Object.keys(t)).not.toContain("secret");
    }
    // Neither the secrets nor a 64-hex SHA-256 of anything appears in the answer.
    expect(text).not.toContain(created.token);
    expect(text).not.toContain(server.adminToken);
    expect(text).not.toMatch(/[0-9a-f]{64}/i);
  });
});

describe("POST /api/tokens with personal data", () => {
  it("refuses a label that carries a phone or ID number, naming the field", async () => {
    for (const label of ["张三 13912345678", "窗口 11010519491231002X"]) {
      const res = await admin.request<ErrorBody>("POST", "/api/tokens", { role: "display", hallId: HALL, label });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toBe("label");
      expect(JSON.stringify(res.body)).not.toMatch(/13912345678|11010519491231002X/);
    }
    expect((await admin.request("POST", "/api/tokens", { role: "display", hallId: HALL, label: "大厅东墙 2号屏" })).status).toBe(201);
  });
});
