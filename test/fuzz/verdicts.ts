// Judging one answer: an ingest result against the event that was sent (judgeEvent), a socket.io ack
// (ackProblem) and an HTTP answer (httpProblem) against the contract's error shape, and recording a
// problem as a failure. Also how an input looks on the wire and in a failure report.
import { ERROR_CODES, hallEventSchema } from "../../contract/index.js";
import { hasPersonalNumber } from "./privacy-scan.js";
import type { Counts, FuzzFailure, TargetName } from "./report-types.js";
import { ACK_TIMEOUT_MS } from "./socket-client.js";
import type { Tagged } from "./tagged.js";

export const preview = (v: unknown) => {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  return s.length > 300 ? `${s.slice(0, 300)}…(${s.length} chars)` : s;
};
/** What the server receives: the JSON round trip of what we send. */
export const wire = (v: unknown): unknown => {
  const s = JSON.stringify(v);
  return s === undefined ? null : JSON.parse(s);
};

export type Result = { id?: unknown; status?: unknown; error?: unknown; field?: unknown };

/** Checks one ingest result against what was sent; counts it; returns the problem or null. */
export function judgeEvent(t: Tagged, sent: unknown, r: Result | undefined, accepted: Set<string>, counts: Counts, prefix: string): string | null {
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

export function record(failures: FuzzFailure[], target: TargetName, index: number, problem: string | null, t: Tagged | null, counts: Counts, countError = true): void {
  if (problem === null) return;
  if (countError) counts.errors++;
  if (failures.length < 500) failures.push({ target, index, problem, how: t?.how ?? "", input: preview(t?.value) });
}

export function ackProblem(ack: unknown): string | null {
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

export function httpProblem(status: number, body: unknown): string | null {
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
