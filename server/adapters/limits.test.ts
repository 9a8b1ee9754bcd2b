// The size limits against the contract's schemas (the largest valid messages must fit), the env parsing,
// and the limiters' behaviour (budgets, the failed-authentication block and its exemption).
import { describe, expect, it } from "vitest";
import { hallConfigSchema, hallEventSchema, MAX_EVENTS_PER_BATCH } from "../../contract/index.js";
import { BODY_LIMITS, DEFAULT_MAX_INGEST_MESSAGE_BYTES, DEFAULT_MAX_SOCKET_MESSAGE_BYTES, DEFAULT_RATE_LIMITS, parseRate, readLimits } from "./limits.js";
import { AuthFailureGuard, Budget, clientKey } from "./rate-limits.js";

const id = (p: string) => p.padEnd(64, "x");
const cjk = (n: number) => "政".repeat(n);
const bytes = (v: unknown, indent?: number) => Buffer.byteLength(JSON.stringify(v, null, indent));

describe("size limits", () => {
  it("fit a batch of 500 of the largest valid event (compact and pretty-printed)", () => {
    const largest = {
      id: id("e"),
      hallId: id("h"),
      ts: "2026-11-25T09:31:05.120+08:00",
      deviceId: id("d"),
      seq: Number.MAX_SAFE_INTEGER,
      type: "service.completed",
      ticketId: id("t"),
      windowId: id("w"),
      outcome: "needs_materials",
      requestedMaterials: Array.from({ length: 50 }, () => cjk(100)),
    };
    expect(hallEventSchema.safeParse(largest).success).toBe(true);
    // One more material or character is invalid: this is the schema's maximum.
    expect(hallEventSchema.safeParse({ ...largest, requestedMaterials: [...largest.requestedMaterials, "x"] }).success).toBe(false);
    const batch = Array(MAX_EVENTS_PER_BATCH).fill(largest);
    expect(bytes(batch)).toBeLessThan(DEFAULT_MAX_INGEST_MESSAGE_BYTES * 0.8);
    expect(bytes(batch, 2)).toBeLessThan(DEFAULT_MAX_INGEST_MESSAGE_BYTES * 0.8);
  });

  it("fit a socket.io batch of 500 of the largest evaluations (every type but long material lists)", () => {
    const evaluation = {
      id: id("e"),
      hallId: id("h"),
      ts: "2026-11-25T09:31:05.120+08:00",
      deviceId: id("d"),
      seq: Number.MAX_SAFE_INTEGER,
      type: "evaluation.submitted",
      ticketId: id("t"),
      windowId: id("w"),
      rating: 1,
      comment: cjk(500),
    };
    expect(hallEventSchema.safeParse(evaluation).success).toBe(true);
    expect(hallEventSchema.safeParse({ ...evaluation, comment: cjk(501) }).success).toBe(false);
    expect(bytes(Array(MAX_EVENTS_PER_BATCH).fill(evaluation))).toBeLessThan(DEFAULT_MAX_SOCKET_MESSAGE_BYTES);
  });

  it("fit a hall configuration of the schema's 500 windows, 200 categories and 3,000 item codes", () => {
    const hall = {
      name: cjk(30),
      timezone: "Asia/Shanghai",
      categories: Array.from({ length: 200 }, (_, i) => ({ id: `cat-${i}`, name: cjk(20), itemCodes: Array.from({ length: 15 }, (_, j) => `${i}-${j}-`.padEnd(31, "1")) })),
      windows: Array.from({ length: 500 }, (_, i) => ({ id: `window-${i}`, name: cjk(12), department: cjk(20), categories: Array.from({ length: 5 }, (_, j) => `cat-${(i + j) % 200}`) })),
      targets: { waitMinutes: 20, hotUtilization: 0.85, coldUtilization: 0.35, idleMinutes: 5 },
      followUp: { deadlineWorkingDays: 15 },
      public: { enabled: true, minCellCount: 5, licence: cjk(200) },
      openingHours: Array.from({ length: 50 }, (_, i) => ({ weekday: (i % 7) + 1, from: "08:30", to: "24:00" })),
    };
    expect(hallConfigSchema.safeParse(hall).success).toBe(true);
    expect(bytes(hall, 2)).toBeLessThan(BODY_LIMITS.hallConfig * 0.7);
  });
});

describe("readLimits", () => {
  it("keeps the defaults, reads N/Ss and off, and names a bad variable", () => {
    expect(readLimits({}).rates).toEqual(DEFAULT_RATE_LIMITS);
    expect(readLimits({}).maxIngestMessageBytes).toBe(DEFAULT_MAX_INGEST_MESSAGE_BYTES);
    const l = readLimits({ RATE_INGEST: "500/2s", RATE_AUTH_FAILURES: "off", MAX_INGEST_MESSAGE_BYTES: "2000000", RATE_STAFF: "" });
    expect(l.rates.ingest).toEqual({ points: 500, seconds: 2 });
    expect(l.rates.authFailures).toBeNull();
    expect(l.rates.staff).toEqual(DEFAULT_RATE_LIMITS.staff);
    expect(l.maxIngestMessageBytes).toBe(2_000_000);
    expect(() => readLimits({ RATE_DISPLAY: "fast" })).toThrow(/RATE_DISPLAY/);
    expect(() => readLimits({ MAX_INGEST_MESSAGE_BYTES: "1000" })).toThrow(/MAX_INGEST_MESSAGE_BYTES/);
    expect(readLimits({}).maxSocketMessageBytes).toBe(DEFAULT_MAX_SOCKET_MESSAGE_BYTES);
    expect(readLimits({ MAX_SOCKET_MESSAGE_BYTES: "300000" }).maxSocketMessageBytes).toBe(300_000);
    expect(() => readLimits({ MAX_SOCKET_MESSAGE_BYTES: "1000" })).toThrow(/MAX_SOCKET_MESSAGE_BYTES/);
    expect(() => parseRate("0/1s")).toThrow();
  });
});

describe("limiters", () => {
  it("a budget refuses past its points with retryAfterMs, then calls a client that goes on abusive", async () => {
    const b = new Budget("t", { points: 3, seconds: 60 });
    for (let i = 0; i < 3; i++) expect(await b.take("s")).toEqual({ ok: true });
    const refused = await b.take("s");
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.abusive).toBe(false);
    }
    await b.take("s");
    await b.take("s");
    const abusive = await b.take("s");
    expect(!abusive.ok && abusive.abusive).toBe(true);
    expect(await b.take("other")).toEqual({ ok: true });
    b.forget("s");
    expect(await b.take("s")).toEqual({ ok: true });
    expect(await new Budget("off", null).take("s")).toEqual({ ok: true });
  });

  it("blocks an address after N failures, also for a new correct token, but not for a token it used before", async () => {
    const g = new AuthFailureGuard({ points: 3, seconds: 60 });
    expect(await g.check("1.2.3.4", "known")).toEqual({ ok: true });
    for (let i = 0; i < 3; i++) expect((await g.check("1.2.3.4", null)).ok).toBe(true);
    expect((await g.check("1.2.3.4", null)).ok).toBe(false);
    expect((await g.check("1.2.3.4", "new")).ok).toBe(false);
    expect(await g.check("1.2.3.4", "known")).toEqual({ ok: true });
    expect(await g.check("5.6.7.8", "new")).toEqual({ ok: true });
    expect(clientKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
  });
});
