// The one error type of the ingest clients, so callers can tell a refused token from a network failure by code.

export class IngestError extends Error {
  constructor(
    /** A contract error code (e.g. "unauthorized"), or "closed", "retries_exhausted", "bad_ack", "connect_timeout", "http". */
    readonly code: string,
    message: string,
    /** HTTP status, for postEvents. */
    readonly status?: number,
  ) {
    super(message);
    this.name = "IngestError";
  }
}
