// Tokens and access control against the real server process: issuing, listing (never the secret or its
// hash), revoking, and the route × role matrix (401 for no/unknown/revoked tokens, 403 for a wrong role
// or another hall's token).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CreatedToken, ErrorBody, TokenInfo } from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ServerProcess } from "../helpers/server-process.js";

const server = new ServerProcess();
let admin: Api;

const HALL = "tk-a";
const OTHER = "tk-b";

const issue = (req: { role: string; hallId?: string; windowId?: string }): Promise<CreatedToken> => admin.issueToken(req);

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, testHall)).status).toBe(201);
  expect((await admin.putHall(OTHER, testHall)).status).toBe(201);
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

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

// ── the matrix ────────────────────────────────────────────────────────────────────────────────
type Row = "admin" | "hall admin" | "manager" | "staff" | "device" | "display" | `other hall ${string}` | "revoked" | "unknown" | "none";
type Route = "PUT hall" | "GET hall" | "POST tokens" | "GET tokens" | "DELETE token" | "POST events" | "GET load" | "GET quarantine";

const ROUTES: Route[] = ["PUT hall", "GET hall", "POST tokens", "GET tokens", "DELETE token", "POST events", "GET load", "GET quarantine"];

/** The roles of HALL that each route allows; everything else of HALL is 403. */
const ALLOWED: Record<Route, Row[]> = {
  "PUT hall": ["admin", "hall admin"],
  "GET hall": ["admin", "hall admin", "manager", "staff", "device", "display"],
  "POST tokens": ["admin", "hall admin"],
  "GET tokens": ["admin", "hall admin"],
  "DELETE token": ["admin", "hall admin"],
  "POST events": ["admin", "hall admin", "device"],
  "GET load": ["admin", "hall admin", "manager", "display"],
  "GET quarantine": ["admin", "hall admin"],
};
const SUCCESS: Record<Route, number> = {
  "PUT hall": 200,
  "GET hall": 200,
  "POST tokens": 201,
  "GET tokens": 200,
  "DELETE token": 204,
  "POST events": 200,
  "GET load": 200,
  "GET quarantine": 200,
};

const OTHER_ROLES = ["admin", "manager", "staff", "device", "display"] as const;
const ROWS: Row[] = [
  "admin",
  "hall admin",
  "manager",
  "staff",
  "device",
  "display",
  ...OTHER_ROLES.map((r) => `other hall ${r}` as const),
  "revoked",
  "unknown",
  "none",
];

function expected(row: Row, route: Route): number {
  if (row === "revoked" || row === "unknown" || row === "none") return 401;
  if (row.startsWith("other hall")) return 403;
  return ALLOWED[route].includes(row) ? SUCCESS[route] : 403;
}

describe("access matrix on hall tk-a", () => {
  const secrets = new Map<Row, string | null>();

  beforeAll(async () => {
    secrets.set("admin", server.adminToken);
    secrets.set("hall admin", (await issue({ role: "admin", hallId: HALL })).token);
    secrets.set("manager", (await issue({ role: "manager", hallId: HALL })).token);
    secrets.set("staff", (await issue({ role: "staff", hallId: HALL, windowId: "w1" })).token);
    secrets.set("device", (await issue({ role: "device", hallId: HALL })).token);
    secrets.set("display", (await issue({ role: "display", hallId: HALL })).token);
    for (const r of OTHER_ROLES)
      secrets.set(`other hall ${r}`, (await issue(r === "staff" ? { role: r, hallId: OTHER, windowId: "w1" } : { role: r, hallId: OTHER })).token);
    // Revoked: a hall admin's token, which would otherwise be allowed everywhere.
    const revoked = await issue({ role: "admin", hallId: HALL });
    expect((await admin.request("DELETE", `/api/tokens/${revoked.id}`)).status).toBe(204);
    secrets.set("revoked", revoked.token);
    secrets.set("unknown", "hp_this-token-was-never-issued-0000000000000");
    secrets.set("none", null);
  });

  async function call(row: Row, route: Route): Promise<{ status: number; body: unknown; victim?: CreatedToken }> {
    const api = admin.as(secrets.get(row) ?? null);
    switch (route) {
      case "PUT hall":
        return api.putHall(HALL, testHall);
      case "GET hall":
        return api.request("GET", `/api/halls/${HALL}`);
      case "POST tokens":
        return api.createToken({ role: "display", hallId: HALL });
      case "GET tokens":
        return api.request("GET", `/api/tokens?hallId=${HALL}`);
      case "DELETE token": {
        const victim = await issue({ role: "display", hallId: HALL });
        const res = await api.request("DELETE", `/api/tokens/${victim.id}`);
        return { ...res, victim };
      }
      case "POST events":
        return api.postEvents(HALL, []);
      case "GET load":
        return api.load(HALL);
      case "GET quarantine":
        return api.request("GET", `/api/halls/${HALL}/quarantine`);
    }
  }

  for (const row of ROWS) {
    for (const route of ROUTES) {
      const want = expected(row, route);
      it(`${route} as ${row} → ${want}`, async () => {
        const res = await call(row, route);
        expect(res.status).toBe(want);
        if (want === 401) expect((res.body as ErrorBody).error.code).toBe("unauthorized");
        if (want === 403) expect((res.body as ErrorBody).error.code).toBe("forbidden");
        if (route === "DELETE token" && res.victim) {
          // A refused revocation leaves the victim working; an allowed one locks it out.
          const victimStatus = (await admin.as(res.victim.token).load(HALL)).status;
          expect(victimStatus).toBe(want === 204 ? 401 : 200);
        }
      });
    }
  }

  it("another hall's admin may still manage its own hall (the 403s above are about tk-a only)", async () => {
    const otherAdmin = admin.as(secrets.get("other hall admin") ?? null);
    expect((await otherAdmin.request("GET", `/api/halls/${OTHER}/quarantine`)).status).toBe(200);
    const own = await otherAdmin.createToken({ role: "display", hallId: OTHER });
    expect(own.status).toBe(201);
    const list = await otherAdmin.request<{ tokens: TokenInfo[] }>("GET", "/api/tokens");
    expect(list.status).toBe(200);
    expect(list.body.tokens.length).toBeGreaterThan(0);
    expect(list.body.tokens.every((t) => t.hallId === OTHER)).toBe(true);
  });
});
