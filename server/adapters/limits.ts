// Every size and rate limit of the server, in one place, with the reason for each number (issue #7).
// Sizes follow from the contract's schemas; rates are sized for abuse, not for work: a queue gateway
// replaying a day's backlog after an outage (thousands of valid events per second, in batches) must never
// be refused, so ingest is counted in messages and requests, never in events. The rates and the ingest
// message size can be changed through the environment (README, "Running it for real").

const KiB = 1024;
const MiB = 1024 * KiB;

// ── Sizes ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * The largest body of POST /api/halls/:hallId/events. The contract accepts any batch of up to 500 valid
 * events over HTTP, so this is measured from the zod schemas (contract/events.ts) with every field at its
 * maximum and text as 3-byte CJK characters: the largest valid event is a `service.completed` naming 50
 * requested materials of 100 characters, with every id at 64 characters — 15,671 bytes as compact UTF-8
 * JSON. 500 of them: 7,836,001 bytes (8,046,502 pretty-printed). Every other event type stays under 2,000
 * bytes. 10 MiB = that worst batch + 34 %. The body is read only after the bearer token has been checked
 * for a device or admin of the hall (events-router.ts), so an anonymous client cannot make the server
 * buffer it; a larger body is a 413 and the sender halves its batch (simulator/ingest-client.ts does).
 */
export const DEFAULT_MAX_INGEST_MESSAGE_BYTES = 10 * MiB;
/** The HTTP ingest body limit may not be set below this (a 500-event batch of short events is ~80 KB). */
export const MIN_INGEST_MESSAGE_BYTES = 256 * KiB;

/**
 * The largest socket.io frame, on every namespace (socket.io's engine has one `maxHttpBufferSize`, applied
 * before a socket has authenticated on a namespace — so this is what an anonymous client can make each
 * connection buffer, and it is kept small). 1 MiB holds 500 real events: a realistic event is 200–400
 * bytes (a 500-event batch from the demo hall is ~150 KB), and every event type but a `service.completed`
 * with long lists of requested materials stays under 2,000 bytes. A larger frame closes that connection
 * without an ack; a device with such batches sends them over HTTP, or in smaller `events` messages.
 * /staff and /display messages are a few hundred bytes.
 */
export const DEFAULT_MAX_SOCKET_MESSAGE_BYTES = 1 * MiB;
/** The socket frame limit may not be set below this (a 500-event batch of short events is ~80 KB). */
export const MIN_SOCKET_MESSAGE_BYTES = 256 * KiB;

/** Every other JSON body, by route. All ≤ 64 KiB except the hall configuration. */
export const BODY_LIMITS = {
  /**
   * PUT /api/halls/:hallId. A big hall measured: 200 windows and 100 categories with 2,000 item codes of
   * 31 characters (政务服务事项编码), names of 12–30 CJK characters, five categories per window: 123 KB compact,
   * 165 KB pretty-printed; 500 windows (the schema's maximum), 200 categories and 3,000 item codes: 235 KB
   * compact, 321 KB pretty-printed or \u-escaped. 512 KiB covers that with headroom; admin only, read
   * after authentication.
   */
  hallConfig: 512 * KiB,
  /** PUT /api/calendar/:year: at most 366 dates of 12 bytes each twice, < 10 KB. */
  calendar: 64 * KiB,
  /** POST /api/halls/:hallId/whatif: 200 windows × 10 categories × 2 open intervals measured at 32 KB. */
  whatIf: 64 * KiB,
  /** POST /api/tokens: `{ role, hallId, windowId, label ≤ 100 }`, < 1 KB. */
  tokens: 16 * KiB,
  /** POST …/followups/:id/transition: `{ to, note }`, a few KB at most. */
  followUpTransition: 8 * KiB,
  /**
   * POST /api/halls/:hallId/items/:source, raw (CSV, XLSX or JSON). An item with its conditions and
   * materials is ~1 KB (the demo's online list: 67 KB for 68 items); 20 MB holds ~20,000 items, more than
   * a provincial catalogue. Admin only, read after authentication, parsed once.
   */
  itemList: 20 * MiB,
} as const;

// ── Rates ─────────────────────────────────────────────────────────────────────────────────────────

/** `points` actions per key in each window of `seconds` (rate-limiter-flexible's fixed window). */
export interface RateLimit {
  points: number;
  seconds: number;
}

export interface RateLimits {
  /** /ingest messages (`event` or `events`, whatever their size) per socket. */
  ingest: RateLimit | null;
  /** /staff messages (`action`, `view`) per socket. */
  staff: RateLimit | null;
  /** /display messages (`resync`) per socket. */
  display: RateLimit | null;
  /** REST requests per authenticated token. */
  httpToken: RateLimit | null;
  /** Failed authentications (401, unauthorized handshakes) per client IP. */
  authFailures: RateLimit | null;
  /** Anonymous requests to the public page's API and the open data (issue #10) per client IP. */
  publicClient: RateLimit | null;
}

