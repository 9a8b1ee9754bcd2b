// The client's address for per-client limits (issue #11): the socket's own peer, or — behind proxies named
// in TRUST_PROXY (nginx of the reference deployment) — the address they report in X-Forwarded-For, by
// the same rules Express applies to req.ip (proxy-addr), so HTTP and socket.io agree.
import type { IncomingMessage } from "node:http";
import proxyaddr from "proxy-addr";

export type ClientAddress = (req: IncomingMessage) => string;

export function clientAddress(trustProxy: readonly string[] | undefined): ClientAddress {
  if (!trustProxy || trustProxy.length === 0) return (req) => req.socket.remoteAddress ?? "unknown";
  const trust = proxyaddr.compile([...trustProxy]);
  return (req) => proxyaddr(req, trust);
}
