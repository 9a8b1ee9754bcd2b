// A token revoked while its handshake waits between the token check and the connection (the
// failed-authentication guard awaits its limiter there) must not connect: disconnectRevoked reaches only
// sockets already connected, so requireStillValid checks again as the last handshake step.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Server, type Socket as ServerSocket } from "socket.io";
import { io } from "socket.io-client";
import { afterEach, describe, expect, it } from "vitest";
import { MemoryTokens } from "../../../test/helpers/memory-tokens.js";
import { TokenService } from "../../app/token-service.js";
import { requireRoles, requireStillValid } from "./socket-auth.js";

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** A /display namespace whose handshake revokes the token while it waits, as a slow guard would allow. */
async function serverRevokingDuringHandshake(withFinalCheck: boolean) {
  const tokens = new TokenService(new MemoryTokens());
  const created = await tokens.create({ role: "display", hallId: "h1" });
  const httpServer = http.createServer();
  const ioServer = new Server(httpServer);
  const ns = ioServer.of("/display");
  ns.use(requireRoles(tokens, ["display"]));
  ns.use((_socket: ServerSocket, next) => {
    void tokens.revoke(created.id, new Date()).then(() => next());
  });
  if (withFinalCheck) ns.use(requireStillValid(tokens));
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  closers.push(() => new Promise<void>((resolve) => ioServer.close(() => resolve())));
  return { url: `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`, token: created.token };
}

function outcome(url: string, token: string): Promise<string> {
  const socket = io(`${url}/display`, { transports: ["websocket"], forceNew: true, reconnection: false, auth: { token } });
  return new Promise((resolve) => {
    socket.once("connect", () => {
      socket.disconnect();
      resolve("connected");
    });
    socket.once("connect_error", (err: Error & { data?: { code?: string } }) => resolve(`refused:${err.data?.code}`));
  });
}

describe("a token revoked during its handshake", () => {
  it("would connect if only the first token check ran (the gap exists)", async () => {
    const { url, token } = await serverRevokingDuringHandshake(false);
    expect(await outcome(url, token)).toBe("connected");
  });

  it("is refused by requireStillValid, the last step", async () => {
    const { url, token } = await serverRevokingDuringHandshake(true);
    expect(await outcome(url, token)).toBe("refused:unauthorized");
  });
});
