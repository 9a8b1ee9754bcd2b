// One way to connect to REDIS_URL (issue #11) for the socket.io adapter and the shared rate limits: the
// same reconnect backoff (100 ms doubling to 2 s), errors reported with what the connection is for, and a
// close that does not wait — neither user keeps anything in Redis worth a polite QUIT, and a QUIT queued for
// a Redis that is gone would hang the node's shutdown.
import { createClient } from "redis";

export type RedisConnection = ReturnType<typeof createClient>;

export async function connectRedis(url: string, purpose: string, onError: (message: string) => void, opts: { offlineQueue?: boolean } = {}): Promise<RedisConnection> {
  const client = createClient({ url, disableOfflineQueue: opts.offlineQueue === false, socket: { reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 2000) } });
  client.on("error", (err: Error) => onError(`redis (${purpose}): ${err.message}`));
  await client.connect();
  return client;
}

/** Closes at once (see the header). */
export function closeRedis(client: RedisConnection): Promise<void> {
  client.destroy();
  return Promise.resolve();
}
