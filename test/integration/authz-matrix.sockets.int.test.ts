// Who may do what over socket.io, against the real server process (authz-matrix-fixture.ts): every row of
// SOCKET_TABLE in test/security/authz-table.ts — each namespace's handshake and client→server events — by
// every kind of caller must end exactly as the table says; the root namespace serves no one, and a staff
// console acts only on its own window. Revocation: a revoked token is refused at once over REST, its
// connected sockets on all four namespaces (websocket and polling) are disconnected at once, and its
// reconnection is refused, while the hall's other sockets stay connected.
import { io } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { Ack } from "../../contract/index.js";
import { COLUMNS, HALL, SOCKET_TABLE, type SocketNamespace } from "../security/authz-table.js";
import {
  ACK_TIMEOUT_MS,
  attempt,
  describeAck,
  gAdm,
  handshake,
  issue,
  nextId,
  openSocket,
  openSockets,
  rowName,
  server,
  setUpAuthzServer,
  socketCell,
  tokens,
} from "./authz-matrix-fixture.js";

setUpAuthzServer();

describe("socket.io: every handshake and event × every caller", () => {
  for (const row of SOCKET_TABLE) {
    it(rowName(row, `${row.namespace} ${row.event}`), async () => {
      const wrong: string[] = [];
      for (const col of COLUMNS) {
        const got = await socketCell(row, col);
        if (got !== row.expect[col]) wrong.push(`${col}: expected ${row.expect[col]}, got ${got}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("the root namespace serves no one, not even the global admin", async () => {
    for (const token of [tokens.gAdm, tokens.dsp, null]) {
      const socket = io(server.url, { transports: ["websocket"], forceNew: true, reconnection: false, auth: token === null ? {} : { token, hallId: HALL } });
      openSockets.push(socket);
      expect(await handshake(socket)).toMatch(/^refused:/);
      socket.disconnect();
    }
  });

  it("a staff console acts only on its own window: an action at w2 from w1's console leaves no event", async () => {
    const { socket, refused } = await attempt("/staff", tokens.st1);
    expect(refused).toBeNull();
    const id = nextId("cross");
    const ack = (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck("action", { id, type: "window.paused", windowId: "w2" })) as Ack<unknown>;
    expect(describeAck(ack)).toBe("ack:forbidden:windowId");
    // Nothing was recorded under that id: the same id from w2's own console is accepted, not a duplicate.
    const own = await attempt("/staff", tokens.st2);
    const ownAck = (await own.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("action", { id, type: "window.paused", windowId: "w2" })) as Ack<{ status: string }>;
    expect(ownAck.ok && ownAck.data.status).toBe("accepted");
    socket.disconnect();
    own.socket.disconnect();
  });
});

// ── revocation ──────────────────────────────────────────────────────────────────────────────────

const NAMESPACE_ROLES: { ns: SocketNamespace; role: string; windowId?: string }[] = [
  { ns: "/ingest", role: "device" },
  { ns: "/display", role: "display" },
  { ns: "/staff", role: "staff", windowId: "w1" },
  { ns: "/overview", role: "overseer" },
];

describe("revocation takes effect at once", () => {
  for (const { ns, role, windowId } of NAMESPACE_ROLES) {
    for (const transport of ["websocket", "polling"] as const) {
      it(`${ns} over ${transport}: the connected ${role} socket is disconnected, REST answers 401, reconnection is refused`, async () => {
        // The overseer spans halls: its token never has one.
        const t = await issue({ role, ...(role === "overseer" ? {} : { hallId: HALL }), ...(windowId ? { windowId } : {}) });
        const socket = openSocket(ns, t.token, transport);
        expect(await handshake(socket)).toBeNull();
        expect((await gAdm.as(t.token).request("GET", "/api/me")).status).toBe(200);
        const disconnected = new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));
        const revokedAt = Date.now();
        expect((await gAdm.request("DELETE", `/api/tokens/${t.id}`)).status).toBe(204);
        // REST: refused on the very next request.
        const me = await gAdm.as(t.token).request<{ error: { code: string } }>("GET", "/api/me");
        expect(me.status).toBe(401);
        expect(me.body.error.code).toBe("unauthorized");
        // The open socket: disconnected by the server, promptly.
        const reason = await Promise.race([disconnected, new Promise<string>((r) => setTimeout(() => r("still connected after 3 s"), 3000))]);
        expect(reason).toBe("io server disconnect");
        expect(Date.now() - revokedAt).toBeLessThan(3000);
        // Its reconnection (same socket, same auth) is refused.
        socket.connect();
        expect(await handshake(socket)).toBe("refused:unauthorized");
        socket.disconnect();
      });
    }
  }

  it("revoking one token leaves the other sockets of the hall connected", async () => {
    const victim = await issue({ role: "display", hallId: HALL });
    const bystander = await issue({ role: "display", hallId: HALL });
    const a = openSocket("/display", victim.token);
    const b = openSocket("/display", bystander.token);
    // Both outcomes listened for at once: b may connect while a's is awaited (its event would be missed).
    expect(await Promise.all([handshake(a), handshake(b)])).toEqual([null, null]);
    const gone = new Promise<void>((resolve) => a.once("disconnect", () => resolve()));
    expect((await gAdm.request("DELETE", `/api/tokens/${victim.id}`)).status).toBe(204);
    await gone;
    await new Promise((r) => setTimeout(r, 200));
    expect(b.connected).toBe(true);
    a.disconnect();
    b.disconnect();
  });
});
