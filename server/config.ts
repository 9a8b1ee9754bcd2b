// Environment settings, parsed once at start (a bad value stops the server with a clear message).
import { z } from "zod";
import { readLimits, type ServerLimits } from "./adapters/limits.js";
import { normalizeOrigin } from "./adapters/socket/origin-check.js";

/** ALLOWED_ORIGINS: comma-separated origins (`https://hall.example.gov.cn,http://10.0.0.5:8080`). */
const originList = z
  .string()
  .default("")
  .transform((value, ctx) => {
    const origins: string[] = [];
    for (const part of value.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
      const origin = normalizeOrigin(part);
      if (origin === null) {
        ctx.addIssue({ code: "custom", message: `"${part}" is not an origin like https://host[:port]` });
        return z.NEVER;
      }
      origins.push(origin);
    }
    return origins;
  });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().min(1).default("file:./data/hallpulse.db"),
  ADMIN_TOKEN: z.string().min(16, { error: "must be at least 16 characters" }).max(256).optional(),
  NODE_ENV: z.enum(["production", "development", "test"]).default("production"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ALLOWED_ORIGINS: originList,
  /** How long a console or terminal of an open window may stay silent before its heartbeat is lost (default 2 minutes). */
  HEARTBEAT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).optional(),
  /** How long a hall's early warnings are served before they are recomputed (default 30 s; issue #9). */
  WARNING_REFRESH_MS: z.coerce.number().int().min(1000).max(600_000).optional(),
  /** How often today's history rollups are recomputed while events come in (default 30 s). */
  ROLLUP_TODAY_MS: z.coerce.number().int().min(1000).max(600_000).optional(),
  /** How long a past day marked again soon after its recompute waits for the next (default 5 s). */
  ROLLUP_PAST_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  /** Issue #11: the socket.io Redis Streams adapter joins the nodes of a cluster (redis:// or rediss://). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, { error: "must be a redis:// or rediss:// URL" }).optional(),
  /**
   * Issue #11: which proxies in front are trusted to say the client's address (X-Forwarded-For), as Express's
   * "trust proxy" list: e.g. `loopback` for nginx on the same host, or `10.0.0.5,10.0.0.6`. Absent: none
   * (the socket's own address counts — right without a proxy, wrong behind one: every client would share
   * nginx's address in the per-client rate limits).
   */
  TRUST_PROXY: z.string().regex(/^[A-Za-z0-9.:/, ]+$/, { error: "a comma-separated list of loopback, linklocal, uniquelocal or addresses/CIDRs" }).optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl: string;
  adminToken: string | undefined;
  nodeEnv: "production" | "development" | "test";
  logLevel: string;
  /** Browser origins allowed besides the server's own (socket.io handshakes, state-changing API calls). */
  allowedOrigins: string[];
  /** Message sizes and rate limits (MAX_INGEST_MESSAGE_BYTES, RATE_*; adapters/limits.ts). */
  limits: ServerLimits;
  /** HEARTBEAT_TIMEOUT_MS (issue #9); absent: the domain's default, 2 minutes. */
  heartbeatTimeoutMs?: number;
  /** WARNING_REFRESH_MS (issue #9); absent: 30 s (live-warnings.ts WARNING_REFRESH_MS). */
  warningRefreshMs?: number;
  /** ROLLUP_TODAY_MS; absent: 30 s (rollup-runner.ts). */
  rollupTodayMs?: number;
  /** ROLLUP_PAST_MS; absent: 5 s (rollup-runner.ts). */
  rollupPastMs?: number;
  /** REDIS_URL (issue #11): the socket.io Redis Streams adapter. */
  redisUrl?: string;
  /** TRUST_PROXY (issue #11): the proxies trusted for the client's address. */
  trustProxy?: string[];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`Invalid environment: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const e = result.data;
  return { port: e.PORT, host: e.HOST, databaseUrl: e.DATABASE_URL, adminToken: e.ADMIN_TOKEN, nodeEnv: e.NODE_ENV, logLevel: e.LOG_LEVEL, allowedOrigins: e.ALLOWED_ORIGINS, limits: readLimits(cleaned), ...(e.HEARTBEAT_TIMEOUT_MS !== undefined ? { heartbeatTimeoutMs: e.HEARTBEAT_TIMEOUT_MS } : {}),
    ...(e.WARNING_REFRESH_MS !== undefined ? { warningRefreshMs: e.WARNING_REFRESH_MS } : {}),
    ...(e.ROLLUP_TODAY_MS !== undefined ? { rollupTodayMs: e.ROLLUP_TODAY_MS } : {}),
    ...(e.ROLLUP_PAST_MS !== undefined ? { rollupPastMs: e.ROLLUP_PAST_MS } : {}),
    ...(e.REDIS_URL !== undefined ? { redisUrl: e.REDIS_URL } : {}),
    ...(e.TRUST_PROXY !== undefined ? { trustProxy: e.TRUST_PROXY.split(",").map((s) => s.trim()).filter(Boolean) } : {}) };
}
