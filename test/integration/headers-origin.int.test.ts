// Browser-facing protections against the real server: helmet's headers (a CSP without inline script,
// no framing, nosniff, no referrer) on the pages and the API; socket.io handshakes from a foreign page
// refused on both transports (cross-site WebSocket hijacking) while the server's own pages and clients
// without Origin (devices) connect; state-changing API requests from a foreign Origin refused; and
// ALLOWED_ORIGINS adding origins.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Api } from "../helpers/api.js";
import { testHall } from "../helpers/hall-fixture.js";
import { ROOT, ServerProcess } from "../helpers/server-process.js";

const HALL = "origin-hall";
const LISTED = "https://wall.example.gov.cn";
const FOREIGN = "http://evil.example";
const INDEX = path.join(ROOT, "dist", "client", "index.html");

const server = new ServerProcess({ env: { ALLOWED_ORIGINS: `${LISTED}, http://10.0.0.5:8080` } });
let admin: Api;
let displayToken: string;

beforeAll(async () => {
  await server.start();
  admin = new Api(server.url, server.adminToken);
  expect((await admin.putHall(HALL, testHall)).status).toBe(201);
  const t = await admin.createToken({ role: "display", hallId: HALL });
  expect(t.status).toBe(201);
  displayToken = t.body.token;
});

afterAll(async () => {
  await server.stop();
  server.remove();
});

