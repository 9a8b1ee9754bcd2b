// The privacy scan (去标识化): looks for PRC resident ID numbers and mobile numbers in everything the server
// keeps or shows — every column of every table of the SQLite file, the server's log output, the wall's
// display snapshot, the staff view and every export — and for bearer tokens in the logs.
//
// It is deliberately independent of server/domain/personal-data.ts (its own patterns, its own
// normalisation), so that a miss of the server's detector shows up here instead of being repeated:
//   - text is NFKC-normalised first, so full-width digits (１３９…) and full-width +/- count;
//   - mobile: 1[3-9] + 9 digits, optionally after +86 / 86 / 0086, optionally grouped 3-4-4 by one
//     kind of separator (space, tab, no-break or ideographic space, any dash);
//   - resident ID: 18 characters (17 digits + digit/X) whose birth date is a real date 1800–2099
//     (the check digit is NOT required: a wrong check digit is still somebody's typo'd ID number), and
//     the first-generation 15-digit number (6-digit region + YYMMDD + 3 digits, a real date).
// A number counts only as a word of its own: not directly preceded or followed by an ASCII letter or
// digit. That is the contract's definition, and it is what keeps false positives away:
//   - hex hashes (token hashes, ids like a1b2c313912345678f) never match — their digit runs touch letters;
//   - ISO timestamps (2026-11-25T09:31:05.120+08:00) and dates (20261125) have runs of ≤ 8 digits;
//   - the fraction digits of a decimal number (utilization 1.955328351229114 in a heatmap) are not a
//     number of their own: a run right after "<digit>." is skipped;
//   - epoch milliseconds (13 digits), row ids, rollup buckets and byte counts have other lengths;
//   - the display feed's `seq` (boot epoch × 10⁹ + counter) would read as a mobile number from the 13th
//     restart on: it is protocol metadata, so the snapshot's `hall` and `view` are scanned, not its seq;
//   - the 15-digit pattern needs a real YYMMDD in the middle; no 15-digit counters exist in the schema.
// Masked values ("***********") never match. Anything found is reported with its place and context.
import ExcelJS from "exceljs";
import Database from "better-sqlite3";
import { storedData } from "../helpers/log-db.js";
import type { ServerProcess } from "../helpers/server-process.js";

export type PersonalKind = "mobile" | "id_card_18" | "id_card_15";

export interface PrivacyFinding {
  /** Where: "db:Quarantine.payload#12", "log", "export:history.csv", … */
  where: string;
  kind: PersonalKind;
  /** The matched text (for the report; it is test data). */
  match: string;
  /** Up to 40 characters either side. */
  context: string;
}

/** Not after a letter or digit, nor after "<digit>." (the fraction digits of a decimal number). */
const NOT_ALNUM_BEFORE = "(?<![A-Za-z0-9])(?<!\\d\\.)";
const NOT_ALNUM_AFTER = "(?![A-Za-z0-9])";
const SEP = "[ \\t\\u00a0\\u3000\\-\\u2010-\\u2015\\u2212]";
const MOBILE_RE = new RegExp(
  `${NOT_ALNUM_BEFORE}(?:(?:\\+|00)?86${SEP}?)?(1[3-9]\\d(?:\\d{8}|(${SEP})\\d{4}\\2\\d{4}))${NOT_ALNUM_AFTER}`,
  "g",
);
const ID18_RE = new RegExp(`${NOT_ALNUM_BEFORE}([1-9]\\d{5})(\\d{4})(\\d{2})(\\d{2})\\d{3}[\\dXx]${NOT_ALNUM_AFTER}`, "g");
const ID15_RE = new RegExp(`${NOT_ALNUM_BEFORE}([1-9]\\d{5})(\\d{2})(\\d{2})(\\d{2})\\d{3}${NOT_ALNUM_AFTER}`, "g");

function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

/** Every personal identifier in a text, with its kind (on the NFKC-normalised text). */
export function personalNumbersIn(text: string): { kind: PersonalKind; match: string; index: number }[] {
  if (!/[0-9\uff10-\uff19]/.test(text)) return [];
  const t = text.normalize("NFKC");
  const out: { kind: PersonalKind; match: string; index: number }[] = [];
  for (const m of t.matchAll(ID18_RE)) {
    const year = Number(m[2]);
    if (year >= 1800 && year <= 2099 && realDate(year, Number(m[3]), Number(m[4]))) out.push({ kind: "id_card_18", match: m[0], index: m.index });
  }
  for (const m of t.matchAll(ID15_RE)) {
    if (realDate(1900 + Number(m[2]), Number(m[3]), Number(m[4]))) out.push({ kind: "id_card_15", match: m[0], index: m.index });
  }
  for (const m of t.matchAll(MOBILE_RE)) out.push({ kind: "mobile", match: m[0], index: m.index });
  return out;
}

