// Handshake authentication for a namespace: `auth: { token }` checked against the token index (in a
// cluster, a token unknown here is looked up in the shared database), the role against the namespace's roles. Refusals reach the client as connect_error with `data.code`.
import type { Namespace, Socket } from "socket.io";
import type { Role, SocketData } from "../../../contract/index.js";
import { authorize } from "../../app/authorize.js";
import type { HallDirectory } from "../../app/hall-directory.js";
import type { TokenRecord } from "../../app/ports.js";
import type { TokenService } from "../../app/token-service.js";

export class HandshakeError extends Error {
  readonly data: { code: "unauthorized" | "forbidden" | "bad_request" | "not_found" | "rate_limited"; retryAfterMs?: number };
  constructor(code: HandshakeError["data"]["code"], message: string, retryAfterMs?: number) {
    super(message);
    this.data = retryAfterMs === undefined ? { code } : { code, retryAfterMs };
  }
}

function handshakeAuth(socket: Socket): Record<string, unknown> {
  const auth = socket.handshake.auth as unknown;
  return auth !== null && typeof auth === "object" ? (auth as Record<string, unknown>) : {};
}

/** The hall a socket works on: the token's own, or for a global admin the one named in `auth.hallId`. */
export function resolveHall(data: SocketData, auth: Record<string, unknown>): string {
  const requested = typeof auth.hallId === "string" ? auth.hallId : null;
  if (data.hallId !== null) {
    if (requested !== null && requested !== data.hallId) throw new HandshakeError("forbidden", "this token belongs to another hall");
    return data.hallId;
  }
  if (requested === null) throw new HandshakeError("bad_request", "auth.hallId: required for a token without hall");
  return requested;
}

export function requireRoles(tokens: TokenService, roles: readonly Role[]) {
  return (socket: Socket, next: (err?: Error) => void) => {
    const auth = handshakeAuth(socket);
    void tokens.authenticateFresh(typeof auth.token === "string" ? auth.token : null).then(
      (token) => admit(socket, auth, token, roles, next),
      (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
    );
  };
}

/** The handshake's verdict on a token (null: unknown) for the namespace's roles and the requested hall. */
function admit(socket: Socket, auth: Record<string, unknown>, token: TokenRecord | null, roles: readonly Role[], next: (err?: Error) => void): void {
  if (!token) return next(new HandshakeError("unauthorized", "missing, unknown or revoked token"));
  const requested = typeof auth.hallId === "string" ? auth.hallId : token.hallId;
  const decision = authorize(token, roles, requested);
  if (decision === "wrong_role") return next(new HandshakeError("forbidden", `a ${token.role} token may not use this namespace`));
  if (decision === "wrong_hall") return next(new HandshakeError("forbidden", "this token belongs to another hall"));
  const data: SocketData = { tokenId: token.id, role: token.role, hallId: token.hallId, windowId: token.windowId };
  socket.data = data;
  next();
}

/**
 * The last handshake step of every namespace: the token must still be valid as the socket connects.
 * Steps that wait (the failed-authentication guard) may run between `requireRoles` and the connection, and
 * `disconnectRevoked` only reaches sockets already connected, so a token revoked in that gap is caught here.
 */
export function requireStillValid(tokens: TokenService) {
  return (socket: Socket, next: (err?: Error) => void) => {
    const auth = handshakeAuth(socket);
    const token = tokens.authenticate(typeof auth.token === "string" ? auth.token : null);
    if (!token || token.id !== (socket.data as SocketData | undefined)?.tokenId) return next(new HandshakeError("unauthorized", "missing, unknown or revoked token"));
    next();
  };
}

/**
 * The hall a socket works on (resolveHall) must be configured; in a cluster one made on another node a
 * moment ago is read from the database first (HallDirectory.getFresh), not refused as "not_found".
 */
export function requireKnownHall(directory: HallDirectory) {
  return (socket: Socket, next: (err?: Error) => void) => {
    let hallId: string;
    try {
      hallId = resolveHall(socket.data as SocketData, authOf(socket));
    } catch (err) {
      return next(err as Error);
    }
    directory.getFresh(hallId).then(
      (hall) => {
        if (!hall) return next(new HandshakeError("not_found", `unknown hall "${hallId}"`));
        (socket.data as SocketData).hallId = hallId;
        next();
      },
      (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
    );
  };
}

export function authOf(socket: Socket): Record<string, unknown> {
  return handshakeAuth(socket);
}

/** Disconnects, at once, every socket of every namespace that authenticated with a revoked token. */
export function disconnectRevoked(namespaces: readonly Namespace[], tokenId: string): void {
  for (const ns of namespaces)
    for (const socket of ns.sockets.values()) if ((socket.data as SocketData | undefined)?.tokenId === tokenId) socket.disconnect(true);
}
