// Property-based fuzzing of every entry point of a REAL server process: HTTP events, socket.io /ingest,
// /staff actions, hall configuration (PUT /api/halls/:hallId) and item-list imports (CSV incl. GBK, XLSX,
// JSON). Inputs come from fast-check (test/fuzz/arbitraries.ts), deterministic for a seed.
//
// Pass criteria, checked for every input and at the end:
//   - every input is answered: accepted, duplicate, or rejected naming a field (events, staff), or an
//     HTTP 2xx / 4xx with `error.field` or a clear code (halls, items); never a 5xx, never silence;
//   - "valid" inputs are accepted (or duplicate), inputs with a planted personal number are refused, and
//     nothing is accepted that the contract's schema refuses or that holds a personal number;
//   - the server process stays alive and healthy, and its output shows no unhandled rejection or
//     uncaught exception;
//   - afterwards the storage (SQLite file or PostgreSQL) holds only valid rows: every stored event re-parses with the contract's
//     schema (and its tsMs is its ts), every quarantine row names a field, every hall configuration and
//     stored item re-parses.
import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import fc from "fast-check";
import { io, type Socket } from "socket.io-client";
import {
  ERROR_CODES,
  hallConfigSchema,
  hallEventSchema,
  isStaffActionType,
  parseIsoTimestamp,
  serviceItemSchema,
  staffActionSchemas,
  type HallConfig,
} from "../../contract/index.js";
import { Api } from "../helpers/api.js";
import { withLogDb } from "../helpers/log-db.js";
import { ServerProcess } from "../helpers/server-process.js";
import { eventInput, hallConfigInput, itemFileInput, setOwn, staffInput, type EventContext, type Tagged } from "./arbitraries.js";
import { buildItemFile } from "./item-files.js";
import { hasPersonalNumber } from "./privacy-scan.js";

export const TARGETS = ["events", "ingest", "staff", "halls", "items"] as const;
export type TargetName = (typeof TARGETS)[number];
/** Share of the runs each target gets when several run (items and halls are the slow ones per input). */
const WEIGHTS: Record<TargetName, number> = { events: 0.45, ingest: 0.3, staff: 0.15, halls: 0.05, items: 0.05 };
/** Requests in flight at once for the per-request targets (each answer waits for an fsync). */
const CONCURRENCY = 6;
/** Staff actions in flight per console (judged in the order they were sent). */
const STAFF_WINDOW = 8;

/** Runs `fn` over `items` with at most `n` at once. */
async function pool<T>(items: readonly T[], n: number, fn: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        await fn(items[i] as T, i);
      }
    }),
  );
}

export interface Counts {
  inputs: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  errors: number;
  /** Inputs with a planted personal number (each must have been refused). */
  planted: number;
}
export interface FuzzFailure {
  target: TargetName | "server" | "database";
  index: number;
  problem: string;
  how: string;
  input: string;
}
export interface FuzzReport {
  seed: number;
  runs: number;
  counts: Record<TargetName, Counts>;
  ms: Record<TargetName, number>;
  totalMs: number;
  failures: FuzzFailure[];
  database: { events: number; quarantine: number; halls: number; items: number };
  /** Tokens created for the run (for the privacy scan of the logs). */
  tokens: string[];
}
export interface FuzzOptions {
  runs: number;
  seed?: number;
  targets?: readonly TargetName[];
  /** Stop the server at the end (default true). When false the caller owns `server` and must stop it. */
  stopServer?: boolean;
  logLevel?: string;
  onProgress?: (line: string) => void;
}

export const FUZZ_HALL = "fz-hall";
export const ITEMS_HALL = "fz-items";
const ACK_TIMEOUT_MS = 30_000;
const SOCKET_BUDGET = 150_000; // bytes per socket message (the payload limit is someone else's fuzz)

export const fuzzHall: HallConfig = {
  name: "模糊测试大厅",
  timezone: "Asia/Shanghai",
  categories: [
    { id: "c1", name: "社会保险", itemCodes: ["FZ-0000", "FZ-0001"] },
    { id: "c2", name: "不动产登记", itemCodes: ["FZ-0002"] },
    { id: "c3", name: "综合", itemCodes: [] },
  ],
  windows: [
    { id: "w1", name: "1号窗口", department: "人社局", categories: ["c1"] },
    { id: "w2", name: "2号窗口", department: "人社局", categories: ["c1", "c3"] },
    { id: "w3", name: "3号窗口", department: "自然资源局", categories: ["c2"] },
    { id: "w4", name: "4号综合窗口", department: "行政审批服务局", categories: ["c1", "c2", "c3"], comprehensive: true },
  ],
  targets: { waitMinutes: 20 },
};

export interface FuzzSession {
  server: ServerProcess;
  admin: Api;
  adminToken: string;
  deviceToken: string;
  staffTokens: Record<string, string>;
}

