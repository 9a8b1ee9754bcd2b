// The guard of test/security/authz-table.ts: the table must list exactly the express app's API routes (a
// route the table does not list, or a row naming a route the app lacks, fails), a handshake row per
// socket.io namespace and a row per client→server event, and fill every column of every row. It reads the
// app's routes from an express app built in-process, so it starts no server; the cells themselves are run
// by authz-matrix.rest.int.test.ts and authz-matrix.sockets.int.test.ts.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createHttpApp, type HttpDeps } from "../../server/adapters/http/create-http-app.js";
import { ROOT } from "../helpers/server-process.js";
import { COLUMNS, REST_TABLE, SOCKET_EVENTS, SOCKET_TABLE } from "../security/authz-table.js";

// ── the guard: the table lists exactly the app's routes and the namespaces' events ─────────────────

interface StackLayer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: StackLayer[] };
  rawPath?: unknown;
}

/** `METHOD /path` of every route the express app declares, through mounted routers. */
function appRoutes(): string[] {
  // The routers only keep their dependencies until a request comes, so the app is built without any
  // (optional settings take their defaults); no I/O happens.
  const deps = { clientDir: path.join(ROOT, "dist", "client"), version: "0.0.0" } as unknown as HttpDeps;
  const app = createHttpApp(deps, () => true) as unknown as { router: { stack: StackLayer[] } };
  const out: string[] = [];
  const walk = (stack: StackLayer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) if (on && method !== "_all") out.push(`${method.toUpperCase()} ${prefix}${layer.route.path}`);
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, prefix + (typeof layer.rawPath === "string" && layer.rawPath !== "/" ? layer.rawPath : ""));
      }
    }
  };
  walk(app.router.stack, "");
  return out;
}

describe("the authorization table covers everything", () => {
  it("lists every API route of the express app, and no route the app does not have", () => {
    const routes = appRoutes();
    const api = new Set(routes.filter((r) => r.split(" ")[1]?.startsWith("/api")));
    const table = new Set(REST_TABLE.map((r) => `${r.method} ${r.route}`));
    expect(api.size).toBeGreaterThan(25);
    expect([...api].filter((r) => !table.has(r)), "API routes missing from test/security/authz-table.ts").toEqual([]);
    expect([...table].filter((r) => !api.has(r)), "table rows naming no route of the app").toEqual([]);
    // Everything outside /api is a page (public, read-only).
    expect(routes.filter((r) => !r.split(" ")[1]?.startsWith("/api") && !r.startsWith("GET "))).toEqual([]);
    if (fs.existsSync(path.join(ROOT, "dist", "client", "index.html"))) expect(routes).toContain("GET /staff");
  });

  it("has a handshake row per namespace and a row per client→server event", () => {
    for (const [ns, events] of Object.entries(SOCKET_EVENTS)) {
      expect(SOCKET_TABLE.some((r) => r.namespace === ns && r.event === "handshake"), `${ns} handshake`).toBe(true);
      for (const e of events) expect(SOCKET_TABLE.some((r) => r.namespace === ns && r.event === e), `${ns} ${e}`).toBe(true);
    }
  });

  it("fills every column of every row", () => {
    for (const row of [...REST_TABLE, ...SOCKET_TABLE]) expect(Object.keys(row.expect).sort()).toEqual([...COLUMNS].sort());
  });
});
