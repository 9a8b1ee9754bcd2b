// Reading what the server answers (acks and connection errors) without trusting its shape.
import { INGEST_STATUSES, type IngestResult } from "../contract/index.js";

/** Ack error codes worth retrying: the server is busy, starting or briefly broken. */
export const RETRYABLE = new Set(["rate_limited", "storage_unavailable", "not_ready", "internal"]);

export type ParsedAck =
  | { kind: "ok"; results: IngestResult[] }
  | { kind: "error"; code: string; message: string }
  | { kind: "malformed"; message: string };

export function parseAck(reply: unknown, expected: number): ParsedAck {
  if (typeof reply !== "object" || reply === null) return { kind: "malformed", message: "ack is not an object" };
  const r = reply as { ok?: unknown; data?: unknown; error?: unknown };
  if (r.ok === false) {
    const e = (typeof r.error === "object" && r.error !== null ? r.error : {}) as { code?: unknown; message?: unknown };
    return { kind: "error", code: typeof e.code === "string" ? e.code : "internal", message: typeof e.message === "string" ? e.message : "error ack" };
  }
  if (r.ok !== true) return { kind: "malformed", message: "ack without ok" };
  const results = (r.data as { results?: unknown } | undefined)?.results;
  if (!Array.isArray(results)) return { kind: "malformed", message: "ack without data.results" };
  if (results.length !== expected) return { kind: "malformed", message: `ack has ${results.length} results for ${expected} events` };
  for (const x of results) {
    const status = (x as { status?: unknown } | null)?.status;
    if (!(INGEST_STATUSES as readonly unknown[]).includes(status)) return { kind: "malformed", message: `unknown result status ${String(status)}` };
  }
  return { kind: "ok", results: results as IngestResult[] };
}

/** The error code of a refused connection: from the handshake's error data, else from the message. */
export function errorCodeOf(err: Error & { data?: unknown }): string | null {
  const data = err.data as { code?: unknown; error?: { code?: unknown } } | undefined;
  const code = data?.code ?? data?.error?.code;
  if (typeof code === "string") return code;
  const m = /\b(unauthorized|forbidden|not_ready|rate_limited|storage_unavailable|internal)\b/.exec(err.message);
  return m ? (m[1] as string) : null;
}
