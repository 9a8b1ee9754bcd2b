// The route × role matrix on hall tk-a against the real server process (tokens-api-fixture.ts): every route
// as every role of the hall, every role of another hall, a revoked, an unknown and no token — 401 for
// no/unknown/revoked tokens, 403 for a wrong role or another hall's token, the route's success otherwise.
import { beforeAll, describe, expect, it } from "vitest";
import type { CreatedToken, ErrorBody, TokenInfo } from "../../contract/index.js";
import { testHall } from "../helpers/hall-fixture.js";
import { admin, HALL, issue, OTHER, server, setUpTokensServer } from "./tokens-api-fixture.js";

setUpTokensServer();

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
