// The rate limiters (rate-limiter-flexible): message budgets per socket, request budgets per token, and
// the failed-authentication guard per client IP. Limiters are made by LimiterFactories, in memory by
// default; with REDIS_URL the limits that follow a client across nodes (per token, per client address)
// come from a Redis factory instead (redis-limiters.ts), the per-socket ones stay local. A limiter store
// that fails lets the request through: the limits protect the server, they must not become a way to stop it.
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { STRIKE_WINDOWS, TRUSTED_PAIR_SECONDS, type RateLimit, type ServerLimits } from "./limits.js";

export type LimiterFactory = (opts: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract;

export const memoryLimiters: LimiterFactory = (opts) => new RateLimiterMemory(opts);

export type Verdict = { ok: true } | { ok: false; retryAfterMs: number; /** went on far past its budget */ abusive: boolean };

const OK: Verdict = { ok: true };

/**
 * `points` actions per key per window; over it, refused until the window ends. A key refused `points`
 * times within STRIKE_WINDOWS windows is called abusive (its socket is then disconnected).
 */
export class Budget {
  private readonly limiter: RateLimiterAbstract | null;
  private readonly strikes: RateLimiterAbstract | null;

  constructor(name: string, readonly limit: RateLimit | null, factory: LimiterFactory = memoryLimiters) {
    this.limiter = limit ? factory({ keyPrefix: name, points: limit.points, duration: limit.seconds }) : null;
    this.strikes = limit ? factory({ keyPrefix: `${name}-strikes`, points: Math.max(1, limit.points - 1), duration: limit.seconds * STRIKE_WINDOWS }) : null;
  }

  async take(key: string): Promise<Verdict> {
    if (!this.limiter || !this.limit) return OK;
    try {
      await this.limiter.consume(key);
      return OK;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) return OK; // store failure: fail open
      return { ok: false, retryAfterMs: Math.max(1, Math.ceil(err.msBeforeNext)), abusive: await this.strike(key) };
    }
  }

  /** Counts a refusal; true once the key has been refused `points` times within the strike window. */
  private async strike(key: string): Promise<boolean> {
    try {
      await this.strikes?.consume(key);
      return false;
    } catch (err) {
      return err instanceof RateLimiterRes;
    }
  }

  /** Drops a key's count (a closed socket). */
  forget(key: string): void {
    void this.limiter?.delete(key).catch(() => undefined);
    void this.strikes?.delete(key).catch(() => undefined);
  }
}

/**
 * Failed authentications per client IP. After `points` failures within a window every further
 * authentication from that IP is answered 429 / `rate_limited` until the window ends — also one with a
 * correct token, because otherwise a guesser would still learn a hit at full speed (200 among 429s).
 * Exempt: a token that already authenticated from the same IP before the block (within 24 h), so devices,
 * pages and consoles that were working go on working while someone at the same address (a shared NAT of
 * the hall) guesses. A new token from that IP works again when the window is over (Retry-After). Nobody
 * is locked out for longer than one window after the failures stop.
 */
export class AuthFailureGuard {
  private readonly failures: RateLimiterAbstract | null;
  private readonly trusted: RateLimiterAbstract | null;

  constructor(readonly limit: RateLimit | null, factory: LimiterFactory = memoryLimiters) {
    this.failures = limit ? factory({ keyPrefix: "auth-fail", points: limit.points, duration: limit.seconds }) : null;
    this.trusted = limit ? factory({ keyPrefix: "auth-ok", points: 1, duration: TRUSTED_PAIR_SECONDS }) : null;
  }

  /** Records the outcome of one authentication from `ip` (`tokenId` null: it failed) and says whether to answer. */
  async check(ip: string, tokenId: string | null): Promise<Verdict> {
    if (!this.failures || !this.trusted || !this.limit) return OK;
    try {
      if (tokenId === null) {
        try {
          await this.failures.consume(ip);
          return OK;
        } catch (err) {
          if (err instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, Math.ceil(err.msBeforeNext)), abusive: true };
          throw err;
        }
      }
      const pair = `${ip}|${tokenId}`;
      const state = await this.failures.get(ip);
      if (state && state.msBeforeNext > 0 && state.consumedPoints >= this.limit.points) {
        const known = await this.trusted.get(pair);
        if (known && known.msBeforeNext > 0) return OK;
        return { ok: false, retryAfterMs: Math.max(1, Math.ceil(state.msBeforeNext)), abusive: false };
      }
      const known = await this.trusted.get(pair);
      if (!known || known.msBeforeNext <= 0) await this.trusted.set(pair, 1, TRUSTED_PAIR_SECONDS);
      return OK;
    } catch {
      return OK; // store failure: fail open
    }
  }
}

/** Every limiter of one server. */
export interface AbuseGuards {
  ingest: Budget;
  staff: Budget;
  display: Budget;
  httpToken: Budget;
  auth: AuthFailureGuard;
  /** Anonymous public-page and open-data requests per client IP (issue #10). */
  publicClient: Budget;
}

/**
 * `local` makes the per-socket budgets (a socket lives on one node); `shared` the budgets per token and per
 * client address, which a cluster counts in one store so that a client meets one budget on every node.
 */
export function createAbuseGuards(limits: ServerLimits, local: LimiterFactory = memoryLimiters, shared: LimiterFactory = local): AbuseGuards {
  const r = limits.rates;
  return {
    ingest: new Budget("sock-ingest", r.ingest, local),
    staff: new Budget("sock-staff", r.staff, local),
    display: new Budget("sock-display", r.display, local),
    httpToken: new Budget("http-token", r.httpToken, shared),
    auth: new AuthFailureGuard(r.authFailures, shared),
    publicClient: new Budget("http-public", r.publicClient, shared),
  };
}

/** The client address as one key: IPv4-mapped IPv6 addresses written as IPv4. */
export function clientKey(address: string | undefined): string {
  if (!address) return "unknown";
  return address.startsWith("::ffff:") ? address.slice(7) : address;
}
