// The answer for each ingested event, in input order.
export const INGEST_STATUSES = ["accepted", "duplicate", "rejected"] as const;
export type IngestStatus = (typeof INGEST_STATUSES)[number];

export interface IngestResult {
  /** The event's id as sent (null when the input carried no usable id). */
  id: string | null;
  status: IngestStatus;
  /** For `rejected`: the failing field and why, e.g. "ts: invalid ISO-8601 timestamp". */
  error?: string;
  /** For `rejected`: the failing field's path alone, e.g. "ts" or "requestedMaterials.0". */
  field?: string;
}

/** HTTP POST /api/halls/:hallId/events answers 200 with this. */
export interface IngestResponse {
  results: IngestResult[];
}

/** Largest batch accepted by HTTP POST …/events and socket `events`. */
export const MAX_EVENTS_PER_BATCH = 500;

/** One rejected input kept in the quarantine, personal identifiers masked (GET …/quarantine). */
export interface QuarantineItem {
  id: number;
  hallId: string;
  /** Where it came from: "http" (POST …/events), "socket" (/ingest) or "staff" (a console's action). */
  source: string;
  /** The input's event id, when it carried a usable one. */
  eventId: string | null;
  /** The failing field's path, when one field is to blame. */
  field: string | null;
  error: string;
  /** The input as received (masked), as JSON text. */
  payload: string;
  /** ISO-8601. */
  receivedAt: string;
}

/** GET /api/halls/:hallId/quarantine answers 200 with this, newest first. */
export interface QuarantineResponse {
  items: QuarantineItem[];
}