/**
 * The defaults. `null` (env `off`) disables a limit.
 * - ingest 1,000 messages/s per socket: a batch of 500 counts once, so a backlog replay in batches may
 *   send 500,000 events per second, far above what the server can store (a few thousand per second on
 *   two cores); a live hall sends a few events per second, and a gateway replaying one event per message
 *   while waiting for each ack stays in the hundreds. Only floods of small messages meet it — and those
 *   cost as much per message as a whole batch of valid events, so 1,000/s keeps one socket to a fraction
 *   of the server.
 * - staff 50/s: a person presses a few keys per second; the console adds one `view` per action.
 * - display 20/s: a wall only sends `resync` after a gap in the feed, a few times an hour.
 * - REST 3,000 requests per 10 s per token: the admin page fires a dozen requests at once; a device
 *   replaying over HTTP in batches of 500 could send 150,000 events/s. Only runaway loops meet it.
 * - 60 failed authentications per minute per IP, then 429 until the minute is over (see rate-limits.ts).
 * - public page and open data 300 requests per 10 s per client IP (issue #10): a phone polls every 10 s,
 *   and a hall's guest Wi-Fi or a carrier's NAT puts hundreds of phones behind one address — 300 phones
 *   polling fit; a script hammering the anonymous API from one address does not. The answers are also
 *   cacheable for 5 s, so a proxy in front serves most of them.
 *   Tokens are 256-bit random, so guessing is hopeless anyway; this keeps guessers from costing anything
 *   and stays far above what a misconfigured device produces (socket.io clients stop after a refusal).
 * A socket that goes on after it was refused — as many refused messages as its budget within
 * STRIKE_WINDOWS windows — is disconnected.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  ingest: { points: 1000, seconds: 1 },
  staff: { points: 50, seconds: 1 },
  display: { points: 20, seconds: 1 },
  httpToken: { points: 3000, seconds: 10 },
  authFailures: { points: 60, seconds: 60 },
  publicClient: { points: 300, seconds: 10 },
};

/**
 * A socket refused as many times as its budget within this many windows is disconnected (a client that
 * honours `retryAfterMs` is refused a handful of times at most; a flood is refused thousands of times).
 */
export const STRIKE_WINDOWS = 10;

/** How long a token that authenticated from an address stays exempt from that address's failure block. */
export const TRUSTED_PAIR_SECONDS = 24 * 60 * 60;

export interface ServerLimits {
  /** POST …/events body (read after authentication). */
  maxIngestMessageBytes: number;
  /** Any socket.io frame (read before authentication). */
  maxSocketMessageBytes: number;
  rates: RateLimits;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxIngestMessageBytes: DEFAULT_MAX_INGEST_MESSAGE_BYTES,
  maxSocketMessageBytes: DEFAULT_MAX_SOCKET_MESSAGE_BYTES,
  rates: DEFAULT_RATE_LIMITS,
};

/** The environment variable of each rate. */
export const RATE_ENV = {
  ingest: "RATE_INGEST",
  staff: "RATE_STAFF",
  display: "RATE_DISPLAY",
  httpToken: "RATE_HTTP_TOKEN",
  authFailures: "RATE_AUTH_FAILURES",
  publicClient: "RATE_PUBLIC",
} as const satisfies Record<keyof RateLimits, string>;

/** Parses `1000/1s` (points per window of seconds) or `off`. */
export function parseRate(value: string): RateLimit | null {
  const v = value.trim().toLowerCase();
  if (v === "off") return null;
  const m = /^(\d{1,9})\s*\/\s*(\d{1,6})s$/.exec(v);
  if (!m) throw new Error(`expected "<count>/<seconds>s" such as 1000/1s, or off; got "${value}"`);
  const points = Number(m[1]);
  const seconds = Number(m[2]);
  if (points < 1 || seconds < 1) throw new Error(`count and seconds must be at least 1; got "${value}"`);
  return { points, seconds };
}

/** The limits from the environment (unset or empty variables keep their defaults). Throws naming the variable. */
export function readLimits(env: Record<string, string | undefined>): ServerLimits {
  const rates = { ...DEFAULT_RATE_LIMITS };
  for (const key of Object.keys(RATE_ENV) as (keyof RateLimits)[]) {
    const raw = env[RATE_ENV[key]];
    if (raw === undefined || raw === "") continue;
    try {
      rates[key] = parseRate(raw);
    } catch (err) {
      throw new Error(`Invalid environment: ${RATE_ENV[key]}: ${(err as Error).message}`, { cause: err });
    }
  }
  const maxIngestMessageBytes = readBytes(env, "MAX_INGEST_MESSAGE_BYTES", DEFAULT_MAX_INGEST_MESSAGE_BYTES, MIN_INGEST_MESSAGE_BYTES);
  const maxSocketMessageBytes = readBytes(env, "MAX_SOCKET_MESSAGE_BYTES", DEFAULT_MAX_SOCKET_MESSAGE_BYTES, MIN_SOCKET_MESSAGE_BYTES);
  return { maxIngestMessageBytes, maxSocketMessageBytes, rates };
}

function readBytes(env: Record<string, string | undefined>, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min || n > 256 * MiB)
    throw new Error(`Invalid environment: ${name}: expected a whole number of bytes from ${min} to ${256 * MiB}`);
  return n;
}