/** A raw HTTP request with exactly these headers (fetch would not let every header through). */
function raw(method: string, urlPath: string, headers: Record<string, string>, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, method, path: urlPath, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A raw websocket upgrade to engine.io: 101 when accepted, else the status the server answered. */
function upgrade(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: "127.0.0.1",
      port: server.port,
      path: "/socket.io/?EIO=4&transport=websocket",
      headers: { connection: "Upgrade", upgrade: "websocket", "sec-websocket-version": "13", "sec-websocket-key": "dGhlIHNhbXBsZSBub25jZQ==", ...headers },
    });
    req.on("upgrade", (_res, socket) => {
      socket.destroy();
      resolve(101);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

const pollingHandshake = (headers: Record<string, string>) => raw("GET", "/socket.io/?EIO=4&transport=polling", headers);

/** A socket.io client as a page at `origin` would be (Origin sent on every request), or a device (no Origin). */
function handshake(transport: "websocket" | "polling", origin: string | null): Promise<string> {
  const socket = io(`${server.url}/display`, {
    transports: [transport],
    forceNew: true,
    reconnection: false,
    auth: { token: displayToken, hallId: HALL },
    ...(origin ? { extraHeaders: { origin } } : {}),
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => finish("timeout"), 5000);
    const finish = (outcome: string) => {
      clearTimeout(timer);
      socket.disconnect();
      resolve(outcome);
    };
    socket.once("connect", () => finish("connected"));
    socket.once("connect_error", () => finish("refused"));
  });
}

function cspDirectives(value: string | undefined): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of (value ?? "").split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

function expectSecurityHeaders(headers: http.IncomingHttpHeaders, where: string): void {
  const csp = cspDirectives(headers["content-security-policy"] as string | undefined);
  expect(csp.size, `${where}: Content-Security-Policy`).toBeGreaterThan(0);
  const script = csp.get("script-src") ?? csp.get("default-src") ?? [];
  expect(script, `${where}: script-src`).toContain("'self'");
  for (const unsafe of ["'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"]) expect(script, `${where}: script-src ${unsafe}`).not.toContain(unsafe);
  expect(csp.get("default-src"), `${where}: default-src`).toEqual(["'self'"]);
  expect(csp.get("frame-ancestors"), `${where}: frame-ancestors`).toEqual(["'none'"]);
  expect(csp.get("object-src"), `${where}: object-src`).toEqual(["'none'"]);
  expect(csp.get("base-uri"), `${where}: base-uri`).toEqual(["'self'"]);
  expect(csp.get("form-action"), `${where}: form-action`).toEqual(["'self'"]);
  expect(headers["x-content-type-options"], `${where}: nosniff`).toBe("nosniff");
  expect(headers["referrer-policy"], `${where}: Referrer-Policy`).toBe("no-referrer");
  expect(headers["x-frame-options"], `${where}: X-Frame-Options`).toBe("SAMEORIGIN");
  expect(headers["cross-origin-opener-policy"], `${where}: COOP`).toBe("same-origin");
  expect(headers["cross-origin-resource-policy"], `${where}: CORP`).toBe("same-origin");
  expect(headers["strict-transport-security"], `${where}: HSTS`).toMatch(/max-age=\d+/);
  expect(headers["x-powered-by"], `${where}: X-Powered-By`).toBeUndefined();
  // No CORS: no other site may read any answer.
  expect(headers["access-control-allow-origin"], `${where}: CORS`).toBeUndefined();
}

describe("security headers", () => {
  it("are sent on the API: health, a refusal, an answer", async () => {
    expectSecurityHeaders((await raw("GET", "/api/health", {})).headers, "GET /api/health");
    const refused = await raw("GET", "/api/me", {});
    expect(refused.status).toBe(401);
    expectSecurityHeaders(refused.headers, "GET /api/me (401)");
    const me = await raw("GET", "/api/me", { authorization: `Bearer ${displayToken}`, origin: FOREIGN });
    expect(me.status).toBe(200);
    expectSecurityHeaders(me.headers, "GET /api/me");
  });

  it.skipIf(!fs.existsSync(INDEX))("are sent on every page, whose HTML holds no inline script", async () => {
    for (const page of ["/", "/wall/origin-hall", "/staff", "/admin", "/admin/tokens"]) {
      const res = await raw("GET", page, {});
      expect(res.status, page).toBe(200);
      expect(res.headers["content-type"], page).toMatch(/^text\/html/);
      expectSecurityHeaders(res.headers, page);
      // A CSP without 'unsafe-inline' only works if the pages need none.
      for (const tag of res.text.match(/<script\b[^>]*>/gi) ?? []) expect(tag, `${page}: inline script`).toMatch(/\ssrc=/);
      expect(res.text, `${page}: inline event handler`).not.toMatch(/\son[a-z]+\s*=/i);
    }
  });
});

describe("socket.io handshakes and the Origin", () => {
  const own = () => `http://127.0.0.1:${server.port}`;

  it("refuses a foreign Origin at the transport level: polling 403, websocket upgrade not switched", async () => {
    const polling = await pollingHandshake({ origin: FOREIGN });
    expect(polling.status).toBe(403);
    expect(polling.text).toMatch(/cross-origin/);
    expect(await upgrade({ origin: FOREIGN })).not.toBe(101);
    // A page at another port of the same host, or at "localhost" for 127.0.0.1, is another origin too.
    expect((await pollingHandshake({ origin: `http://127.0.0.1:${server.port + 1}` })).status).toBe(403);
    expect((await pollingHandshake({ origin: `http://localhost:${server.port}` })).status).toBe(403);
    expect((await pollingHandshake({ origin: "null" })).status).toBe(403);
  });

  it("accepts its own origin and requests without Origin at the transport level", async () => {
    expect((await pollingHandshake({ origin: own() })).status).toBe(200);
    expect((await pollingHandshake({})).status).toBe(200);
    expect(await upgrade({ origin: own() })).toBe(101);
    expect(await upgrade({})).toBe(101);
  });

  for (const transport of ["websocket", "polling"] as const) {
    it(`over ${transport}: a page elsewhere is refused even with a valid token; the own page and a device connect`, async () => {
      expect(await handshake(transport, FOREIGN)).toBe("refused");
      expect(await handshake(transport, own())).toBe("connected");
      expect(await handshake(transport, null)).toBe("connected");
    });
  }

  it("honours ALLOWED_ORIGINS on both transports, exactly as listed", async () => {
    expect((await pollingHandshake({ origin: LISTED })).status).toBe(200);
    expect((await pollingHandshake({ origin: "http://10.0.0.5:8080" })).status).toBe(200);
    expect(await upgrade({ origin: LISTED })).toBe(101);
    expect(await handshake("websocket", LISTED)).toBe("connected");
    expect(await handshake("polling", LISTED)).toBe("connected");
    // Another scheme or port of a listed host is not listed.
    expect((await pollingHandshake({ origin: "http://wall.example.gov.cn" })).status).toBe(403);
    expect((await pollingHandshake({ origin: "http://10.0.0.5:8081" })).status).toBe(403);
  });
});

describe("state-changing API requests and the Origin", () => {
  const body = JSON.stringify({ role: "display", hallId: HALL });
  const post = (headers: Record<string, string>) =>
    raw("POST", "/api/tokens", { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json", ...headers }, body);

  it("refuses a foreign Origin with 403 forbidden, even for the admin, before anything is done", async () => {
    const before = (await admin.request<{ tokens: unknown[] }>("GET", `/api/tokens?hallId=${HALL}`)).body.tokens.length;
    const res = await post({ origin: FOREIGN });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toMatchObject({ error: { code: "forbidden" } });
    expect((await raw("PUT", `/api/halls/${HALL}`, { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json", origin: FOREIGN }, JSON.stringify(testHall))).status).toBe(403);
    expect((await raw("DELETE", "/api/tokens/nope", { authorization: `Bearer ${server.adminToken}`, origin: FOREIGN })).status).toBe(403);
    expect((await admin.request<{ tokens: unknown[] }>("GET", `/api/tokens?hallId=${HALL}`)).body.tokens.length).toBe(before);
  });

  it("accepts the server's own origin, a listed origin, and no Origin (devices, scripts)", async () => {
    expect((await post({ origin: `http://127.0.0.1:${server.port}` })).status).toBe(201);
    expect((await post({ origin: LISTED })).status).toBe(201);
    expect((await post({})).status).toBe(201);
  });

  it("leaves reads alone (no CORS header lets a foreign page read them anyway)", async () => {
    const res = await raw("GET", `/api/halls/${HALL}`, { authorization: `Bearer ${displayToken}`, origin: FOREIGN });
    expect(res.status).toBe(200);
    expect(res.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("ALLOWED_ORIGINS that is not a list of origins", () => {
  it("stops the server at start with a message naming the variable", async () => {
    const bad = new ServerProcess({ env: { ALLOWED_ORIGINS: "https://ok.example,*" } });
    try {
      await expect(bad.start()).rejects.toThrow(/ALLOWED_ORIGINS/);
    } finally {
      await bad.stop();
      bad.remove();
    }
  });
});
