// The checks after every run: the server is alive, healthy and logged no crash or error, and its storage
// (SQLite file or PostgreSQL) holds only valid rows — events that re-parse with ts matching tsMs,
// quarantine rows naming a field, hall configurations and items that re-parse, no personal numbers.
import Database from "better-sqlite3";
import { hallConfigSchema, hallEventSchema, parseIsoTimestamp, serviceItemSchema } from "../../contract/index.js";
import { withLogDb } from "../helpers/log-db.js";
import type { ServerProcess } from "../helpers/server-process.js";
import { hasPersonalNumber } from "./privacy-scan.js";
import type { FuzzFailure, FuzzReport } from "./report-types.js";
import { preview } from "./verdicts.js";

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