const emptyCounts = (): Counts => ({ inputs: 0, accepted: 0, duplicate: 0, rejected: 0, errors: 0, planted: 0 });
const preview = (v: unknown) => {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s;
};
/** What the server receives: the JSON round trip of what we send. */
const wire = (v: unknown): unknown => {
  const s = JSON.stringify(v);
  return s === undefined ? null : JSON.parse(s);
};
const seedFor = (seed: number, target: TargetName, chunk: number) => (seed + TARGETS.indexOf(target) * 1_000_003 + chunk * 7_919) | 0;

/** Starts the server with debug logs and sets up the halls and tokens the fuzzers use. */
export async function startFuzzSession(logLevel = "debug"): Promise<FuzzSession> {
  const adminToken = `hp_${randomBytes(32).toString("base64url")}`;
  // Rate limits are off: this run is about what inputs do, not how many (the limits have their own tests).
  const off = { RATE_INGEST: "off", RATE_STAFF: "off", RATE_DISPLAY: "off", RATE_HTTP_TOKEN: "off", RATE_AUTH_FAILURES: "off" };
  const server = new ServerProcess({ adminToken, env: { LOG_LEVEL: logLevel, ...off } });
  await server.start();
  const admin = new Api(server.url, adminToken);
  for (const hallId of [FUZZ_HALL, ITEMS_HALL]) {
    const res = await admin.putHall(hallId, fuzzHall);
    if (res.status !== 201 && res.status !== 200) throw new Error(`cannot create ${hallId}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const device = await admin.createToken({ role: "device", hallId: FUZZ_HALL });
  const staffTokens: Record<string, string> = {};
  for (const w of ["w1", "w2", "w3"]) staffTokens[w] = (await admin.createToken({ role: "staff", hallId: FUZZ_HALL, windowId: w })).body.token;
  return { server, admin, adminToken, deviceToken: device.body.token, staffTokens };
}

export function splitRuns(runs: number, targets: readonly TargetName[]): Record<TargetName, number> {
  const total = targets.reduce((s, t) => s + WEIGHTS[t], 0);
  const out = Object.fromEntries(TARGETS.map((t) => [t, 0])) as Record<TargetName, number>;
  for (const t of targets) out[t] = Math.max(1, Math.round((runs * WEIGHTS[t]) / total));
  return out;
}

export async function runFuzz(opts: FuzzOptions & { session?: FuzzSession }): Promise<FuzzReport & { session: FuzzSession }> {
  const seed = opts.seed ?? (Date.now() % 2 ** 31);
  const targets = opts.targets ?? TARGETS;
  const session = opts.session ?? (await startFuzzSession(opts.logLevel));
  const started = Date.now();
  const failures: FuzzFailure[] = [];
  const counts = Object.fromEntries(TARGETS.map((t) => [t, emptyCounts()])) as Record<TargetName, Counts>;
  const ms = Object.fromEntries(TARGETS.map((t) => [t, 0])) as Record<TargetName, number>;
  const split = splitRuns(opts.runs, targets);
  const progress = opts.onProgress ?? (() => {});

  const runners: Record<TargetName, () => Promise<void>> = {
    events: () => fuzzHttpEvents(session, split.events, seed, counts.events, failures),
    ingest: () => fuzzIngestSocket(session, split.ingest, seed, counts.ingest, failures),
    staff: () => fuzzStaff(session, split.staff, seed, counts.staff, failures),
    halls: () => fuzzHalls(session, split.halls, seed, counts.halls, failures),
    items: () => fuzzItems(session, split.items, seed, counts.items, failures),
  };
  const ticker = setInterval(() => {
    const line = targets.map((t) => `${t} ${counts[t].inputs}/${split[t]}`).join("  ");
    progress(`[${Math.round((Date.now() - started) / 1000)} s] ${line}`);
  }, 10_000);
  try {
    await Promise.all(
      targets.map(async (t) => {
        const t0 = Date.now();
        try {
          await runners[t]();
        } catch (err) {
          failures.push({ target: t, index: -1, problem: `the fuzzer stopped: ${err instanceof Error ? err.stack ?? err.message : String(err)}`, how: "", input: "" });
        }
        ms[t] = Date.now() - t0;
      }),
    );
  } finally {
    clearInterval(ticker);
  }

  failures.push(...(await checkServerHealth(session.server)));
  const database = await checkServerDatabase(session.server, failures);
  const tokens = [session.adminToken, session.deviceToken, ...Object.values(session.staffTokens)];
  if (opts.stopServer !== false) await session.server.stop();
  return { seed, runs: opts.runs, counts, ms, totalMs: Date.now() - started, failures, database, tokens, session };
}

/** Alive, healthy, and no unhandled rejection or uncaught exception in its output. */
export async function checkServerHealth(server: ServerProcess): Promise<FuzzFailure[]> {
  const out: FuzzFailure[] = [];
  try {
    const res = await fetch(`${server.url}/api/health`);
    if (res.status !== 200) out.push({ target: "server", index: -1, problem: `health answered ${res.status}`, how: "", input: "" });
  } catch (err) {
    out.push({ target: "server", index: -1, problem: `the server is not answering: ${String(err)}\n${server.output.slice(-3000)}`, how: "", input: "" });
  }
  const bad = /unhandled ?rejection|uncaught ?exception|UnhandledPromiseRejection|ERR_UNHANDLED|FATAL ERROR|heap out of memory|Maximum call stack/i.exec(server.output);
  if (bad) out.push({ target: "server", index: -1, problem: `server output shows "${bad[0]}": …${server.output.slice(Math.max(0, bad.index - 500), bad.index + 1500)}`, how: "", input: "" });
  const internal = /"level":50[^\n]*/.exec(server.output);
  if (internal) out.push({ target: "server", index: -1, problem: `the server logged an error: ${internal[0].slice(0, 1500)}`, how: "", input: "" });
  return out;
}

const STRICT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

interface StoredRows {
  events: readonly { hallId: string; eventId: string; type: string; tsMs: number; payload: string }[];
  quarantine: readonly { id: number; field: string | null; error: string; eventId: string | null }[];
  halls: readonly { id: string; config: string }[];
  items: readonly { code: string; data: string }[];
}

/** Every stored row is valid: events re-parse, quarantine rows name a field, halls and items re-parse. */
export function checkDatabase(file: string, failures: FuzzFailure[]): FuzzReport["database"] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return checkStoredRows(
      {
        events: db.prepare("SELECT hallId, eventId, type, tsMs, payload FROM Event").all() as StoredRows["events"],
        quarantine: db.prepare("SELECT id, field, error, eventId FROM Quarantine").all() as StoredRows["quarantine"],
        halls: db.prepare("SELECT id, config FROM Hall").all() as StoredRows["halls"],
        items: db.prepare("SELECT code, data FROM ServiceItemRow").all() as StoredRows["items"],
      },
      failures,
    );
  } finally {
    db.close();
  }
}

/** checkDatabase on a server's storage, SQLite file or PostgreSQL database (issue #11). */
export async function checkServerDatabase(server: ServerProcess, failures: FuzzFailure[]): Promise<FuzzReport["database"]> {
  return withLogDb(server, async (db) =>
    checkStoredRows(
      {
        events: await db.all(`SELECT "hallId", "eventId", "type", "tsMs", "payload" FROM "Event"`),
        quarantine: await db.all(`SELECT "id", "field", "error", "eventId" FROM "Quarantine"`),
        halls: await db.all(`SELECT "id", "config" FROM "Hall"`),
        items: await db.all(`SELECT "code", "data" FROM "ServiceItemRow"`),
      },
      failures,
    ),
  );
}

function checkStoredRows(rows: StoredRows, failures: FuzzFailure[]): FuzzReport["database"] {
  const fail = (problem: string, input: unknown) => failures.push({ target: "database", index: -1, problem, how: "", input: preview(input) });
  let events = 0;
  for (const row of rows.events) {
    events++;
    let payload: unknown;
    try {
      payload = JSON.parse(row.payload);
    } catch {
      fail("a stored event's payload is not JSON", row);
      continue;
    }
    const parsed = hallEventSchema.safeParse(payload);
    if (!parsed.success) {
      fail(`a stored event does not re-parse: ${parsed.error.issues[0]?.message}`, row);
      continue;
    }
    const e = parsed.data;
    if (e.id !== row.eventId || e.hallId !== row.hallId || e.type !== row.type) fail("a stored event's columns disagree with its payload", row);
    if (parseIsoTimestamp(e.ts) !== Number(row.tsMs)) fail("a stored event's tsMs is not its ts", row);
    if (STRICT_ISO.test(e.ts) && Date.parse(e.ts) !== Number(row.tsMs)) fail(`a stored event's tsMs (${row.tsMs}) is not the instant of its ts (${Date.parse(e.ts)})`, row);
    if (hasPersonalNumber(row.payload)) fail("a stored event holds a personal number", row);
  }
  let quarantine = 0;
  for (const row of rows.quarantine) {
    quarantine++;
    if (typeof row.field !== "string" || row.field.length === 0) fail("a quarantine row names no field", row);
    else if (!row.error.startsWith(`${row.field}: `) || row.error.length <= row.field.length + 2) fail("a quarantine row's reason does not start with its field", row);
  }
  let halls = 0;
  for (const row of rows.halls) {
    halls++;
    const r = hallConfigSchema.safeParse(JSON.parse(row.config));
    if (!r.success) fail(`a stored hall configuration does not re-parse: ${r.error.issues[0]?.path.join(".")} ${r.error.issues[0]?.message}`, row);
    if (!/^[A-Za-z0-9._:-]{1,64}$/.test(row.id)) fail("a stored hall id is not an id", row);
  }
  let items = 0;
  for (const row of rows.items) {
    items++;
    const r = serviceItemSchema.safeParse(JSON.parse(row.data));
    if (!r.success) fail(`a stored item does not re-parse: ${r.error.issues[0]?.path.join(".")} ${r.error.issues[0]?.message}`, row);
  }
  return { events, quarantine, halls, items };
}

// ── one input's answer ──────────────────────────────────────────────────────────────────────────

type Result = { id?: unknown; status?: unknown; error?: unknown; field?: unknown };

/** Checks one ingest result against what was sent; counts it; returns the problem or null. */
function judgeEvent(t: Tagged, sent: unknown, r: Result | undefined, accepted: Set<string>, counts: Counts, prefix: string): string | null {
  counts.inputs++;
  if (t.expect === "pii") counts.planted++;
  if (!r || typeof r !== "object") return "no result for this input";
  const id = sent !== null && typeof sent === "object" && !Array.isArray(sent) ? (sent as { id?: unknown }).id : undefined;
  if (r.status === "rejected") {
    counts.rejected++;
    if (typeof r.field !== "string" || r.field.length === 0) return "rejected without naming a field";
    if (typeof r.error !== "string" || !r.error.startsWith(`${r.field}: `)) return `the error does not start with its field: ${String(r.error)}`;
    if (t.expect === "valid") return `a valid event was rejected: ${r.error}`;
    if (hasPersonalNumber(r.error) || (typeof r.id === "string" && hasPersonalNumber(r.id))) return `the rejection echoes a personal number: ${String(r.id)} ${r.error}`;
    return null;
  }
  if (r.status === "accepted" || r.status === "duplicate") {
    if (r.status === "accepted") counts.accepted++;
    else counts.duplicate++;
    if (r.id !== id) return `the result's id ${String(r.id)} is not the event's id`;
    if (r.status === "accepted" && accepted.has(id as string)) return "accepted the same id twice";
    if (r.status === "accepted") accepted.add(id as string);
    if (t.expect === "pii") return `an event with a personal number was ${r.status} (${t.how})`;
    // (an id of another target — a mutation can make any id — may have been accepted there)
    if (r.status === "duplicate") return accepted.has(id as string) || !String(id).startsWith(prefix) ? null : "duplicate of an id never accepted";
    const parsed = hallEventSchema.safeParse(sent);
    if (!parsed.success) return `accepted an event the contract refuses: ${parsed.error.issues[0]?.path.join(".")} ${parsed.error.issues[0]?.message}`;
    if (hasPersonalNumber(JSON.stringify(sent))) return "accepted an event holding a personal number";
    return null;
  }
  counts.errors++;
  return `unknown status ${preview(r)}`;
}

function record(failures: FuzzFailure[], target: TargetName, index: number, problem: string | null, t: Tagged | null, counts: Counts, countError = true): void {
  if (problem === null) return;
  if (countError) counts.errors++;
  if (failures.length < 500) failures.push({ target, index, problem, how: t?.how ?? "", input: preview(t?.value) });
}

/** Generates `n` inputs in chunks (deterministic for the seed) and hands each chunk to `use`. */
async function inChunks<T>(n: number, seed: number, target: TargetName, arb: (chunk: number) => fc.Arbitrary<T>, use: (items: T[], offset: number) => Promise<void>, chunkSize = 500): Promise<void> {
  for (let done = 0, chunk = 0; done < n; chunk++) {
    const size = Math.min(chunkSize, n - done);
    const items = fc.sample(arb(chunk), { numRuns: size, seed: seedFor(seed, target, chunk) });
    await use(items, done);
    done += size;
  }
}

const context = (prefix: string, pool: number): EventContext => ({
  hallId: FUZZ_HALL,
  windows: fuzzHall.windows.map((w) => w.id),
  categories: fuzzHall.categories.map((c) => c.id),
  itemCodes: ["FZ-0000", "FZ-0001", "FZ-0002", "SB-404"],
  nowMs: Date.now(),
  idPrefix: prefix,
  idPool: pool,
  ticketPool: 400,
});

/** Cuts a list of tagged inputs into batches of 1..max inputs, each under `budget` bytes of JSON. */
function batches(items: Tagged[], sizes: number[], budget: number): Tagged[][] {
  const out: Tagged[][] = [];
  let cur: Tagged[] = [];
  let bytes = 2;
  let k = 0;
  for (const t of items) {
    const len = (JSON.stringify(t.value) ?? "null").length + 1;
    const max = sizes[k % sizes.length] as number;
    if (cur.length > 0 && (cur.length >= max || bytes + len > budget)) {
      out.push(cur);
      cur = [];
      bytes = 2;
      k++;
    }
    cur.push(t);
    bytes += len;
  }
  if (cur.length > 0) out.push(cur);
  return out;
}

// ── HTTP POST /api/halls/:hallId/events ─────────────────────────────────────────────────────────

/** Bodies no JSON.stringify makes: broken JSON, huge numbers, very deep nesting, raw __proto__. */
const SPECIAL_BODIES: { body: string; how: string; status: number }[] = [
  { body: "[{", how: "truncated JSON", status: 400 },
  { body: "", how: "empty body", status: 400 },
  { body: "{}", how: "an object, not an array", status: 400 },
  { body: '"events"', how: "a string", status: 400 },
  { body: "null", how: "null", status: 400 },
  { body: `[${'{"id":"x"},'.repeat(500)}{"id":"y"}]`, how: "501 events", status: 400 },
  { body: '[{"id":"big-1","type":"evaluation.submitted","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","ticketId":"t-1","windowId":"w1","rating":1e400}]', how: "1e400", status: 200 },
  { body: '[{"id":"nan-1","type":"evaluation.submitted","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","ticketId":"t-1","windowId":"w1","rating":NaN}]', how: "NaN literal", status: 400 },
  { body: '[{"__proto__":{"polluted":true},"id":"proto-1","type":"window.closed","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","windowId":"w1"}]', how: "raw __proto__", status: 200 },
  { body: '[{"constructor":{"prototype":{"polluted":true}},"id":"proto-2","type":"window.closed","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","windowId":"w1"}]', how: "raw constructor.prototype", status: 200 },
  { body: `[${"[".repeat(5000)}${"]".repeat(5000)}]`, how: "5000-deep array", status: 200 },
  { body: `[{"id":"deep-1","x":${'{"a":'.repeat(3000)}1${"}".repeat(3000)}}]`, how: "3000-deep object", status: 200 },
  { body: '[{"id":"dup-key","id":"13912345678","type":"window.closed","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","windowId":"w1"}]', how: "duplicate key with a phone number", status: 200 },
  { body: '[{"id":"esc-1","type":"window.paused","hallId":"fz-hall","ts":"2026-01-01T00:00:00Z","windowId":"w1","reason":"\\u0031\\u0033\\u0039\\u0031\\u0032\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038"}]', how: "phone number as \\u escapes", status: 200 },
  { body: "\uFEFF[]", how: "BOM before JSON", status: 0 },
];

async function fuzzHttpEvents(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  const api = new Api(s.server.url, s.deviceToken);
  const accepted = new Set<string>();
  let special = 0;
  await inChunks(
    n,
    seed,
    "events",
    () => eventInput(context("ev-", 3000), { hugeMax: 40_000 }),
    async (items, offset) => {
      let index = offset;
      for (const batch of batches(items, [1, 7, 50, 200, 3, 120], 900_000)) {
        const sent = batch.map((t) => wire(t.value));
        const res = await api.request<{ results?: Result[]; error?: { field?: unknown } }>("POST", `/api/halls/${FUZZ_HALL}/events`, JSON.stringify(batch.map((t) => t.value)));
        if (res.status !== 200 || !Array.isArray(res.body.results) || res.body.results.length !== batch.length) {
          for (const t of batch) record(failures, "events", index++, `HTTP ${res.status}: ${preview(res.body)}`, t, counts);
          counts.inputs += batch.length;
          continue;
        }
        batch.forEach((t, i) => record(failures, "events", index++, judgeEvent(t, sent[i], res.body.results?.[i], accepted, counts, "ev-"), t, counts));
        // now and then a body no generator makes
        if (index % 40 < batch.length) {
          const sp = SPECIAL_BODIES[special++ % SPECIAL_BODIES.length] as (typeof SPECIAL_BODIES)[number];
          const r = await api.request<{ results?: Result[]; error?: { code?: unknown; field?: unknown } }>("POST", `/api/halls/${FUZZ_HALL}/events`, sp.body);
          counts.inputs++;
          const t: Tagged = { value: sp.body.slice(0, 200), expect: "any", how: sp.how };
          if (r.status === 200) {
            const results = r.body.results ?? [];
            if (results.some((x) => x.status === "accepted")) counts.accepted++;
            else if (results.some((x) => x.status === "duplicate")) counts.duplicate++;
            else counts.rejected++;
            if (sp.how === "duplicate key with a phone number" && results[0]?.status !== "rejected") record(failures, "events", -1, `a phone number (last of two "id" keys) was not refused: ${preview(results[0])}`, t, counts);
            if (sp.how === "phone number as \\u escapes" && results[0]?.status !== "rejected") record(failures, "events", -1, `a phone number written as \\u escapes was not refused: ${preview(results[0])}`, t, counts);
            for (const x of results) if (x.status === "rejected" && (typeof x.field !== "string" || !String(x.error).startsWith(`${x.field}: `))) record(failures, "events", -1, `rejected without a field: ${preview(x)}`, t, counts);
          } else if (r.status >= 400 && r.status < 500 && typeof r.body.error?.field === "string") counts.rejected++;
          else record(failures, "events", -1, `HTTP ${r.status}: ${preview(r.body)}`, t, counts);
          if (sp.status !== 0 && r.status !== sp.status) record(failures, "events", -1, `expected HTTP ${sp.status}, got ${r.status}: ${preview(r.body)}`, t, counts, false);
        }
      }
    },
    1000,
  );
}

// ── socket.io /ingest ───────────────────────────────────────────────────────────────────────────

function connect(url: string, ns: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(`${url}${ns}`, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  return new Promise((resolve, reject) => {
    socket.once("connect", () => resolve(socket));
    socket.once("connect_error", (err) => reject(new Error(`${ns} refused: ${err.message}`)));
  });
}

async function emitAck(socket: Socket, event: string, payload: unknown): Promise<unknown> {
  try {
    return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload);
  } catch (err) {
    return { __noAck: err instanceof Error ? err.message : String(err) };
  }
}

function ackProblem(ack: unknown): string | null {
  if (ack === null || typeof ack !== "object") return `no ack object: ${preview(ack)}`;
  const a = ack as { ok?: unknown; data?: unknown; error?: { code?: unknown; field?: unknown; message?: unknown }; __noAck?: string };
  if (a.__noAck !== undefined) return `no ack within ${ACK_TIMEOUT_MS} ms (${a.__noAck})`;
  if (a.ok === true) return null;
  if (a.ok !== false || !a.error) return `malformed ack: ${preview(ack)}`;
  if (!(ERROR_CODES as readonly string[]).includes(String(a.error.code))) return `unknown error code: ${preview(ack)}`;
  if (a.error.code === "internal" || a.error.code === "storage_unavailable") return `server failure: ${preview(ack)}`;
  if (typeof a.error.message !== "string") return `error without a message: ${preview(ack)}`;
  return null;
}

async function fuzzIngestSocket(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  const socket = await connect(s.server.url, "/ingest", { token: s.deviceToken });
  const accepted = new Set<string>();
  try {
    await inChunks(n, seed, "ingest", () => eventInput(context("in-", 3000), { hugeMax: 20_000 }), async (items, offset) => {
      let index = offset;
      let k = 0;
      for (const batch of batches(items, [1, 60, 1, 100, 1, 25, 1, 5], SOCKET_BUDGET)) {
        k++;
        if (batch.length === 1 && k % 2 === 1) {
          const t = batch[0] as Tagged;
          const ack = await emitAck(socket, "event", t.value);
          const p = ackProblem(ack);
          if (p || !(ack as { ok: boolean }).ok) {
            counts.inputs++;
            record(failures, "ingest", index++, p ?? `"event" answered ok:false: ${preview(ack)}`, t, counts);
            continue;
          }
          record(failures, "ingest", index++, judgeEvent(t, wire(t.value), (ack as { data: Result }).data, accepted, counts, "in-"), t, counts);
          continue;
        }
        const ack = await emitAck(socket, "events", batch.map((t) => t.value));
        const p = ackProblem(ack);
        const results = (ack as { data?: { results?: Result[] } }).data?.results;
        if (p || !Array.isArray(results) || results.length !== batch.length) {
          counts.inputs += batch.length;
          for (const t of batch) record(failures, "ingest", index++, p ?? `"events" answered ${preview(ack)}`, t, counts);
          continue;
        }
        batch.forEach((t, i) => record(failures, "ingest", index++, judgeEvent(t, wire(t.value), results[i], accepted, counts, "in-"), t, counts));
        // not an array / too many: refused naming "events"
        if (k % 50 === 0) {
          const bad = k % 100 === 0 ? { events: batch.map((t) => t.value) } : Array.from({ length: 501 }, (_, i) => ({ id: `x${i}` }));
          const a = (await emitAck(socket, "events", bad)) as { ok?: boolean; error?: { field?: string } };
          counts.inputs++;
          if (a.ok === false && a.error?.field === "events") counts.rejected++;
          else record(failures, "ingest", -1, `a bad "events" payload was answered ${preview(a)}`, { value: "bad events", expect: "any", how: "bad events" }, counts);
        }
      }
    });
  } finally {
    socket.disconnect();
  }
}

// ── socket.io /staff ────────────────────────────────────────────────────────────────────────────

async function fuzzStaff(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  const windows = Object.keys(s.staffTokens);
  const sockets = await Promise.all(windows.map((w) => connect(s.server.url, "/staff", { token: s.staffTokens[w] })));
  const per = Math.ceil(n / windows.length);
  try {
    await Promise.all(
      windows.map(async (w, wi) => {
        const socket = sockets[wi] as Socket;
        const other = windows[(wi + 1) % windows.length] as string;
        const accepted = new Set<string>();
        const total = Math.min(per, n - per * wi);
        await inChunks(total, seed + wi * 31, "staff", () => staffInput(context(`st${wi}-`, 1500), w, other), async (items, offset) => {
          let index = offset;
          const acks: Promise<unknown>[] = [];
          for (let i = 0; i < items.length; i++) {
            // STAFF_WINDOW actions in flight, judged in the order they were sent
            while (acks.length < items.length && acks.length < i + STAFF_WINDOW) acks.push(emitAck(socket, "action", (items[acks.length] as Tagged).value));
            const t = items[i] as Tagged;
            const sent = wire(t.value);
            const ack = (await acks[i]) as { ok?: boolean; data?: Result; error?: { code?: string; field?: unknown; message?: unknown } };
            counts.inputs++;
            if (t.expect === "pii") counts.planted++;
            const p = ackProblem(ack);
            if (p) {
              record(failures, "staff", index++, p, t, counts);
              continue;
            }
            if (ack.ok === false) {
              counts.rejected++;
              const e = ack.error as { code?: string; field?: unknown; message?: unknown };
              let problem: string | null = null;
              if ((e.code === "bad_request" || e.code === "forbidden") && (typeof e.field !== "string" || e.field === "" || !String(e.message).startsWith(`${e.field}: `)))
                problem = `refused (${e.code}) without naming a field: ${preview(ack)}`;
              else if (t.expect === "valid" && !(e.code === "not_found" || ((e.code === "bad_request" || e.code === "forbidden") && (e.field === "ticketId" || e.field === "windowId"))))
                problem = `a valid action was refused: ${preview(ack)}`;
              else if (hasPersonalNumber(String(e.message)) || hasPersonalNumber(String(e.field))) problem = `the refusal echoes a personal number: ${preview(ack)}`;
              record(failures, "staff", index++, problem, t, counts);
              continue;
            }
            const data = ack.data as Result;
            const id = (sent as { id?: unknown }).id as string;
            let problem: string | null = null;
            if (data.id !== id) problem = `the ack's id ${String(data.id)} is not the action's`;
            else if (t.expect === "pii") {
              problem = `an action with a personal number was ${String(data.status)} (${t.how})`;
              if (data.status === "accepted") accepted.add(id);
            } else if (data.status === "duplicate") {
              counts.duplicate++;
              if (!accepted.has(id) && id.startsWith(`st${wi}-`)) problem = "duplicate of an id never accepted";
            } else if (data.status === "accepted") {
              counts.accepted++;
              const type = (sent as { type?: unknown }).type;
              const parsed = isStaffActionType(type) ? staffActionSchemas[type].safeParse(sent) : null;
              if (!parsed?.success) problem = "accepted an action the contract refuses";
              else if (hasPersonalNumber(JSON.stringify(sent))) problem = "accepted an action holding a personal number";
              else if (accepted.has(id)) problem = "accepted the same id twice";
              accepted.add(id);
            } else problem = `unknown status ${preview(data)}`;
            record(failures, "staff", index++, problem, t, counts);
          }
        }, 250);
      }),
    );
    // the console's own view still answers
    const view = (await sockets[0]?.timeout(ACK_TIMEOUT_MS).emitWithAck("view").catch((err: unknown) => ({ __noAck: String(err) }))) as { ok?: boolean };
    if (view.ok !== true) record(failures, "staff", -1, `the staff view does not answer: ${preview(view)}`, null, counts);
  } finally {
    for (const so of sockets) so.disconnect();
  }
}

// ── PUT /api/halls/:hallId ──────────────────────────────────────────────────────────────────────

function httpProblem(status: number, body: unknown): string | null {
  const e = (body as { error?: { code?: unknown; field?: unknown; message?: unknown } } | null)?.error;
  if (status >= 500) return `HTTP ${status}: ${preview(body)}`;
  if (status < 400) return null;
  if (!e || !(ERROR_CODES as readonly string[]).includes(String(e.code))) return `HTTP ${status} without the contract's error body: ${preview(body)}`;
  if (e.code === "bad_request" && (typeof e.field !== "string" || e.field === "")) return `400 without error.field: ${preview(body)}`;
  // (an item import's answer also describes the uploaded file — its headers, unmapped columns — to the
  // administrator who sent it; only the error itself is held to "never echo a personal number")
  if (hasPersonalNumber(JSON.stringify(e))) return `the error echoes a personal number: ${preview(e)}`;
  return null;
}

async function fuzzHalls(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  await inChunks(n, seed, "halls", () => hallConfigInput, async (items, offset) => {
    await pool(items, CONCURRENCY, async (t, i) => {
      const index = offset + i;
      const { hallId, body } = t.value;
      const text = JSON.stringify(body) ?? "null";
      const res = await s.admin.request("PUT", `/api/halls/${hallId}`, text);
      counts.inputs++;
      if (t.expect === "pii") counts.planted++;
      let problem = httpProblem(res.status, res.body);
      if (res.status === 200 || res.status === 201) {
        counts.accepted++;
        if (t.expect === "pii") problem = `a configuration with a personal number was stored (${t.how})`;
        else if (!hallConfigSchema.safeParse(wire(body)).success) problem = "stored a configuration the contract refuses";
        else if (hasPersonalNumber(text) || hasPersonalNumber(hallId)) problem = "stored a configuration holding a personal number";
      } else if (res.status >= 400 && res.status < 500) {
        counts.rejected++;
        if (t.expect === "valid") problem ??= `a valid configuration was refused: ${preview(res.body)}`;
      } else problem ??= `HTTP ${res.status}`;
      record(failures, "halls", index, problem, t as Tagged, counts);
    });
  }, 200);
  // prototype pollution did not take: a fresh object has no "polluted" property on the server side
  const probe = setOwn({ ...(wire(fuzzHall) as Record<string, unknown>) }, "__proto__", { polluted: true });
  const res = await s.admin.request("PUT", "/api/halls/fz-cfg-0", JSON.stringify(probe));
  if (res.status !== 400) record(failures, "halls", -1, `a configuration with __proto__ was answered ${res.status}`, { value: probe, expect: "any", how: "__proto__ probe" }, counts, false);
}

// ── POST /api/halls/:hallId/items/:source ───────────────────────────────────────────────────────

async function fuzzItems(s: FuzzSession, n: number, seed: number, counts: Counts, failures: FuzzFailure[]): Promise<void> {
  await inChunks(n, seed, "items", () => itemFileInput, async (items, offset) => {
    await pool(items, CONCURRENCY, async (t, i) => {
      const index = offset + i;
      const file = await buildItemFile(t.value);
      const hallId = index % 10 === 0 ? FUZZ_HALL : ITEMS_HALL;
      const res = await fetch(`${s.server.url}/api/halls/${hallId}/items/${file.pathAndQuery}`, {
        method: "POST",
        headers: { authorization: `Bearer ${s.adminToken}`, ...(file.contentType ? { "content-type": file.contentType } : {}) },
        body: file.body,
      });
      const text = await res.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON
      }
      counts.inputs++;
      if (t.expect === "pii") counts.planted++;
      let problem = httpProblem(res.status, body);
      const b = body as { version?: unknown; imported?: unknown; errors?: unknown[]; dryRun?: unknown };
      if (res.status === 200 || res.status === 201) {
        counts.accepted++;
        if (t.expect === "pii") problem = `a list with a personal number was imported (${t.how})`;
        else if (res.status === 201 && t.value.query.partial !== "true" && (b.errors?.length ?? 0) > 0) problem = "imported a list with errors without partial=true";
        else if (t.expect === "valid" && t.value.query.dryRun !== "true" && b.imported !== t.value.rows.length - 1) problem = `a valid list imported ${String(b.imported)} of ${t.value.rows.length - 1} items: ${preview(b.errors)}`;
      } else if (res.status >= 400 && res.status < 500) {
        counts.rejected++;
        if (t.expect === "valid") problem ??= `a valid list was refused: ${preview(body)}`;
      } else problem ??= `HTTP ${res.status}`;
      record(failures, "items", index, problem, { ...t, value: { ...t.value, raw: undefined, rows: t.value.rows.slice(0, 3) } } as Tagged, counts);
    });
  }, 100);
}

