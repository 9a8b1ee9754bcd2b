// Socket limits (issue #7): the failed-authentication guard around a namespace's handshake check, and a
// message budget per socket. A message over the budget is not handled; when it asked for an ack it gets
// `{ ok: false, error: { code: "rate_limited", message, retryAfterMs } }`. A socket that goes on regardless
// (refused as many times as its budget within STRIKE_WINDOWS windows) is disconnected.
import type { Namespace, Socket } from "socket.io";
import type { Ack, SocketData } from "../../../contract/index.js";
import { clientKey, type AuthFailureGuard, type Budget } from "../rate-limits.js";
import { HandshakeError } from "./socket-auth.js";
import type { ClientAddress } from "../client-address.js";

type Middleware = (socket: Socket, next: (err?: Error) => void) => void;

/** Runs a namespace's token check, then records its outcome with the guard (unauthorized = a failure). */
export function guardHandshake(guard: AuthFailureGuard, check: Middleware, addressOf: ClientAddress = (req) => req.socket.remoteAddress ?? "unknown"): Middleware {
  return (socket, next) => {
    check(socket, (err) => {
      const failed = err instanceof HandshakeError && err.data.code === "unauthorized";
      if (err && !failed) return next(err);
      const tokenId = failed ? null : ((socket.data as SocketData | undefined)?.tokenId ?? null);
      void guard.check(clientKey(addressOf(socket.request)), tokenId).then((verdict) => {
        if (!verdict.ok)
          return next(new HandshakeError("rate_limited", "too many failed authentications from this address; retry later", verdict.retryAfterMs));
        next(err);
      });
    });
  };
}

/** Gives every socket of the namespace its message budget. */
export function throttleSockets(ns: Namespace, budget: Budget): void {
  if (budget.limit === null) return;
  ns.on("connection", (socket) => {
    socket.use((packet, next) => {
      void budget.take(socket.id).then((verdict) => {
        if (verdict.ok) return next();
        if (verdict.abusive) {
          if (socket.connected) socket.disconnect(true);
          return;
        }
        const ack = packet[packet.length - 1] as unknown;
        if (typeof ack === "function") {
          const reply: Ack<never> = {
            ok: false,
            error: { code: "rate_limited", message: "too many messages on this socket; retry later", retryAfterMs: verdict.retryAfterMs },
          };
          (ack as (reply: Ack<never>) => void)(reply);
        }
      });
    });
    socket.on("disconnect", () => budget.forget(socket.id));
  });
}
