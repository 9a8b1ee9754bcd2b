// The rate limits a cluster shares through Redis (issue #11, server/adapters/redis-limiters.ts), on a real
// Redis: two nodes' budgets for the same key are one budget; the failed-authentication guard blocks an
// address on a node that never saw its failures; and with Redis gone each node limits on its own counts
// (the in-memory insurance) — it neither waits for Redis nor lets everything through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthFailureGuard, Budget } from "../../server/adapters/rate-limits.js";
import { connectRedis, type RedisConnection } from "../../server/adapters/redis-connection.js";
import { redisLimiters } from "../../server/adapters/redis-limiters.js";
import { startRedis, type TestRedis } from "../helpers/redis.js";

let redis: TestRedis;
const clients: RedisConnection[] = [];

/** One node's connection, made as the server makes it (no offline queue: a lost Redis answers at once). */
async function nodeClient(): Promise<RedisConnection> {
  const client = await connectRedis(redis.url, "test", () => undefined, { offlineQueue: false });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  redis = await startRedis();
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.destroy();
  await redis?.stop();
});

describe("rate limits shared through Redis", () => {
  it("makes the budgets of two nodes for one key one budget, and leaves other keys alone", async () => {
    const a = new Budget("test-token", { points: 3, seconds: 30 }, redisLimiters(await nodeClient()));
    const b = new Budget("test-token", { points: 3, seconds: 30 }, redisLimiters(await nodeClient()));
    expect(await a.take("token-1")).toEqual({ ok: true });
    expect(await b.take("token-1")).toEqual({ ok: true });
    expect(await a.take("token-1")).toEqual({ ok: true });
    const refused = await b.take("token-1");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect((await a.take("token-1")).ok).toBe(false);
    expect(await b.take("token-2")).toEqual({ ok: true });
  });

  it("blocks an address on a node that never saw its failures, and keeps a token trusted before the block", async () => {
    const limit = { points: 3, seconds: 30 };
    const a = new AuthFailureGuard(limit, redisLimiters(await nodeClient()));
    const b = new AuthFailureGuard(limit, redisLimiters(await nodeClient()));
    expect(await b.check("10.1.1.1", "tok-known")).toEqual({ ok: true }); // a console that worked before
    for (let i = 0; i < 3; i++) expect((await a.check("10.1.1.1", null)).ok).toBe(true);
    const fourth = await a.check("10.1.1.1", null);
    expect(fourth).toMatchObject({ ok: false, abusive: true });
    expect(await b.check("10.1.1.1", "tok-new")).toMatchObject({ ok: false, abusive: false });
    expect(await a.check("10.1.1.1", "tok-known")).toEqual({ ok: true });
    expect(await b.check("10.2.2.2", "tok-new")).toEqual({ ok: true });
  });

  it("limits on each node's own counts while Redis is gone, answering at once", async () => {
    const client = await nodeClient();
    const budget = new Budget("test-outage", { points: 2, seconds: 30 }, redisLimiters(client));
    await redis.stop();
    const deadline = Date.now() + 10_000;
    while (client.isReady && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(client.isReady).toBe(false);
    const started = performance.now();
    const verdicts = [await budget.take("token-9"), await budget.take("token-9"), await budget.take("token-9")];
    expect(performance.now() - started).toBeLessThan(1000);
    expect(verdicts.map((v) => v.ok)).toEqual([true, true, false]);
  });
});