export function hasPersonalNumber(text: string): boolean {
  return personalNumbersIn(text).length > 0;
}

/** Scans one text; findings are appended to `into`. */
export function scanText(where: string, text: string, into: PrivacyFinding[]): void {
  for (const hit of personalNumbersIn(text)) {
    const norm = text.normalize("NFKC");
    into.push({ where, kind: hit.kind, match: hit.match, context: norm.slice(Math.max(0, hit.index - 40), hit.index + hit.match.length + 40) });
  }
}

/** Every value of every column of every table (text, numbers and blobs as UTF-8). */
export function scanDatabase(file: string, into: PrivacyFinding[]): { tables: number; rows: number; values: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.defaultSafeIntegers(true);
  let rows = 0;
  let values = 0;
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
    for (const { name } of tables) {
      const stmt = db.prepare(`SELECT rowid AS __rowid, * FROM "${name.replace(/"/g, '""')}"`);
      let iterate: IterableIterator<unknown>;
      try {
        iterate = stmt.iterate();
      } catch {
        iterate = db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).iterate(); // WITHOUT ROWID tables
      }
      for (const row of iterate as IterableIterator<Record<string, unknown>>) {
        rows++;
        const rowId = row.__rowid ?? rows;
        for (const [col, v] of Object.entries(row)) {
          if (col === "__rowid" || v === null || v === undefined) continue;
          values++;
          const text = Buffer.isBuffer(v) ? v.toString("utf8") : String(v);
          scanText(`db:${name}.${col}#${String(rowId)}`, text, into);
        }
      }
    }
    return { tables: tables.length, rows, values };
  } finally {
    db.close();
  }
}

/** scanDatabase over a server's storage, SQLite file or PostgreSQL database (test/helpers/log-db.ts). */
export async function scanStorage(server: ServerProcess, into: PrivacyFinding[]): Promise<{ tables: number; rows: number; values: number }> {
  const data = await storedData(server);
  for (const c of data.cells) scanText(`db:${c.table}.${c.column}#${c.row}`, c.text, into);
  return { tables: data.tables.length, rows: data.rows, values: data.cells.length };
}

/** Every cell of every sheet of an XLSX file (values as the reader shows them, plus the raw XML text). */
export async function scanXlsx(where: string, bytes: Buffer, into: PrivacyFinding[]): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  let cells = 0;
  wb.eachSheet((ws) => {
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        cells++;
        const v = cell.value;
        const text = v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v);
        scanText(`${where}!${ws.name}:R${r}C${c}`, text, into);
      });
    });
  });
  return cells;
}

/** Bearer tokens (or any hp_… token-shaped secret) appearing in a text, e.g. the server's log output. */
export function tokensIn(text: string, knownTokens: readonly string[]): string[] {
  const found = new Set<string>();
  for (const t of knownTokens) if (t.length >= 8 && text.includes(t)) found.add(t);
  for (const m of text.matchAll(/hp_[A-Za-z0-9_-]{43}/g)) found.add(m[0]);
  return [...found];
}

// ── everything the server shows: exports, the display snapshot, the staff view, the logs ─────────────

export interface SurfaceScan {
  findings: PrivacyFinding[];
  /** Bearer tokens found in the logs. */
  tokensInLogs: string[];
  /** What was looked at: "GET /api/… 200 (1234 bytes)", "display fz-hall", "log (12345 bytes)", … */
  looked: string[];
  /** Requests that did not answer 200 (the scan still read their bodies). */
  notOk: string[];
}

export interface SurfaceScanInput {
  url: string;
  adminToken: string;
  hallIds: readonly string[];
  /** Staff tokens whose console view to read (hall of the token). */
  staffTokens?: readonly string[];
  /** The server's complete output (stdout + stderr). */
  logs: string;
  /** Every token issued in the run, looked for in the logs. */
  tokens: readonly string[];
  /** Local date (YYYY-MM-DD) and month of the fuzzed events, for the reports. */
  today: string;
}

function localDateIn(ms: number, tz: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit" }).format(ms);
}

/** Shanghai's date of an instant (the fuzz halls' time zone). */
export const shanghaiDate = (ms: number) => localDateIn(ms, "Asia/Shanghai");

