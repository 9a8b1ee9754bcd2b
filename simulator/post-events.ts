// The HTTP fallback for sending events (POST /api/halls/:hallId/events), for one-off uploads without a socket.
import { MAX_EVENTS_PER_BATCH, type HallEvent, type IngestResult } from "../contract/index.js";
import { backoffMs, chunk } from "./ingest-backoff.js";
import { IngestError } from "./ingest-error.js";

export interface PostEventsOptions {
  /** Resends of one batch after a network error, 429 or 5xx; default 5. */
  maxRetries?: number;
  retryBaseMs?: number;
  /** Events per request, at most 500; default 500. */
  batchSize?: number;
}

/**
 * POST /api/halls/:hallId/events with `Authorization: Bearer <token>`, in requests of ≤ 500 events;
 * resolves with one result per event in input order. Throws IngestError on a 4xx answer.
 */
export async function postEvents(url: string, token: string, hallId: string, events: readonly HallEvent[], opts: PostEventsOptions = {}): Promise<IngestResult[]> {
  const endpoint = `${url.replace(/\/+$/, "")}/api/halls/${encodeURIComponent(hallId)}/events`;
  const maxRetries = opts.maxRetries ?? 5;
  const base = opts.retryBaseMs ?? 250;
  const out: IngestResult[] = [];
  for (const batch of chunk(events, Math.max(1, Math.min(MAX_EVENTS_PER_BATCH, opts.batchSize ?? MAX_EVENTS_PER_BATCH)))) {
    const body = JSON.stringify(batch);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, backoffMs(attempt, base, 10_000)));
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body,
        });
      } catch (err) {
        if (attempt < maxRetries) continue;
        throw new IngestError("http", `POST ${endpoint} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      const text = await res.text();
      let json: unknown;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = null;
      }
      if (res.ok) {
        const results = (json as { results?: unknown } | null)?.results;
        if (!Array.isArray(results) || results.length !== batch.length) throw new IngestError("bad_ack", `POST ${endpoint}: expected ${batch.length} results`);
        out.push(...(results as IngestResult[]));
        break;
      }
      const error = (json as { error?: { code?: unknown; message?: unknown } } | null)?.error;
      const code = typeof error?.code === "string" ? error.code : "http";
      const message = typeof error?.message === "string" ? error.message : `HTTP ${res.status}`;
      if ((res.status === 429 || res.status >= 500) && attempt < maxRetries) continue;
      throw new IngestError(code, `POST ${endpoint}: ${res.status} ${message}`, res.status);
    }
  }
  return out;
}
