// REDIS_URL (issue #11): the rate limits that follow a client rather than a connection — requests per
// token, failed authentications and public requests per client address — are counted in Redis, so a
// client meets the same budget on every node (after a failover too, and when the proxy spreads one
// address over several nodes). The per-socket message budgets stay in each node's memory: a socket lives
// on one node, and a Redis round trip per ingest message would only slow the hot path.
// Each Redis limiter has an in-memory twin as its insurance: while Redis is unreachable a node goes on
// limiting on its own counts (rate-limiter-flexible's insuranceLimiter) instead of failing open or waiting.
import { RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";
import type { LimiterFactory } from "./rate-limits.js";
import { closeRedis, connectRedis, type RedisConnection } from "./redis-connection.js";

/** Keys are `hallpulse:rl:<limiter>:<key>`, apart from socket.io's stream and anything else in that Redis. */
export const REDIS_LIMITER_PREFIX = "hallpulse:rl:";

export function redisLimiters(client: RedisConnection): LimiterFactory {
  return (opts) =>
    new RateLimiterRedis({
      storeClient: client,
      useRedisPackage: true,
      // Not ready (reconnecting): answer from the insurance at once rather than queue behind the reconnect.
      rejectIfRedisNotReady: true,
      keyPrefix: `${REDIS_LIMITER_PREFIX}${opts.keyPrefix}`,
      points: opts.points,
      duration: opts.duration,
      insuranceLimiter: new RateLimiterMemory(opts),
    });
}

/**
 * Its own connection (the socket.io adapter's client blocks on stream reads). Commands are not queued
 * while disconnected: the limiters answer from their insurance instead.
 */
export async function openRedisLimiters(url: string, onError: (message: string) => void): Promise<{ factory: LimiterFactory; close(): Promise<void> }> {
  const client = await connectRedis(url, "rate limits", onError, { offlineQueue: false });
  return {
    factory: redisLimiters(client),
    close: () => closeRedis(client),
  };
}
