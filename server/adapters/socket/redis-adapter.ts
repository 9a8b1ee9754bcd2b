// REDIS_URL (issue #11): socket.io's Redis Streams adapter joins the nodes' socket.io servers into one.
// The Streams adapter rather than the pub/sub one: it resumes the stream after a Redis hiccup without
// losing packets and keeps socket.io's connection state recovery working across nodes; pub/sub drops
// whatever is published while a subscriber reconnects. What it carries here is socket.io's own
// cross-node traffic (fetchSockets, server-side emits, broadcasts to rooms on other nodes); the live
// figures themselves reach every node through the shared event log (server/adapters/postgres/log-follower.ts),
// and each node pushes them to its own displays.
import { createAdapter } from "@socket.io/redis-streams-adapter";
import type { ServerOptions } from "socket.io";
import { closeRedis, connectRedis } from "../redis-connection.js";

/** Connects to Redis; the adapter goes into the socket.io server's options (namespaces take it when made). */
export async function openRedisAdapter(url: string, onError: (message: string) => void): Promise<{ adapter: ServerOptions["adapter"]; close(): Promise<void> }> {
  const client = await connectRedis(url, "socket.io adapter", onError);
  return {
    adapter: createAdapter(client, { streamName: "hallpulse:socket.io", maxLen: 10_000 }) as ServerOptions["adapter"],
    // socket.io's fan-out packets are not records: nothing to flush.
    close: () => closeRedis(client),
  };
}