async function onceEvent<T>(socketUrl: string, auth: Record<string, unknown>, event: string, timeoutMs = 15_000): Promise<T> {
  const { io } = await import("socket.io-client");
  const socket = io(socketUrl, { transports: ["websocket"], forceNew: true, reconnection: false, auth });
  try {
    return await new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${event} from ${socketUrl} within ${timeoutMs} ms`)), timeoutMs);
      socket.once(event, (payload: T) => {
        clearTimeout(timer);
        resolve(payload);
      });
      socket.once("connect_error", (err: Error) => {
        clearTimeout(timer);
        reject(err);
      });
    });
  } finally {
    socket.disconnect();
  }
}

/** Reads every export, the display snapshot and the staff views, and scans them and the logs. */
export async function scanSurfaces(input: SurfaceScanInput): Promise<SurfaceScan> {
  const findings: PrivacyFinding[] = [];
  const looked: string[] = [];
  const notOk: string[] = [];
  const month = input.today.slice(0, 7);
  const from = `${input.today.slice(0, 8)}01`;
  const get = async (method: "GET" | "POST", path: string, body?: unknown) => {
    const res = await fetch(`${input.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${input.adminToken}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const type = res.headers.get("content-type") ?? "";
    const where = `export:${method} ${path}`;
    if (res.status !== 200) notOk.push(`${method} ${path} → ${res.status} ${bytes.toString("utf8").slice(0, 200)}`);
    if (type.includes("spreadsheetml") && res.status === 200) {
      const cells = await scanXlsx(where, bytes, findings);
      looked.push(`${method} ${path} ${res.status} (xlsx, ${cells} cells)`);
    } else {
      scanText(where, bytes.toString("utf8"), findings);
      looked.push(`${method} ${path} ${res.status} (${bytes.length} bytes)`);
    }
    return { status: res.status, text: bytes.toString("utf8") };
  };

  await get("GET", "/api/halls");
  for (const hallId of input.hallIds) await get("GET", `/api/tokens?hallId=${encodeURIComponent(hallId)}`);
  for (const hallId of input.hallIds) {
    const h = `/api/halls/${encodeURIComponent(hallId)}`;
    await get("GET", h);
    await get("GET", `${h}/load`);
    // the quarantine list, every page
    let before: number | undefined;
    for (let page = 0; page < 10_000; page++) {
      const r = await get("GET", `${h}/quarantine?limit=500${before !== undefined ? `&before=${before}` : ""}`);
      const items = (JSON.parse(r.text) as { items?: { id: number }[] }).items ?? [];
      if (items.length < 500) break;
      before = items[items.length - 1]?.id;
    }
    for (const source of ["online", "hall"]) {
      await get("GET", `${h}/items/${source}`);
      const v = await get("GET", `${h}/items/${source}/versions`);
      const versions = ((JSON.parse(v.text) as { versions?: { version: number }[] }).versions ?? []).map((x) => x.version);
      if (versions.length >= 2) await get("GET", `${h}/items/${source}/diff?from=${Math.min(...versions)}&to=${Math.max(...versions)}`);
    }
    await get("GET", `${h}/consistency`);
    await get("GET", `${h}/consistency?format=csv`);
    await get("GET", `${h}/consistency/history?days=366`);
    await get("GET", `${h}/followups`);
    await get("GET", `${h}/followups/report`);
    for (const groupBy of ["window", "department", "category", "hour", "weekday", "day"]) {
      await get("GET", `${h}/history?from=${from}&to=${input.today}&groupBy=${groupBy}`);
      for (const format of ["csv", "xlsx"]) await get("GET", `${h}/history?from=${from}&to=${input.today}&groupBy=${groupBy}&format=${format}`);
    }
    for (const format of ["json", "csv", "xlsx"]) {
      await get("GET", `${h}/staffing?weeks=4&format=${format}`);
      await get("GET", `${h}/report/monthly?month=${month}&format=${format}`);
      await get("POST", `${h}/whatif?format=${format}`, { date: input.today, allocation: { windows: [] } });
    }
    await get("GET", `${h}/heatmap?kind=arrivals&from=${from}&to=${input.today}`);
    await get("GET", `${h}/heatmap?kind=utilization&from=${from}&to=${input.today}`);
    await get("GET", `${h}/rebalance`);
    // the wall: its snapshot's hall and view (its seq is protocol metadata, see above)
    try {
      const snap = await onceEvent<{ hall?: unknown; view?: unknown }>(`${input.url}/display`, { token: input.adminToken, hallId }, "snapshot");
      scanText(`display:${hallId}`, JSON.stringify({ hall: snap.hall, view: snap.view }), findings);
      looked.push(`display snapshot ${hallId}`);
    } catch (err) {
      notOk.push(`display ${hallId}: ${String(err)}`);
    }
  }
  for (const token of input.staffTokens ?? []) {
    try {
      const view = await onceEvent<unknown>(`${input.url}/staff`, { token }, "staff.view");
      scanText("staff.view", JSON.stringify(view), findings);
      looked.push("staff view");
    } catch (err) {
      notOk.push(`staff view: ${String(err)}`);
    }
  }
  scanText("log", input.logs, findings);
  looked.push(`log (${input.logs.length} characters)`);
  return { findings, tokensInLogs: tokensIn(input.logs, input.tokens), looked, notOk };
}