/** A table of the counts, for the CLI and test output. */
export function formatReport(r: FuzzReport): string {
  const head = ["target", "inputs", "accepted", "duplicate", "rejected", "errors", "planted PII", "seconds"];
  const rows = TARGETS.filter((t) => r.counts[t].inputs > 0).map((t) => [t, r.counts[t].inputs, r.counts[t].accepted, r.counts[t].duplicate, r.counts[t].rejected, r.counts[t].errors, r.counts[t].planted, (r.ms[t] / 1000).toFixed(1)].map(String));
  const total = TARGETS.reduce((a, t) => a + r.counts[t].inputs, 0);
  rows.push(["total", String(total), ...(["accepted", "duplicate", "rejected", "errors", "planted"] as const).map((k) => String(TARGETS.reduce((a, t) => a + r.counts[t][k], 0))), (r.totalMs / 1000).toFixed(1)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join("  ");
  return [line(head), ...rows.map(line), `seed ${r.seed}; database: ${r.database.events} events, ${r.database.quarantine} quarantined, ${r.database.halls} halls, ${r.database.items} items`].join("\n");
}

export function formatFailures(failures: readonly FuzzFailure[], max = 30): string {
  return failures
    .slice(0, max)
    .map((f) => `- [${f.target}#${f.index}] ${f.problem}${f.how ? `\n    how: ${f.how}` : ""}${f.input ? `\n    input: ${f.input}` : ""}`)
    .join("\n");
}

