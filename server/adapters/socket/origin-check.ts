// Cross-site WebSocket hijacking guard: a socket.io handshake (polling or websocket) that carries an
// `Origin` header must come from the server's own origin — the same host:port as its `Host` header — or
// from one listed in ALLOWED_ORIGINS. Requests without `Origin` (queue systems, devices, node clients)
// are not browsers and pass; they still need a bearer token in the handshake. The same rule guards the
// REST API's state-changing requests (../http/origin-check.ts).
import type { IncomingMessage } from "node:http";

export interface OriginPolicy {
  /** Extra origins allowed besides the server's own, normalized (`https://hall.example.gov.cn`). */
  allowedOrigins: readonly string[];
}

export const SAME_ORIGIN_ONLY: OriginPolicy = { allowedOrigins: [] };

/** `scheme://host[:port]` as the browser sends it, or null when `value` is not such an origin. */
export function normalizeOrigin(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) return null;
  return url.origin;
}

/**
 * Whether a request with these `Origin` and `Host` headers may go on. No Origin: yes (not a browser).
 * Otherwise its host:port must equal the Host header's (the scheme is not compared, so a TLS-terminating
 * proxy that forwards the Host header works), or the origin must be listed.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  const normalized = normalizeOrigin(origin);
  if (normalized === null) return false; // "null" (sandboxed frames, file:), garbage
  if (policy.allowedOrigins.includes(normalized)) return true;
  if (!host) return false;
  const originUrl = new URL(normalized);
  let hostUrl: URL;
  try {
    hostUrl = new URL(`${originUrl.protocol}//${host.trim()}`);
  } catch {
    return false;
  }
  return hostUrl.host === originUrl.host && hostUrl.pathname === "/";
}

/** The check for one Node request (the first `Origin` header if repeated). */
export function requestOriginAllowed(req: IncomingMessage, policy: OriginPolicy): boolean {
  const origin = req.headers.origin;
  return isAllowedOrigin(Array.isArray(origin) ? origin[0] : origin, req.headers.host, policy);
}

export const ORIGIN_REFUSED = "cross-origin request refused: the Origin is not this server's nor in ALLOWED_ORIGINS";

/**
 * socket.io's `allowRequest` (run by engine.io on every new handshake, polling and websocket alike):
 * refused polling handshakes get 403, refused websocket upgrades are closed with an error status.
 */
export function originAllowRequest(policy: OriginPolicy) {
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    if (requestOriginAllowed(req, policy)) callback(null, true);
    else callback(ORIGIN_REFUSED, false);
  };
}
